/*
 * fetch.c - the fetch client (see fetch.h) on libcurl's multi interface.
 *
 * One thread drives every transfer.  A job is one URL; it waits until its
 * host has a free slot (per_host), the host's delay since its last start
 * has passed (host_delay) and its own backoff is over, then runs as one
 * curl easy handle; a 429, a 5xx or a failed connection puts it back to
 * wait (Retry-After, else 1, 2, 4... s, capped), anything else ends it.
 * The header callback keeps the headers of the response being read (curl
 * follows redirects itself and shows us each response in turn); the write
 * callback keeps a 2xx body and stops the transfer the moment it would
 * pass max_body, so an oversized body is never read whole.
 *
 * Diagnostics are collected per job and appended in the order of the
 * URLs, so the output does not depend on which server answered first.
 */
#include "fetch/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/map.h"
#include "base/xalloc.h"
#include "fetch/cache.h"
#include "fetch/http.h"

/* What follows "tablog/VERSION" in the User-Agent. */
#define UA_COMMENT "(documentation table reader; +tablog(1))"
/* At most this much of a server's Location is quoted in a message. */
#define MAX_QUOTED 200

struct tl_fetch {
	struct tl_fetch_opts o;
	char		*user_agent;
	CURLM		*multi;
	struct tl_cache	*cache;
};

struct host {
	char	*name;
	int	 running;
	double	 next_start;	/* monotonic seconds */
};

enum job_state { JOB_WAITING, JOB_RUNNING, JOB_DONE };

/* The headers of the response being read. */
enum { H_TYPE, H_ETAG, H_LASTMOD, H_DATE, H_RETRY, H_LOCATION, H_ENCODING,
	H_LENGTH, H_COUNT };
static const char *const header_names[H_COUNT] = {
	"content-type", "etag", "last-modified", "date", "retry-after",
	"location", "content-encoding", "content-length",
};

struct job {
	struct tl_fetch	*f;
	const char	*url;
	size_t		 host;
	enum job_state	 state;
	double		 not_before;	/* monotonic: backoff */
	CURL		*easy;
	struct curl_slist *conditions;
	char		 errbuf[CURL_ERROR_SIZE];
	int		 have_cached, cache_looked;
	struct tl_cache_entry cached;
	long		 code;		/* of the response being read */
	char		*h[H_COUNT];
	char		*redirect_to;	/* the last Location seen */
	struct buf	 body;
	int		 too_big;
	struct tl_fetch_result *res;
	struct tl_diags	 diags;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void
curl_start(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
tl_fetch_opts_init(struct tl_fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_body = TL_FETCH_DEFAULT_MAX_BODY;
	o->connect_timeout = 10;
	o->timeout = 60;
	o->low_speed = 100;
	o->low_speed_time = 10;
	o->retries = 3;
	o->retry_cap = 30;
	o->per_host = 2;
	o->parallel = 8;
}

/* Fill the zeros of a caller's options with the defaults. */
static void
defaults(struct tl_fetch_opts *o)
{
	struct tl_fetch_opts def;

	tl_fetch_opts_init(&def);
	if (o->max_body == 0)
		o->max_body = def.max_body;
	if (o->connect_timeout <= 0)
		o->connect_timeout = def.connect_timeout;
	if (o->timeout <= 0)
		o->timeout = def.timeout;
	if (o->low_speed <= 0)
		o->low_speed = def.low_speed;
	if (o->low_speed_time <= 0)
		o->low_speed_time = def.low_speed_time;
	if (o->retries == 0)
		o->retries = def.retries;
	else if (o->retries < 0)
		o->retries = 0;
	if (o->retry_cap <= 0)
		o->retry_cap = def.retry_cap;
	if (o->per_host <= 0)
		o->per_host = def.per_host;
	if (o->parallel <= 0)
		o->parallel = def.parallel;
	if (o->host_delay < 0)
		o->host_delay = 0;
}

static int
curl_has_https(void)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	const char *const *p;
	int http = 0, https = 0;

	for (p = v->protocols; p != NULL && *p != NULL; p++) {
		http |= strcmp(*p, "http") == 0;
		https |= strcmp(*p, "https") == 0;
	}
	return http && https;
}

/*
 * A cache folder that cannot be made or opened costs only conditional
 * requests: said as warnings, and the client fetches without one.
 */
static void
open_cache(struct tl_fetch *f, const struct tl_fetch_opts *opts,
    struct tl_diags *d)
{
	struct tl_diags err = {0};
	size_t i;

