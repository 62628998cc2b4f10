/*
 * http.h - the parts of HTTP the fetch client reads and decides by itself,
 * kept apart from libcurl so that each can be tested alone
 * (tests/unit/test_fetch.c): dates, Retry-After, the charset of a
 * Content-Type, and the wait between attempts.
 */
#ifndef TABLOG_HTTP_H
#define TABLOG_HTTP_H

#include <time.h>

/* "Sun, 06 Nov 1994 08:49:37 GMT" and its NUL. */
#define TL_HTTP_DATE_LEN 30

/*
 * An HTTP-date (RFC 9110 section 5.6.7) in any of its three forms: the
 * IMF-fixdate above, the obsolete RFC 850 form ("Sunday, 06-Nov-94
 * 08:49:37 GMT", two-digit years 70-99 in the 1900s, 00-69 in the 2000s)
 * and C's asctime() form ("Sun Nov  6 08:49:37 1994").  The day name must
 * be a day name but is not checked against the date.  0 with the time in
 * *t, or -1 when s is not one of them or names no real time.
 */
int	tl_http_date_parse(const char *s, time_t *t);

/* t as an IMF-fixdate, the form HTTP sends (If-Modified-Since). */
void	tl_http_date_format(time_t t, char out[TL_HTTP_DATE_LEN]);

/*
 * A Retry-After value: delay-seconds (digits) or an HTTP-date, with
 * optional spaces around it.  0 with the seconds to wait from `now` in
 * *wait (0 for a date in the past; very long delays saturate at about
 * 31 years), or -1 when the value is neither.
 */
int	tl_retry_after(const char *value, time_t now, double *wait);

/*
 * The charset parameter of a Content-Type value ("text/html;
 * charset=UTF-8"), unquoted and lowercased, in a new string; NULL when
 * there is none or it is not a token of at most 40 bytes.
 */
char   *tl_content_type_charset(const char *value);

/*
 * Seconds to wait before retry number `retry` (1 for the first): 1, 2, 4,
 * ... doubling, but never more than cap.
 */
double	tl_backoff(int retry, double cap);

#endif
