/*
 * cache.c - the fetch cache's entries and folder (see cache.h).
 *
 * Why one file per entry rather than a body file and a metadata file: two
 * renames can be separated by a kill, and then the ETag on disk would
 * vouch for a body it never described.  One rename cannot.
 */
#include "fetch/cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/output.h"
#include "base/xalloc.h"

#define MAX_VALUE	((size_t)8 << 10)
/* A temporary older than this was left by a run that died. */
#define STALE_TEMP	(10 * 60)

struct tl_cache {
	char		*dir;		/* DIR/http, as messages name it */
	int		 dirfd;
	struct tl_temps	*temps;
};

void
tl_cache_entry_free(struct tl_cache_entry *e)
{
	free(e->url);
	free(e->final_url);
	free(e->content_type);
	free(e->etag);
	free(e->last_modified);
	free(e->date);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

void
tl_cache_key(const char *url, char out[TL_SHA256_HEX])
{
	tl_sha256_hex(url, strlen(url), out);
}

int
tl_cache_value_ok(const char *v)
{
	const unsigned char *p;

	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return 0;
	return (size_t)(p - (const unsigned char *)v) <= MAX_VALUE;
}

static void
field(struct buf *out, const char *name, const char *value)
{
	if (value == NULL || !tl_cache_value_ok(value))
		return;
	buf_printf(out, "%s: %s\n", name, value);
}

int
tl_cache_entry_format(struct buf *out, const struct tl_cache_entry *e)
{
	char hex[TL_SHA256_HEX];

	if (e->url == NULL || !tl_cache_value_ok(e->url) ||
	    e->final_url == NULL || !tl_cache_value_ok(e->final_url))
		return -1;
	tl_sha256_hex(e->body != NULL ? e->body : "", e->len, hex);
	buf_puts(out, TL_CACHE_MAGIC "\n");
	field(out, "url", e->url);
	field(out, "final-url", e->final_url);
	field(out, "content-type", e->content_type);
	field(out, "etag", e->etag);
	field(out, "last-modified", e->last_modified);
	field(out, "date", e->date);
	buf_printf(out, "fetched: %lld\nlength: %zu\nsha256: %s\n\n",
	    (long long)e->fetched, e->len, hex);
	return 0;
}

/* A decimal number of at most 18 digits, nothing else. */
static int
parse_count(const char *s, size_t len, long long *out)
{
	long long v = 0;
	size_t i;

	if (len == 0 || len > 18)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

enum { F_URL, F_FINAL, F_TYPE, F_ETAG, F_LASTMOD, F_DATE, F_FETCHED,
	F_LENGTH, F_SHA, F_COUNT };
static const char *const field_names[F_COUNT] = {
	"url", "final-url", "content-type", "etag", "last-modified", "date",
	"fetched", "length", "sha256",
};

int
tl_cache_entry_parse(const char *data, size_t len, const char *url,
    size_t max_body, struct tl_cache_entry *e, const char **why)
{
	const char *p = data, *end = data + len, *line_end;
	const char *val[F_COUNT] = {0};
	size_t vlen[F_COUNT] = {0}, magic = strlen(TL_CACHE_MAGIC);
	long long fetched, length;
	char hex[TL_SHA256_HEX];
	int i;

	memset(e, 0, sizeof(*e));
	if (len < magic + 1 || memcmp(data, TL_CACHE_MAGIC "\n", magic + 1)
	    != 0) {
		*why = "not a tablog cache entry of this version";
		return -1;
	}
	p += magic + 1;
	for (;;) {
		const char *colon;

		line_end = memchr(p, '\n', (size_t)(end - p));
		if (line_end == NULL || (size_t)(line_end - data) >
		    TL_CACHE_MAX_META) {
			*why = "metadata cut short";
			return -1;
		}
		if (line_end == p)
			break;
		colon = memchr(p, ':', (size_t)(line_end - p));
		if (colon == NULL || colon + 1 >= line_end || colon[1] != ' ') {
			*why = "bad metadata line";
			return -1;
		}
		for (i = 0; i < F_COUNT; i++)
			if (strlen(field_names[i]) == (size_t)(colon - p) &&
			    memcmp(field_names[i], p, (size_t)(colon - p)) == 0)
				break;
		if (i == F_COUNT) {
			*why = "unknown metadata field";
			return -1;
		}
		if (val[i] != NULL) {
			*why = "repeated metadata field";
			return -1;
		}
		val[i] = colon + 2;
		vlen[i] = (size_t)(line_end - val[i]);
		for (p = val[i]; p < line_end; p++)
			if (*p == '\0' || (*p > 0 && *p < 0x20 && *p != '\t') ||
			    *p == 0x7f) {
				*why = "control character in metadata";
				return -1;
			}
		p = line_end + 1;
	}
	p = line_end + 1;
	if (val[F_URL] == NULL || val[F_FINAL] == NULL ||
	    val[F_FETCHED] == NULL || val[F_LENGTH] == NULL ||
	    val[F_SHA] == NULL) {
		*why = "metadata field missing";
		return -1;
	}
	if (vlen[F_URL] != strlen(url) || memcmp(val[F_URL], url,
	    vlen[F_URL]) != 0) {
		*why = "entry of another URL";
		return -1;
	}
	if (parse_count(val[F_FETCHED], vlen[F_FETCHED], &fetched) != 0 ||
	    parse_count(val[F_LENGTH], vlen[F_LENGTH], &length) != 0) {
		*why = "bad number in metadata";
		return -1;
	}
	if ((unsigned long long)length != (unsigned long long)(end - p)) {
		*why = (unsigned long long)length > (unsigned long long)(end - p)
		    ? "body cut short" : "bytes after the body";
		return -1;
	}
	if ((size_t)length > max_body) {
		*why = "body over the size limit";
		return -1;
	}
	tl_sha256_hex(p, (size_t)length, hex);
	if (vlen[F_SHA] != TL_SHA256_HEX - 1 || memcmp(val[F_SHA], hex,
	    vlen[F_SHA]) != 0) {
		*why = "body does not match its SHA-256";
		return -1;
	}
	e->url = xstrndup(val[F_URL], vlen[F_URL]);
	e->final_url = xstrndup(val[F_FINAL], vlen[F_FINAL]);
	if (val[F_TYPE] != NULL)
		e->content_type = xstrndup(val[F_TYPE], vlen[F_TYPE]);
	if (val[F_ETAG] != NULL)
		e->etag = xstrndup(val[F_ETAG], vlen[F_ETAG]);
	if (val[F_LASTMOD] != NULL)
		e->last_modified = xstrndup(val[F_LASTMOD], vlen[F_LASTMOD]);
	if (val[F_DATE] != NULL)
		e->date = xstrndup(val[F_DATE], vlen[F_DATE]);
	e->fetched = (time_t)fetched;
	e->body = xstrndup(p, (size_t)length);
	e->len = (size_t)length;
	return 0;
}

/* ---- the folder ----------------------------------------------------- */

/* Remove temporaries (".NAME.tmp-...", base/output.c) of dead runs. */
static void
sweep_temporaries(int dirfd)
{
	int fd = dup(dirfd);
	DIR *dp;
	struct dirent *de;
	struct stat st;
	time_t now = time(NULL);

	if (fd < 0)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] != '.' || strstr(de->d_name, ".tmp-") == NULL)
			continue;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && now - st.st_mtime > STALE_TEMP)
			unlinkat(dirfd, de->d_name, 0);
	}
	closedir(dp);
}