	f->cache = tl_cache_open(opts->cache_dir, opts->temps, &err);
	for (i = 0; i < err.n; i++)
		tl_diag_kind(d, TL_WARNING, TL_DK_CACHE, err.v[i].file,
		    err.v[i].line, "%s; fetching without a cache",
		    err.v[i].message);
	tl_diags_free(&err);
}

struct tl_fetch *
tl_fetch_new(const struct tl_fetch_opts *opts, struct tl_diags *d)
{
	struct tl_fetch *f;
	struct buf ua = {0};

	pthread_once(&curl_once, curl_start);
	if (curl_init_rc != CURLE_OK || !curl_has_https()) {
		tl_diag_kind(d, TL_ERROR, TL_DK_FETCH, NULL, 0,
		    "cannot fetch: libcurl %s",
		    curl_init_rc != CURLE_OK ? curl_easy_strerror(curl_init_rc) :
		    "lacks http or https");
		return NULL;
	}
	if (opts->cacert != NULL) {
		/* Said here, once, rather than as a TLS error per URL. */
		int fd = open(opts->cacert, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		struct stat st;

		if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			tl_diag_kind(d, TL_ERROR, TL_DK_READ, opts->cacert, 0,
			    "cannot read CA certificates: %s", fd < 0 ?
			    strerror(errno) : "not a regular file");
			if (fd >= 0)
				close(fd);
			return NULL;
		}
		close(fd);
	}
	f = xcalloc(1, sizeof(*f));
	f->o = *opts;
	defaults(&f->o);
	if (opts->cache_dir != NULL)
		open_cache(f, opts, d);
	if ((f->multi = curl_multi_init()) == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_FETCH, NULL, 0, "cannot fetch: "
		    "libcurl failed to start");
		tl_cache_close(f->cache);
		free(f);
		return NULL;
	}
	buf_printf(&ua, "tablog/%s %s", opts->version != NULL ?
	    opts->version : "unknown", UA_COMMENT);
	f->user_agent = ua.data;
	return f;
}

void
tl_fetch_free(struct tl_fetch *f)
{
	if (f == NULL)
		return;
	curl_multi_cleanup(f->multi);
	tl_cache_close(f->cache);
	free(f->user_agent);
	free(f);
}

