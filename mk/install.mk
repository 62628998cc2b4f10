# mk/install.mk - the shared library, and installing everything.
#
#   make lib          build $(B)/libtablog.a and $(B)/libtablog.so.VERSION
#   make install      install into $(DESTDIR)$(PREFIX) (PREFIX=/usr/local)
#   make uninstall    remove what install put there
#
# The static library is the Makefile's $(B)/libtablog.a.  The shared one
# is linked from the same sources compiled again with -fPIC under
# $(B)/pic, with -fvisibility=hidden so that it exports only what
# include/tablog.h marks TABLOG_API.  Its soname is libtablog.so.$(SOMAJOR)
# (TABLOG_SOVERSION in the header); VERSION is TL_VERSION (src/base/version.h).

VERSION	 := $(shell sed -n 's/^\#define TL_VERSION "\(.*\)"/\1/p' src/base/version.h)
SOMAJOR	  = 0
SONAME	  = libtablog.so.$(SOMAJOR)
SHLIB	  = libtablog.so.$(VERSION)

BINDIR	 ?= $(PREFIX)/bin
LIBDIR	 ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR	 ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

PIC_OBJ	  = $(LIB_OBJ:$(B)/obj/%.o=$(B)/pic/%.o)
PIC_FLAGS = -fPIC -fvisibility=hidden

# libcurl's and libgit2's own .pc files name, for a static link, every
# library they were built with, and Debian ships most of those as shared
# objects only: through Requires.private, `pkg-config --static --libs
# tablog` would name libraries that are not there.  They go in
# Libs.private instead, as the shared libraries they are.
PC_SHARED_ONLY = libcurl libgit2

# In tablog.pc, directories under PREFIX are written as ${prefix}/..., so
# that pkg-config --define-variable=prefix=... can move them.
PC_SED	  = -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@REQUIRES_PRIVATE@|$(filter-out $(PC_SHARED_ONLY),$(PKGS))|' \
	    -e 's|@LIBS_PRIVATE@|-lcmark-gfm-extensions $(shell $(PKG_CONFIG) --libs $(PC_SHARED_ONLY) 2>/dev/null) -lpthread|'

.PHONY: lib install uninstall

lib: $(B)/libtablog.a $(B)/$(SHLIB)

# The public header is not under src/, so say who includes it.
$(B)/obj/lib/tablog.o: include/tablog.h

$(B)/pic/%.o: src/%.c $(HEADERS) | $(B)/pic
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(PIC_FLAGS) -c -o $@ $<

$(B)/pic/templates.o: $(B)/templates.c src/write/templates.h | $(B)/pic
	$(CC) $(ALL_CFLAGS) $(PIC_FLAGS) -c -o $@ $(B)/templates.c

$(B)/pic:
	mkdir -p $@

# -z defs: every symbol the library uses must come from a library it
# names, so that programs need nothing but -ltablog.  The version script
# (one anonymous node: no symbol versions) keeps the exports to tablog_*:
# a library linked in that exports the linker's own _end, _edata and
# __bss_start (libxlsxwriter does) would otherwise make ld export ours.
$(B)/$(SHLIB): $(PIC_OBJ)
	printf '{ global: tablog_*; local: *; };\n' >$(B)/libtablog.map
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs \
	    -Wl,--version-script=$(B)/libtablog.map \
	    -o $@ $(PIC_OBJ) $(LIBS) $(LDFLAGS)
	ln -sf $(SHLIB) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/libtablog.so

install: $(B)/tablog $(B)/libtablog.a $(B)/$(SHLIB)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(B)/tablog $(DESTDIR)$(BINDIR)/tablog
	install -m 644 $(B)/libtablog.a $(DESTDIR)$(LIBDIR)/libtablog.a
	install -m 755 $(B)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libtablog.so
	install -m 644 include/tablog.h $(DESTDIR)$(INCLUDEDIR)/tablog.h
	sed $(PC_SED) tablog.pc.in | grep -v '^#' \
	    >$(DESTDIR)$(PKGCONFIGDIR)/tablog.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/tablog.pc
	install -m 644 man/tablog.1 $(DESTDIR)$(MANDIR)/man1/tablog.1
	install -m 644 completion/tablog.bash $(DESTDIR)$(BASHCOMPDIR)/tablog

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tablog \
	    $(DESTDIR)$(LIBDIR)/libtablog.a \
	    $(DESTDIR)$(LIBDIR)/$(SHLIB) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libtablog.so \
	    $(DESTDIR)$(INCLUDEDIR)/tablog.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/tablog.pc \
	    $(DESTDIR)$(MANDIR)/man1/tablog.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/tablog
