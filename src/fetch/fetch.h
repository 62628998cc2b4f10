/*
 * fetch.h - pages from the web: URLs in, bytes and what the server said
 * about them out (docs/design.md "Fetching").
 *
 * A client (struct tl_fetch) holds the options, a libcurl multi handle and
 * the cache.  tl_fetch_urls() fetches a list of URLs in parallel, a few at
 * a time per host; each URL either gives a body (fresh, or the cached copy
 * after `304 Not Modified`) or one error diagnostic naming it.  Only
 * http:// and https:// are fetched, also after redirects; TLS is always
 * verified; proxies come from the environment as curl reads them.
 *
 * A client is used by one thread at a time (it is not locked); tablog
 * fetches from one thread and parses on many.  Nothing is printed:
 * diagnostics go to the struct tl_diags given, as everywhere.
 */
#ifndef TABLOG_FETCH_H
#define TABLOG_FETCH_H

#include <stddef.h>
#include <time.h>

#include "base/diag.h"

struct tl_temps;

/* The same as the loader's default --max-input-size (load/source.h). */
#define TL_FETCH_DEFAULT_MAX_BODY ((size_t)256 << 20)
/* Redirects followed, at most (not an option). */
#define TL_FETCH_MAX_REDIRECTS 10

/*
 * Options.  tl_fetch_opts_init() gives every default; a zero left in a
 * caller's own struct means the default too.  Times are in seconds.
 */
struct tl_fetch_opts {
	const char	*version;	/* tablog's, for the User-Agent */
	const char	*cache_dir;	/* NULL: no cache, no conditional requests */
	const char	*cacert;	/* PEM CA certificates instead of the system's */
	struct tl_temps	*temps;		/* registers cache temporaries; may be NULL */
	size_t		 max_body;	/* bytes, after decoding (default 256 MiB) */
	double		 connect_timeout; /* connecting, TLS included (10) */
	double		 timeout;	/* all of one attempt (60) */
	long		 low_speed;	/* an attempt slower than this, bytes/s (100), */
	double		 low_speed_time;	/* for this long fails (10; whole seconds) */
	int		 retries;	/* attempts after the first (3; -1: none) */
	double		 retry_cap;	/* longest wait between attempts (30) */
	int		 per_host;	/* requests at once to one host name (2) */
	int		 parallel;	/* requests at once in all (8) */
	double		 host_delay;	/* between two request starts to a host (0) */
};

/* What one URL gave. */
struct tl_fetch_result {
	int	 ok;		/* 1: body holds the page; 0: see the diagnostic */
	long	 status;	/* the last HTTP status (200, 304, 404...); 0: none */
	int	 from_cache;	/* the body is the cached copy (the server said 304) */
	int	 attempts;	/* requests made for it (retries included) */
	char	*final_url;	/* after redirects, or NULL */
	char	*content_type;	/* the Content-Type header, or NULL; so are: */
	char	*charset;	/* its charset parameter, lowercased */
	char	*etag;
	char	*last_modified;
	char	*date;		/* the Date header */
	time_t	 fetched;	/* when the body arrived (from the cache: then) */
	char	*body;		/* len bytes and a NUL; NULL unless ok */
	size_t	 len;
	/* Body bytes received over the network for it, all attempts, as
	 * sent (compressed); 0 when every answer was 304. */
	unsigned long long transferred;
};

/* Options with every default (version NULL: "tablog/unknown"). */
void	tl_fetch_opts_init(struct tl_fetch_opts *o);

/*
 * A client, or NULL with an error in d: cacert cannot be read, libcurl
 * cannot start or lacks http/https.  A cache folder that cannot be made
 * or opened is a warning, and the client works without a cache.
 */
struct tl_fetch *tl_fetch_new(const struct tl_fetch_opts *o,
	    struct tl_diags *d);
void	tl_fetch_free(struct tl_fetch *f);

/*
 * Fetch urls[0..n-1] into res[0..n-1] (zeroed first), in parallel.  Each
 * URL that fails has ok = 0 and one error in d, named by the URL: `HTTP
 * 404`, `redirect to ftp://... refused`, `body larger than N bytes`,
 * `timed out after N s`, `TLS: certificate verify failed (...)`...
 * Diagnostics come in the order of urls, whatever order the answers came
 * in.  Returns the number of URLs that failed.
 */
size_t	tl_fetch_urls(struct tl_fetch *f, const char *const *urls, size_t n,
	    struct tl_fetch_result *res, struct tl_diags *d);

/*
 * Whether url is one tl_fetch_urls() would try: an http:// or https://
 * URL with a host, as libcurl parses it.  0, or -1 with the message its
 * fetch would fail with appended to why ("only http:// and https:// URLs
 * are fetched", "not a URL (...)").
 */
struct buf;
int	tl_fetch_check_url(const char *url, struct buf *why);

/* One URL: 0, or -1 with the error in d. */
int	tl_fetch_url(struct tl_fetch *f, const char *url,
	    struct tl_fetch_result *res, struct tl_diags *d);

void	tl_fetch_result_free(struct tl_fetch_result *r);

#endif