void
tl_fetch_result_free(struct tl_fetch_result *r)
{
	free(r->final_url);
	free(r->content_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->date);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

/* ---- the callbacks -------------------------------------------------- */

static void
forget_headers(struct job *j)
{
	int i;

	for (i = 0; i < H_COUNT; i++) {
		free(j->h[i]);
		j->h[i] = NULL;
	}
}

/* A decimal Content-Length, or -1. */
static long long
content_length(const char *s)
{
	long long v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (LLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct job *j = arg;
	size_t len = size * nmemb, n = len, i;
	const char *colon, *v, *end;

	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		/* A new response (after a redirect, or after 100). */
		const char *sp = memchr(data, ' ', n);

		forget_headers(j);
		j->code = 0;
		if (sp != NULL && (size_t)(sp - data) + 4 <= n)
			for (i = 1; i <= 3 && sp[i] >= '0' && sp[i] <= '9'; i++)
				j->code = j->code * 10 + (sp[i] - '0');
		return len;
	}
	if (n == 0) {
		/* The end of a response's headers. */
		long long cl = content_length(j->h[H_LENGTH]);

		if (j->code >= 300 && j->code < 400 && j->h[H_LOCATION] != NULL) {
			free(j->redirect_to);
			j->redirect_to = xstrdup(j->h[H_LOCATION]);
		}
		/* A compressed body's length says nothing of its size. */
		if (j->code >= 200 && j->code < 300 && cl >= 0 &&
		    (unsigned long long)cl > j->f->o.max_body &&
		    (j->h[H_ENCODING] == NULL ||
		    strcasecmp(j->h[H_ENCODING], "identity") == 0)) {
			j->too_big = 1;
			return 0;
		}
		return len;
	}
	if ((colon = memchr(data, ':', n)) == NULL)
		return len;
	for (i = 0; i < H_COUNT; i++)
		if (strlen(header_names[i]) == (size_t)(colon - data) &&
		    strncasecmp(header_names[i], data, (size_t)(colon - data))
		    == 0)
			break;
	if (i == H_COUNT)
		return len;
	for (v = colon + 1; v < data + n && (*v == ' ' || *v == '\t'); v++)
		;
	for (end = data + n; end > v && (end[-1] == ' ' || end[-1] == '\t');
	    end--)
		;
	free(j->h[i]);
	j->h[i] = xstrndup(v, (size_t)(end - v));
	if (!tl_cache_value_ok(j->h[i])) {
		/* Control characters: not a value anyone can use. */
		free(j->h[i]);
		j->h[i] = NULL;
	}
	return len;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct job *j = arg;
	size_t n = size * nmemb;

	/* Only a 2xx body is the page; an error page is dropped as read. */
	if (j->code < 200 || j->code >= 300)
		return n;
	if (n > j->f->o.max_body - j->body.len) {
		j->too_big = 1;
		return 0;	/* curl stops: CURLE_WRITE_ERROR */
	}
	buf_put(&j->body, data, n);
	return n;
}

/* ---- starting a transfer -------------------------------------------- */

static void
set_conditions(struct job *j)
{
	struct buf h = {0};

	if (!j->have_cached)
		return;
	if (j->cached.etag != NULL) {
		buf_printf(&h, "If-None-Match: %s", j->cached.etag);
		j->conditions = curl_slist_append(j->conditions, h.data);
		buf_reset(&h);
	}
	if (j->cached.last_modified != NULL) {
		buf_printf(&h, "If-Modified-Since: %s", j->cached.last_modified);
		j->conditions = curl_slist_append(j->conditions, h.data);
	}
	buf_free(&h);
}

static int
start(struct job *j)
{
	const struct tl_fetch_opts *o = &j->f->o;
	CURL *e;

	if (!j->cache_looked && j->f->cache != NULL) {
		j->have_cached = tl_cache_get(j->f->cache, j->url, o->max_body,
		    &j->cached, &j->diags);
		j->cache_looked = 1;
		set_conditions(j);
	}
	if ((e = curl_easy_init()) == NULL)
		return -1;
	j->easy = e;
	j->errbuf[0] = '\0';
	j->code = 0;
	j->too_big = 0;
	forget_headers(j);
	free(j->redirect_to);
	j->redirect_to = NULL;
	buf_reset(&j->body);
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)j);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* Only http and https, also after a redirect. */
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)TL_FETCH_MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->cacert != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, o->cacert);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(o->connect_timeout * 1000));
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(o->timeout * 1000));
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed);
	/* curl counts whole seconds; 0 would turn the check off. */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time < 1.5 ?
	    1L : (long)(o->low_speed_time + 0.5));
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, j->f->user_agent);
	curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, (void *)j);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, (void *)j);
	if (j->conditions != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->conditions);
	if (curl_multi_add_handle(j->f->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		j->easy = NULL;
		return -1;
	}
	j->res->attempts++;
	j->state = JOB_RUNNING;
	return 0;
}

