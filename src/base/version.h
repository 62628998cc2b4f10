/*
 * version.h - tablog's version, in one place.
 *
 * `tablog --version`, the library's tablog_version(), the `generator`
 * member of every JSON object and the Atom feeds print it; mk/install.mk
 * reads it from this line to name the shared library and fill tablog.pc.
 * Keep the line as it is: "#define TL_VERSION" and a quoted version.
 */
#ifndef TABLOG_VERSION_H
#define TABLOG_VERSION_H

#define TL_VERSION "0.1.0"

#endif
