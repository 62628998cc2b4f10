/*
 * xalloc.h - checked allocation.
 *
 * tablog has one allocation policy: running out of memory is not a
 * condition any caller can recover from, so these wrappers print one
 * line and abort instead of returning NULL.  Every other module can then
 * treat allocation as infallible and keep its error paths for real input
 * and I/O errors.
 */
#ifndef TABLOG_XALLOC_H
#define TABLOG_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of `count` elements of `size` bytes to hold `need`. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

#endif