/* ---- ending a transfer ---------------------------------------------- */

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A 2xx: the page. */
static void
take_body(struct job *j, const char *final_url)
{
	struct tl_fetch_result *r = j->res;
	struct tl_cache_entry e;

	r->ok = 1;
	r->final_url = xstrdup(final_url);
	r->content_type = dup_or_null(j->h[H_TYPE]);
	r->charset = r->content_type != NULL ?
	    tl_content_type_charset(r->content_type) : NULL;
	r->etag = dup_or_null(j->h[H_ETAG]);
	r->last_modified = dup_or_null(j->h[H_LASTMOD]);
	r->date = dup_or_null(j->h[H_DATE]);
	r->fetched = time(NULL);
	r->len = j->body.len;
	r->body = j->body.data != NULL ? j->body.data : xstrdup("");
	memset(&j->body, 0, sizeof(j->body));
	if (j->f->cache == NULL)
		return;
	/* The entry borrows the result's strings. */
	e.url = (char *)j->url;
	e.final_url = r->final_url;
	e.content_type = r->content_type;
	e.etag = r->etag;
	e.last_modified = r->last_modified;
	e.date = r->date;
	e.fetched = r->fetched;
	e.body = r->body;
	e.len = r->len;
	tl_cache_put(j->f->cache, &e, &j->diags);
}

/* A 304: the cached copy, with any new validators the server sent. */
static void
take_cached(struct job *j)
{
	struct tl_fetch_result *r = j->res;
	struct tl_cache_entry *c = &j->cached;
	int changed = 0;

	if (j->h[H_ETAG] != NULL && (c->etag == NULL ||
	    strcmp(c->etag, j->h[H_ETAG]) != 0)) {
		free(c->etag);
		c->etag = xstrdup(j->h[H_ETAG]);
		changed = 1;
	}
	if (j->h[H_LASTMOD] != NULL && (c->last_modified == NULL ||
	    strcmp(c->last_modified, j->h[H_LASTMOD]) != 0)) {
		free(c->last_modified);
		c->last_modified = xstrdup(j->h[H_LASTMOD]);
		changed = 1;
	}
	if (changed)
		tl_cache_put(j->f->cache, c, &j->diags);
	r->ok = 1;
	r->from_cache = 1;
	r->final_url = c->final_url;
	r->content_type = c->content_type;
	r->charset = c->content_type != NULL ?
	    tl_content_type_charset(c->content_type) : NULL;
	r->etag = c->etag;
	r->last_modified = c->last_modified;
	r->date = c->date;
	r->fetched = c->fetched;
	r->body = c->body;
	r->len = c->len;
	free(c->url);
	memset(c, 0, sizeof(*c));
	j->have_cached = 0;
}