struct tl_cache *
tl_cache_open(const char *dir, struct tl_temps *temps, struct tl_diags *d)
{
	struct tl_cache *c;
	struct buf shown = {0};
	int top, fd;

	if (tl_mkdirs(dir, d) != 0 || (top = tl_dir_open(dir, d)) < 0)
		return NULL;
	tl_path_join(&shown, dir, "http");
	fd = tl_subdir_open(top, "http", buf_str(&shown), d);
	close(top);
	if (fd < 0) {
		buf_free(&shown);
		return NULL;
	}
	sweep_temporaries(fd);
	c = xcalloc(1, sizeof(*c));
	c->dir = shown.data;
	c->dirfd = fd;
	c->temps = temps;
	return c;
}

void
tl_cache_close(struct tl_cache *c)
{
	if (c == NULL)
		return;
	close(c->dirfd);
	free(c->dir);
	free(c);
}

void
tl_cache_path(const struct tl_cache *c, const char *url, struct buf *out)
{
	char key[TL_SHA256_HEX];

	tl_cache_key(url, key);
	tl_path_join(out, c->dir, key);
}

int
tl_cache_get(struct tl_cache *c, const char *url, size_t max_body,
    struct tl_cache_entry *e, struct tl_diags *d)
{
	char key[TL_SHA256_HEX];
	struct buf data = {0}, shown = {0};
	const char *why = NULL;
	struct stat st;
	size_t limit;
	int fd, found = 0;

