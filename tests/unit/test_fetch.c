/*
 * test_fetch.c - the parts of fetching that need no network: SHA-256 and
 * the cache key, HTTP dates, Retry-After, Content-Type charsets, backoff,
 * and cache entries (written, read, and refused when torn or tampered
 * with), plus the cache folder on disk.  The expected digests come from
 * FIPS 180-4's examples and Python's hashlib; the expected times from
 * RFC 9110's example date and Python's calendar.timegm.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/sha256.h"
#include "fetch/cache.h"
#include "fetch/http.h"

/* ---- SHA-256 and the cache key ---------------------------------------- */

static void
expect_sha(const char *data, size_t len, const char *hex)
{
	char out[TL_SHA256_HEX];

	tl_sha256_hex(data, len, out);
	assert_string_equal(out, hex);
}

static void
test_sha256_vectors(void **state)
{
	static char a[1000000];
	(void)state;

	expect_sha("", 0,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect_sha("abc", 3,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(a, 'a', sizeof(a));
	expect_sha(a, sizeof(a),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* Lengths around the 56- and 64-byte padding boundaries. */
	expect_sha(a, 55,
	    "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	expect_sha(a, 56,
	    "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	expect_sha(a, 63,
	    "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
	expect_sha(a, 64,
	    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	expect_sha(a, 65,
	    "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
	expect_sha(a, 119,
	    "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
}

static void
test_cache_key(void **state)
{
	char key[TL_SHA256_HEX];
	(void)state;

	tl_cache_key("https://example.com/docs/page.html", key);
	assert_string_equal(key,
	    "7ee3e0fbd3594424f6f62ad59377b2fcf88a592e6ee410424326c2c7b7402f3b");
}

/* ---- HTTP dates ------------------------------------------------------ */

static void
expect_date(const char *s, long long want)
{
	time_t t = 0;

	if (tl_http_date_parse(s, &t) != 0)
		fail_msg("'%s' not read as a date", s);
	assert_int_equal((long long)t, want);
}

static void
expect_no_date(const char *s)
{
	time_t t = 12345;

	if (tl_http_date_parse(s, &t) == 0)
		fail_msg("'%s' read as a date", s);
	assert_int_equal((long long)t, 12345);
}

static void
test_http_date(void **state)
{
	char out[TL_HTTP_DATE_LEN];
	(void)state;

	/* RFC 9110 section 5.6.7's example, in its three forms. */
	expect_date("Sun, 06 Nov 1994 08:49:37 GMT", 784111777);
	expect_date("Sunday, 06-Nov-94 08:49:37 GMT", 784111777);
	expect_date("Sun Nov  6 08:49:37 1994", 784111777);
	expect_date("Thu, 01 Jan 1970 00:00:00 GMT", 0);
	expect_date("Thu, 29 Feb 2024 00:00:00 GMT", 1709164800);
	expect_date("Monday, 01-Jan-24 00:00:00 GMT", 1704067200);
	expect_date("Wed, 31 Dec 2069 23:59:59 GMT", 3155759999LL);

	expect_no_date("");
	expect_no_date("Sun, 06 Nov 1994 08:49:37");		/* no GMT */
	expect_no_date("Sun, 06 Nov 1994 08:49:37 UTC");
	expect_no_date("Sun, 06 Nov 1994 08:49:37 GMT ");	/* trailing */
	expect_no_date("Sun, 6 Nov 1994 08:49:37 GMT");		/* one digit */
	expect_no_date("Sun, 06 nov 1994 08:49:37 GMT");	/* case */
	expect_no_date("Xyz, 06 Nov 1994 08:49:37 GMT");
	expect_no_date("Thu, 29 Feb 2023 00:00:00 GMT");	/* no such day */
	expect_no_date("Sun, 06 Nov 1994 24:00:00 GMT");
	expect_no_date("Sun, 06 Nov 1994 08:60:00 GMT");
	expect_no_date("Sun Nov 6 08:49:37 1994");		/* asctime pads */
	expect_no_date("1994-11-06T08:49:37Z");

	tl_http_date_format(784111777, out);
	assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
	tl_http_date_format(0, out);
	assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
	tl_http_date_format(1709164800, out);
	assert_string_equal(out, "Thu, 29 Feb 2024 00:00:00 GMT");
	tl_http_date_format(-86400, out);
	assert_string_equal(out, "Wed, 31 Dec 1969 00:00:00 GMT");
}

/* ---- Retry-After ----------------------------------------------------- */

static void
expect_wait(const char *v, time_t now, double want)
{
	double w = -1;

	if (tl_retry_after(v, now, &w) != 0)
		fail_msg("Retry-After '%s' refused", v);
	assert_true(w == want);
}

static void
expect_bad_wait(const char *v)
{
	double w = -1;

	if (tl_retry_after(v, 0, &w) == 0)
		fail_msg("Retry-After '%s' accepted", v);
	assert_true(w == -1);
}

static void
test_retry_after(void **state)
{
	(void)state;

	expect_wait("120", 0, 120);
	expect_wait("0", 0, 0);
	expect_wait(" 7\t", 0, 7);
	expect_wait("99999999999999999999999", 0, 1e9);
	/* A date 30 s on, one in the past, and the obsolete forms. */
	expect_wait("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30, 30);
	expect_wait("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30, 0);
	expect_wait("Sunday, 06-Nov-94 08:49:37 GMT", 784111777 - 5, 5);
	expect_wait("  Sun Nov  6 08:49:37 1994 ", 784111777 - 1, 1);

	expect_bad_wait("");
	expect_bad_wait("   ");
	expect_bad_wait("1.5");
	expect_bad_wait("-1");
	expect_bad_wait("+1");
	expect_bad_wait("12a");
	expect_bad_wait("1 2");
	expect_bad_wait("soon");
	expect_bad_wait("Sun, 06 Nov 1994 08:49:37");
}

/* ---- charsets -------------------------------------------------------- */

static void
expect_charset(const char *ct, const char *want)
{
	char *got = tl_content_type_charset(ct);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("'%s' gave charset '%s'", ct, got);
		return;
	}
	if (got == NULL)
		fail_msg("'%s' gave no charset", ct);
	assert_string_equal(got, want);
	free(got);
}

static void
test_charset(void **state)
{
	(void)state;

	expect_charset("text/html; charset=UTF-8", "utf-8");
	expect_charset("text/html;charset=utf-8", "utf-8");
	expect_charset("text/html; CHARSET=\"ISO-8859-1\"", "iso-8859-1");
	expect_charset("text/html; q=1; charset=windows-1252", "windows-1252");
	expect_charset("text/html; name=\"a;charset=evil\"; charset=Shift_JIS",
	    "shift_jis");
	expect_charset("text/html;;charset=utf-8", "utf-8");
	expect_charset("text/html; charset=utf-8 ", "utf-8");

	expect_charset("text/html", NULL);
	expect_charset("", NULL);
	expect_charset("text/html; charset=", NULL);
	expect_charset("text/html; charset=\"\"", NULL);
	expect_charset("text/html; charset=\"utf-8", NULL);	/* unclosed */
	expect_charset("text/html; charset=\"utf 8\"", NULL);
	expect_charset("text/html; charset=utf 8", NULL);
	expect_charset("text/html; xcharset=utf-8", NULL);
	expect_charset("text/html; charset=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    NULL);						/* 41 bytes */
}

static void
test_backoff(void **state)
{
	(void)state;

	assert_true(tl_backoff(1, 30) == 1);
	assert_true(tl_backoff(2, 30) == 2);
	assert_true(tl_backoff(3, 30) == 4);
	assert_true(tl_backoff(5, 30) == 16);
	assert_true(tl_backoff(6, 30) == 30);
	assert_true(tl_backoff(1000000, 30) == 30);
	assert_true(tl_backoff(1, 0.25) == 0.25);
}

/* ---- cache entries --------------------------------------------------- */

/* Written by hand; the SHA-256 of "hello" is sha256sum's. */
static const char ENTRY[] =
    "tablog-cache 1\n"
    "url: http://h/a\n"
    "final-url: http://h/b\n"
    "content-type: text/html; charset=utf-8\n"
    "etag: \"v1\"\n"
    "last-modified: Sun, 06 Nov 1994 08:49:37 GMT\n"
    "date: Mon, 07 Nov 1994 08:49:37 GMT\n"
    "fetched: 784198177\n"
    "length: 5\n"
    "sha256: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n"
    "\n"
    "hello";

static const char *
parse_why(const char *data, size_t len, const char *url, size_t max)
{
	struct tl_cache_entry e;
	const char *why = NULL;

	if (tl_cache_entry_parse(data, len, url, max, &e, &why) == 0) {
		tl_cache_entry_free(&e);
		return NULL;
	}
	assert_non_null(why);
	return why;
}

static void
test_entry_parse(void **state)
{
	struct tl_cache_entry e;
	const char *why = NULL;
	(void)state;

	assert_int_equal(tl_cache_entry_parse(ENTRY, sizeof(ENTRY) - 1,
	    "http://h/a", 100, &e, &why), 0);
	assert_string_equal(e.url, "http://h/a");
	assert_string_equal(e.final_url, "http://h/b");
	assert_string_equal(e.content_type, "text/html; charset=utf-8");
	assert_string_equal(e.etag, "\"v1\"");
	assert_string_equal(e.last_modified, "Sun, 06 Nov 1994 08:49:37 GMT");
	assert_string_equal(e.date, "Mon, 07 Nov 1994 08:49:37 GMT");
	assert_int_equal((long long)e.fetched, 784198177);
	assert_int_equal(e.len, 5);
	assert_memory_equal(e.body, "hello", 6);
	tl_cache_entry_free(&e);
}

/* A file cut short at any byte - a torn write - is never an entry. */
static void
test_entry_torn(void **state)
{
	size_t cut;
	(void)state;

	for (cut = 0; cut < sizeof(ENTRY) - 1; cut++)
		if (parse_why(ENTRY, cut, "http://h/a", 100) == NULL)
			fail_msg("entry cut at %zu bytes accepted", cut);
	assert_string_equal(parse_why(ENTRY, sizeof(ENTRY) - 2, "http://h/a",
	    100), "body cut short");
}

/* Replace the first `from` in ENTRY by `to`; the result's reason. */
static const char *
tampered(const char *from, const char *to)
{
	static struct buf b;
	const char *at = strstr(ENTRY, from);

	assert_non_null(at);
	buf_reset(&b);
	buf_put(&b, ENTRY, (size_t)(at - ENTRY));
	buf_puts(&b, to);
	buf_puts(&b, at + strlen(from));
	return parse_why(b.data, b.len, "http://h/a", 100);
}

static void
test_entry_tampered(void **state)
{
	struct buf b = {0};
	(void)state;

	assert_null(tampered("hello", "hello"));	/* the control */
	assert_string_equal(tampered("\n\nhello", "\n\nhellO"),
	    "body does not match its SHA-256");
	assert_string_equal(tampered("hello", "hello!"), "bytes after the body");
	assert_string_equal(tampered("tablog-cache 1", "tablog-cache 2"),
	    "not a tablog cache entry of this version");
	assert_string_equal(tampered("length: 5\n", ""),
	    "metadata field missing");
	assert_string_equal(tampered("sha256: 2", "sha256: 3"),
	    "body does not match its SHA-256");
	assert_string_equal(tampered("length: 5", "length: 5x"),
	    "bad number in metadata");
	assert_string_equal(tampered("length: 5", "length: -5"),
	    "bad number in metadata");
	assert_string_equal(tampered("etag: ", "etag:"), "bad metadata line");
	assert_string_equal(tampered("etag: \"v1\"\n",
	    "etag: \"v1\"\netag: \"v2\"\n"), "repeated metadata field");
	assert_string_equal(tampered("etag", "color"), "unknown metadata field");
	assert_string_equal(tampered("\"v1\"", "\"v\0011\""),
	    "control character in metadata");
	assert_string_equal(tampered("\"v1\"", "\"v\r1\""),
	    "control character in metadata");
	assert_string_equal(tampered("url: http://h/a", "url: http://h/c"),
	    "entry of another URL");
	/* A body over the caller's limit is not handed out. */
	assert_string_equal(parse_why(ENTRY, sizeof(ENTRY) - 1, "http://h/a",
	    4), "body over the size limit");
	assert_null(parse_why(ENTRY, sizeof(ENTRY) - 1, "http://h/a", 5));
	/* Metadata that never ends is refused without reading on. */
	buf_puts(&b, "tablog-cache 1\nurl: ");
	while (b.len < TL_CACHE_MAX_META + 10)
		buf_putc(&b, 'x');
	buf_puts(&b, "\n\n");
	assert_string_equal(parse_why(b.data, b.len, "http://h/a", 100),
	    "metadata cut short");
	buf_free(&b);
}

/* The writer writes what the reader reads, byte for byte ENTRY. */
static void
test_entry_format(void **state)
{
	struct tl_cache_entry e;
	struct buf b = {0};
	(void)state;

	memset(&e, 0, sizeof(e));
	e.url = "http://h/a";
	e.final_url = "http://h/b";
	e.content_type = "text/html; charset=utf-8";
	e.etag = "\"v1\"";
	e.last_modified = "Sun, 06 Nov 1994 08:49:37 GMT";
	e.date = "Mon, 07 Nov 1994 08:49:37 GMT";
	e.fetched = 784198177;
	e.body = "hello";
	e.len = 5;
	assert_int_equal(tl_cache_entry_format(&b, &e), 0);
	buf_put(&b, e.body, e.len);
	assert_int_equal(b.len, sizeof(ENTRY) - 1);
	assert_memory_equal(b.data, ENTRY, b.len);

	/* A value with a line break is left out, not written. */
	buf_reset(&b);
	e.etag = "\"v1\"\nlength: 0";
	e.date = NULL;
	assert_int_equal(tl_cache_entry_format(&b, &e), 0);
	assert_null(strstr(b.data, "etag"));
	assert_null(strstr(b.data, "date:"));
	assert_non_null(strstr(b.data, "length: 5\n"));
	/* A URL with one cannot be stored at all. */
	buf_reset(&b);
	e.url = "http://h/a\nx";
	assert_int_equal(tl_cache_entry_format(&b, &e), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* ---- the cache folder ------------------------------------------------ */

static void
test_cache_folder(void **state)
{
	char dir[] = "/tmp/test_fetch_XXXXXX";
	struct tl_diags d = {0};
	struct tl_cache_entry e, got;
	struct tl_cache *c;
	struct buf path = {0}, p2 = {0};
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	FILE *fp;
	(void)state;

	assert_non_null(mkdtemp(dir));
	/* A temporary of a run that died long ago, and one of a live run. */
	buf_printf(&path, "%s/http", dir);
	assert_int_equal(mkdir(path.data, 0777), 0);
	buf_printf(&path, "/.abc.tmp-1-2-0");
	fp = fopen(path.data, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(utimensat(AT_FDCWD, path.data, old, 0), 0);
	buf_printf(&p2, "%s/http/.abd.tmp-1-2-0", dir);
	fp = fopen(p2.data, "w");
	assert_non_null(fp);
	fclose(fp);

	c = tl_cache_open(dir, NULL, &d);
	assert_non_null(c);
	assert_int_equal(access(path.data, F_OK), -1);
	assert_int_equal(access(p2.data, F_OK), 0);
	unlink(p2.data);

	assert_int_equal(tl_cache_get(c, "http://h/a", 100, &got, &d), 0);
	assert_int_equal(d.n, 0);
	memset(&e, 0, sizeof(e));
	e.url = "http://h/a";
	e.final_url = "http://h/a";
	e.etag = "\"x\"";
	e.fetched = 1;
	e.body = "body";
	e.len = 4;
	assert_int_equal(tl_cache_put(c, &e, &d), 0);
	assert_int_equal(tl_cache_get(c, "http://h/a", 100, &got, &d), 1);
	assert_string_equal(got.etag, "\"x\"");
	assert_memory_equal(got.body, "body", 5);
	tl_cache_entry_free(&got);
	assert_int_equal(d.n, 0);

	/* Torn by hand: ignored, with one warning naming the file. */
	buf_reset(&path);
	tl_cache_path(c, "http://h/a", &path);
	assert_int_equal(truncate(path.data, 30), 0);
	assert_int_equal(tl_cache_get(c, "http://h/a", 100, &got, &d), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].severity, TL_WARNING);
	assert_string_equal(d.v[0].file, path.data);
	assert_non_null(strstr(d.v[0].message, "cache entry ignored"));
	tl_diags_free(&d);

	unlink(path.data);
	tl_cache_close(c);
	buf_reset(&path);
	buf_printf(&path, "%s/http", dir);
	rmdir(path.data);
	rmdir(dir);
	buf_free(&path);
	buf_free(&p2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_cache_key),
		cmocka_unit_test(test_http_date),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_entry_parse),
		cmocka_unit_test(test_entry_torn),
		cmocka_unit_test(test_entry_tampered),
		cmocka_unit_test(test_entry_format),
		cmocka_unit_test(test_cache_folder),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