static void
fail(struct job *j, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The job's one error, with the attempts when there were several. */
static void
fail(struct job *j, const char *fmt, ...)
{
	struct buf msg = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (j->res->attempts > 1)
		buf_printf(&msg, " (%d attempts)", j->res->attempts);
	/* The size limit is --max-input-size's, whatever the input. */
	tl_diag_kind(&j->diags, TL_ERROR, j->too_big ? TL_DK_TOO_LARGE :
	    TL_DK_FETCH, j->url, 0, "%s", msg.data);
	buf_free(&msg);
	j->state = JOB_DONE;
}

/* Text the server chose, shortened for a one-line message. */
static const char *
quoted(const char *s, char out[MAX_QUOTED + 4])
{
	size_t n = strlen(s);

	if (n <= MAX_QUOTED)
		return s;
	memcpy(out, s, MAX_QUOTED);
	memcpy(out + MAX_QUOTED, "...", 4);
	return out;
}

/* curl's message without its "SSL certificate problem: " lead. */
static const char *
curl_detail(struct job *j, CURLcode rc)
{
	const char *lead = "SSL certificate problem: ";

	if (j->errbuf[0] == '\0')
		return curl_easy_strerror(rc);
	if (strncmp(j->errbuf, lead, strlen(lead)) == 0)
		return j->errbuf + strlen(lead);
	return j->errbuf;
}

/* Put the job back to wait `wait` seconds; -1 when it may not retry. */
static int
retry(struct job *j, double wait, struct host *h)
{
	if (j->res->attempts > j->f->o.retries)
		return -1;
	j->not_before = now_mono() + wait;
	if (h->next_start < j->not_before && j->code == 429)
		h->next_start = j->not_before;	/* the host said: slow down */
	j->state = JOB_WAITING;
	return 0;
}

static void
finish(struct job *j, CURLcode rc, struct host *h)
{
	const struct tl_fetch_opts *o = &j->f->o;
	char *final_url = NULL, quote[MAX_QUOTED + 4];
	curl_off_t got = 0, ready_us = 0;
	long os_errno = 0;
	double elapsed = 0, wait;

	curl_easy_getinfo(j->easy, CURLINFO_SIZE_DOWNLOAD_T, &got);
	/* Zero until connected, TLS handshake included. */
	curl_easy_getinfo(j->easy, CURLINFO_PRETRANSFER_TIME_T, &ready_us);
	curl_easy_getinfo(j->easy, CURLINFO_TOTAL_TIME, &elapsed);
	curl_easy_getinfo(j->easy, CURLINFO_OS_ERRNO, &os_errno);
	curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &final_url);
	j->res->transferred += (unsigned long long)got;
	j->res->status = j->code;
	final_url = xstrdup(final_url != NULL ? final_url : j->url);
	curl_multi_remove_handle(j->f->multi, j->easy);
	curl_easy_cleanup(j->easy);
	j->easy = NULL;
	h->running--;

	if (j->too_big) {
		fail(j, "body larger than %zu bytes", o->max_body);
	} else if (rc == CURLE_OK) {
		if (strncasecmp(final_url, "http://", 7) != 0 &&
		    strncasecmp(final_url, "https://", 8) != 0) {
			/* curl was told so; this is the belt to its braces. */
			fail(j, "redirect to %s refused", quoted(final_url, quote));
		} else if (j->code >= 200 && j->code < 300) {
			take_body(j, final_url);
			j->state = JOB_DONE;
		} else if (j->code == 304 && j->have_cached) {
			take_cached(j);
			j->state = JOB_DONE;
		} else if (j->code == 304) {
			fail(j, "HTTP 304 to a request that was not "
			    "conditional");
		} else if (j->code == 429 || j->code >= 500) {
			wait = tl_backoff(j->res->attempts, o->retry_cap);
			if (j->h[H_RETRY] != NULL &&
			    tl_retry_after(j->h[H_RETRY], time(NULL), &wait) == 0 &&
			    wait > o->retry_cap) {
				fail(j, "HTTP %ld (Retry-After %.0f s is over the "
				    "%g s limit)", j->code, wait, o->retry_cap);
			} else if (retry(j, wait, h) != 0) {
				fail(j, "HTTP %ld", j->code);
			}
		} else if (j->code >= 300 && j->code < 400) {
			fail(j, "HTTP %ld without a usable Location", j->code);
		} else {
			fail(j, "HTTP %ld", j->code);
		}
	} else switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (j->redirect_to != NULL)
			fail(j, "redirect to %s refused",
			    quoted(j->redirect_to, quote));
		else
			fail(j, "%s", curl_detail(j, rc));
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		fail(j, "more than %d redirects", TL_FETCH_MAX_REDIRECTS);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		if (ready_us == 0) {
			if (retry(j, tl_backoff(j->res->attempts, o->retry_cap),
			    h) != 0)
				fail(j, "timed out after %g s connecting",
				    o->connect_timeout);
		} else if (elapsed >= o->timeout - 0.05) {
			fail(j, "timed out after %g s", o->timeout);
		} else {
			fail(j, "timed out after %.0f s: slower than %ld "
			    "bytes/s for %g s", elapsed, o->low_speed,
			    o->low_speed_time);
		}
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		fail(j, "TLS: certificate verify failed (%s)",
		    curl_detail(j, rc));
		break;
	case CURLE_SSL_CONNECT_ERROR:
		fail(j, "TLS: handshake failed (%s)", curl_detail(j, rc));
		break;
	case CURLE_SSL_CACERT_BADFILE:
		fail(j, "TLS: cannot use the CA certificates (%s)",
		    curl_detail(j, rc));
		break;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		if (retry(j, tl_backoff(j->res->attempts, o->retry_cap), h) == 0)
			break;
		if (rc == CURLE_COULDNT_CONNECT && os_errno != 0)
			fail(j, "cannot connect: %s", strerror((int)os_errno));
		else if (rc == CURLE_GOT_NOTHING)
			fail(j, "connection closed without a response");
		else if (rc == CURLE_PARTIAL_FILE)
			fail(j, "body cut short: the connection closed early");
		else
			fail(j, "%s", curl_detail(j, rc));
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		fail(j, "bad compressed body (%s)", curl_detail(j, rc));
		break;
	default:
		fail(j, "%s", curl_detail(j, rc));
		break;
	}
	free(final_url);
	if (j->state == JOB_DONE) {
		if (j->conditions != NULL)
			curl_slist_free_all(j->conditions);
		j->conditions = NULL;
		tl_cache_entry_free(&j->cached);
		forget_headers(j);
		free(j->redirect_to);
		j->redirect_to = NULL;
		buf_free(&j->body);
	}
}