	memset(e, 0, sizeof(*e));
	tl_cache_key(url, key);
	/* No link is followed and nothing but a regular file is read. */
	fd = openat(c->dirfd, key, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			why = strerror(errno);
		goto out;
	}
	limit = max_body > SIZE_MAX - TL_CACHE_MAX_META - 1 ? SIZE_MAX :
	    max_body + TL_CACHE_MAX_META + 1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		why = "not a regular file";
		goto out;
	}
	if ((unsigned long long)st.st_size > limit) {
		why = "body over the size limit";
		goto out;
	}
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			why = strerror(errno);
			goto out;
		}
		if (n == 0)
			break;
		buf_put(&data, chunk, (size_t)n);
		if (data.len > limit) {
			why = "body over the size limit";
			goto out;
		}
	}
	if (tl_cache_entry_parse(data.data != NULL ? data.data : "",
	    data.len, url, max_body, e, &why) == 0)
		found = 1;
out:
	if (fd >= 0)
		close(fd);
	/* Another format's entry, or (against odds of 2^-256) another
	 * URL's, is just not ours: no warning. */
	if (!found && why != NULL &&
	    strcmp(why, "not a tablog cache entry of this version") != 0 &&
	    strcmp(why, "entry of another URL") != 0) {
		tl_path_join(&shown, c->dir, key);
		tl_diag_kind(d, TL_WARNING, TL_DK_CACHE, buf_str(&shown), 0,
		    "cache entry ignored (%s); fetching %s again", why, url);
	}
	buf_free(&data);
	buf_free(&shown);
	return found;
}

int
tl_cache_put(struct tl_cache *c, const struct tl_cache_entry *e,
    struct tl_diags *d)
{
	char key[TL_SHA256_HEX];
	struct buf meta = {0}, shown = {0};
	struct tl_diags err = {0};
	struct tl_outfile o;
	size_t i;
	int rc = -1;

	if (tl_cache_entry_format(&meta, e) != 0)
		return -1;
	tl_cache_key(e->url, key);
	tl_path_join(&shown, c->dir, key);
	if (tl_outfile_openat(&o, c->dirfd, key, buf_str(&shown), c->temps,
	    &err) == 0) {
		fwrite(meta.data, 1, meta.len, o.fp);
		if (e->len > 0)
			fwrite(e->body, 1, e->len, o.fp);
		rc = tl_outfile_commit(&o, &err);
	}
	/* Not fatal: the page was fetched; only the next run pays. */
	for (i = 0; i < err.n; i++)
		tl_diag_kind(d, TL_WARNING, TL_DK_CACHE, err.v[i].file,
		    err.v[i].line, "cache not written: %s", err.v[i].message);
	tl_diags_free(&err);
	buf_free(&meta);
	buf_free(&shown);
	return rc;
}