/* ---- the loop -------------------------------------------------------- */

/*
 * Parse url as libcurl will: 0 with its host (lowercased, a new string)
 * in *host when it is an http or https URL with one (host may be NULL),
 * else -1 with why the fetch would fail appended to why.
 */
static int
parse_url(const char *url, char **host, struct buf *why)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *name = NULL, *p;
	CURLUcode uc;
	int rc = -1;

	if (u == NULL)
		abort();
	if ((uc = curl_url_set(u, CURLUPART_URL, url,
	    CURLU_NON_SUPPORT_SCHEME)) != CURLUE_OK) {
		buf_printf(why, "not a URL (%s)", curl_url_strerror(uc));
	} else if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
		buf_puts(why, "only http:// and https:// URLs are fetched");
	} else if (curl_url_get(u, CURLUPART_HOST, &name, 0) != CURLUE_OK) {
		buf_puts(why, "URL without a host");
	} else {
		if (host != NULL) {
			*host = xstrdup(name);
			for (p = *host; *p != '\0'; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		}
		rc = 0;
	}
	curl_free(scheme);
	curl_free(name);
	curl_url_cleanup(u);
	return rc;
}

int
tl_fetch_check_url(const char *url, struct buf *why)
{
	return parse_url(url, NULL, why);
}

/* The job's host; -1 with the error when the URL is not one to fetch. */
static int
url_host(struct job *j, char **host)
{
	struct buf why = {0};
	int rc;

	if ((rc = parse_url(j->url, host, &why)) != 0)
		fail(j, "%s", buf_str(&why));
	buf_free(&why);
	return rc;
}

struct run {
	struct tl_fetch	*f;
	struct job	*jobs;
	size_t		 n;
	struct host	*hosts;
	size_t		 nhosts, hcap;
	struct tl_map byname;
	size_t		 running, waiting;
};

/*
 * Start what may start now; return when the next waiting job may start
 * (a time), or 0 when none waits for time (only for a free slot).
 */
static double
start_ready(struct run *r)
{
	const struct tl_fetch_opts *o = &r->f->o;
	double now = now_mono(), wake = 0;
	size_t i;

	for (i = 0; i < r->n && r->waiting > 0; i++) {
		struct job *j = &r->jobs[i];
		struct host *h;
		double at;

		if (j->state != JOB_WAITING)
			continue;
		h = &r->hosts[j->host];
		at = j->not_before > h->next_start ? j->not_before :
		    h->next_start;
		if (h->running >= o->per_host || r->running >= (size_t)o->parallel)
			continue;
		if (at > now) {
			if (wake == 0 || at < wake)
				wake = at;
			continue;
		}
		r->waiting--;
		if (start(j) != 0) {
			fail(j, "cannot start a transfer");
			continue;
		}
		r->running++;
		h->running++;
		h->next_start = now + o->host_delay;
		if (o->host_delay > 0 && (wake == 0 || h->next_start < wake))
			wake = h->next_start;
	}
	return wake;
}

static void
sleep_for(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

/*
 * Writing to a connection the server has closed can raise SIGPIPE, which
 * with CURLOPT_NOSIGNAL libcurl leaves to us (its documentation says the
 * OpenSSL backend can trigger it), and which would end tablog.  It is
 * blocked in this thread while fetching, and any that came is discarded
 * before it is unblocked.
 */
static int
block_sigpipe(sigset_t *old)
{
	sigset_t pipe;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, old);
	return !sigismember(old, SIGPIPE);
}

static void
restore_sigpipe(const sigset_t *old, int blocked)
{
	struct timespec zero = { 0, 0 };
	sigset_t pipe;

	if (!blocked)
		return;
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	while (sigtimedwait(&pipe, NULL, &zero) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

size_t
tl_fetch_urls(struct tl_fetch *f, const char *const *urls, size_t n,
    struct tl_fetch_result *res, struct tl_diags *d)
{
	struct run r;
	sigset_t mask;
	size_t i, failed = 0;
	int blocked = block_sigpipe(&mask);

	memset(&r, 0, sizeof(r));
	r.f = f;
	r.n = n;
	r.jobs = xcalloc(n ? n : 1, sizeof(*r.jobs));
	for (i = 0; i < n; i++) {
		struct job *j = &r.jobs[i];
		char *host;
		size_t hi;

		memset(&res[i], 0, sizeof(res[i]));
		j->f = f;
		j->url = urls[i];
		j->res = &res[i];
		if (url_host(j, &host) != 0)
			continue;
		if (tl_map_get(&r.byname, host, &hi)) {
			free(host);
		} else {
			r.hosts = xgrow(r.hosts, &r.hcap, r.nhosts + 1,
			    sizeof(*r.hosts));
			hi = r.nhosts++;
			memset(&r.hosts[hi], 0, sizeof(r.hosts[hi]));
			r.hosts[hi].name = host;
			tl_map_put(&r.byname, host, hi);
		}
		j->host = hi;
		j->state = JOB_WAITING;
		r.waiting++;
	}

	for (;;) {
		double wake = start_ready(&r), pause;
		int still = 0, ended = 0;
		CURLMsg *msg;

		if (r.running == 0 && r.waiting == 0)
			break;
		if (r.running > 0) {
			curl_multi_perform(f->multi, &still);
			while ((msg = curl_multi_info_read(f->multi, &still))
			    != NULL) {
				struct job *j;
				char *priv = NULL;

				if (msg->msg != CURLMSG_DONE)
					continue;
				curl_easy_getinfo(msg->easy_handle,
				    CURLINFO_PRIVATE, &priv);
				j = (struct job *)(void *)priv;
				r.running--;
				finish(j, msg->data.result, &r.hosts[j->host]);
				if (j->state == JOB_WAITING)
					r.waiting++;
				ended = 1;
			}
		}
		if (ended)
			continue;
		pause = wake > 0 ? wake - now_mono() : 1;
		if (pause > 1)
			pause = 1;
		if (r.running > 0)
			curl_multi_poll(f->multi, NULL, 0,
			    pause > 0 ? (int)(pause * 1000) + 1 : 0, NULL);
		else
			sleep_for(pause);
	}

	for (i = 0; i < n; i++) {
		if (!res[i].ok)
			failed++;
		tl_diags_move(d, &r.jobs[i].diags);
		tl_diags_free(&r.jobs[i].diags);
	}
	for (i = 0; i < r.nhosts; i++)
		free(r.hosts[i].name);
	free(r.hosts);
	tl_map_free(&r.byname);
	free(r.jobs);
	restore_sigpipe(&mask, blocked);
	return failed;
}

int
tl_fetch_url(struct tl_fetch *f, const char *url, struct tl_fetch_result *res,
    struct tl_diags *d)
{
	return tl_fetch_urls(f, &url, 1, res, d) == 0 ? 0 : -1;
}
