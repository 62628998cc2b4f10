/*
 * test_template.c - unit tests for the Mustache engine (template.c).
 *
 * The spec runner (tests/tools/mustache_spec.c) covers the Mustache
 * language; these cover what the spec does not: syntax errors and their
 * lines, limits on nesting and recursion, the template set and its
 * loader, escaping, number formatting, large and hostile inputs.
 * Expected outputs are written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/buf.h"
#include "template/template.h"
#include "write/escape.h"
#include "base/xalloc.h"

/* ---- helpers ------------------------------------------------------- */

/* A loader serving sources from a JSON object and counting its calls. */
struct fake_loader {
	json_t	*sources;
	int	 calls;
};

static char *
fake_load(void *ctx, const char *name)
{
	struct fake_loader *f = ctx;
	json_t *v = json_object_get(f->sources, name);

	f->calls++;
	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

/*
 * Render `src` with JSON `data` and partials from JSON object `partials`
 * (either may be NULL); returns the output, or NULL with *err filled.
 */
static char *
render(const char *src, const char *data, const char *partials,
    struct tl_template_error *err)
{
	struct fake_loader f = { NULL, 0 };
	struct tl_template_loader loader = { fake_load, &f };
	struct tl_template_set *set;
	struct tl_template *t;
	struct buf out = { 0 };
	json_t *ctx = NULL;
	char *result = NULL;

	if (data != NULL) {
		ctx = json_loads(data, JSON_DECODE_ANY, NULL);
		assert_non_null(ctx);
	}
	if (partials != NULL) {
		f.sources = json_loads(partials, 0, NULL);
		assert_non_null(f.sources);
	}
	set = tl_template_set_new(&loader);
	t = tl_template_compile("test", src, strlen(src), err);
	if (t != NULL && tl_template_render(t, TL_JSON_VALUE(ctx), set, &out, err) == 0)
		result = xstrdup(buf_str(&out));
	tl_template_free(t);
	tl_template_set_free(set);
	buf_free(&out);
	json_decref(ctx);
	json_decref(f.sources);
	return result;
}

static void
assert_renders(const char *src, const char *data, const char *partials,
    const char *expected)
{
	struct tl_template_error err;
	char *got = render(src, data, partials, &err);

	if (got == NULL)
		fail_msg("error: %s:%u: %s", err.name, err.line, err.message);
	assert_string_equal(got, expected);
	free(got);
}

/* Compiling `src` must fail on `line` with exactly `message`. */
static void
assert_compile_error(const char *src, unsigned line, const char *message)
{
	struct tl_template_error err;
	struct tl_template *t;

	memset(&err, 0, sizeof(err));
	t = tl_template_compile("page.html", src, strlen(src), &err);
	assert_null(t);
	assert_string_equal(err.name, "page.html");
	assert_int_equal(err.line, line);
	assert_string_equal(err.message, message);
}

/* ---- syntax errors ------------------------------------------------- */

static void
test_error_unclosed_section(void **state)
{
	(void)state;
	assert_compile_error("<ul>\n{{#rows}}\n<li>{{name}}</li>\n</ul>\n", 2,
	    "unclosed section 'rows'");
	assert_compile_error("{{#a}}{{/a}}\n\n{{^b}}{{#c}}{{/c}}", 3,
	    "unclosed section 'b'");
	assert_compile_error("x\n{{<layout}}\n", 2, "unclosed parent 'layout'");
	assert_compile_error("{{$title}}", 1, "unclosed block 'title'");
}

static void
test_error_mismatched_close(void **state)
{
	(void)state;
	assert_compile_error("{{#a}}\n{{#b}}\n{{/a}}\n", 3,
	    "closing tag 'a' does not match section 'b' opened on line 2");
	assert_compile_error("one\ntwo\n{{/rows}}", 3,
	    "closing tag 'rows' without an open section");
}

static void
test_error_unclosed_tag(void **state)
{
	(void)state;
	assert_compile_error("ok\n\n{{name\n", 3,
	    "unclosed tag: no '}}' after '{{'");
	assert_compile_error("a {{{raw}} b", 1,
	    "unclosed tag: no '}}}' after '{{'");
	assert_compile_error("{{=<% %>=}}\n<%x", 2,
	    "unclosed tag: no '%>' after '<%'");
	assert_compile_error("{{! never closed\n", 1,
	    "unclosed tag: no '}}' after '{{'");
	assert_compile_error("{{", 1, "unclosed tag: no '}}' after '{{'");
}

static void
test_error_bad_delimiter(void **state)
{
	(void)state;
	assert_compile_error("\n{{=<%=}}", 2, "bad set-delimiter tag: "
	    "expected two delimiters separated by white space");
	assert_compile_error("{{= a b c =}}", 1, "bad set-delimiter tag: "
	    "expected two delimiters separated by white space");
	assert_compile_error("{{==}}", 1, "bad set-delimiter tag: "
	    "expected two delimiters separated by white space");
	assert_compile_error("{{=}}", 1, "unclosed tag: no '=}}' after '{{'");
	assert_compile_error("{{=<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< >>=}}",
	    1, "bad set-delimiter tag: delimiters longer than 32 bytes");
}

static void
test_error_bad_name(void **state)
{
	(void)state;
	assert_compile_error("a\n{{ }}", 2, "tag without a name");
	assert_compile_error("{{#}}{{/}}", 1, "tag without a name");
	assert_compile_error("{{first name}}", 1,
	    "bad tag name 'first name': white space in a name");
	/* Control bytes in a quoted name must not break the one-line form. */
	assert_compile_error("{{/a\x01\x02}}", 1,
	    "closing tag 'a?" "?' without an open section");
}

/* ---- limits -------------------------------------------------------- */

static char *
nested_sections(int depth)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < depth; i++)
		buf_puts(&b, "{{#a}}");
	buf_puts(&b, "{{x}}");
	for (i = 0; i < depth; i++)
		buf_puts(&b, "{{/a}}");
	return b.data;
}

static void
test_nesting_limit(void **state)
{
	struct tl_template_error err;
	struct tl_template *t;
	struct buf out = { 0 };
	json_t *ctx = json_pack("{s:b, s:s}", "a", 1, "x", "deep");
	char *src;

	(void)state;
	src = nested_sections(1000);
	t = tl_template_compile("deep", src, strlen(src), &err);
	assert_non_null(t);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), NULL, &out, &err), 0);
	assert_string_equal(buf_str(&out), "deep");
	tl_template_free(t);
	free(src);

	src = nested_sections(1001);
	t = tl_template_compile("deep", src, strlen(src), &err);
	assert_null(t);
	assert_int_equal(err.line, 1);
	assert_string_equal(err.message, "sections nested more than 1000 deep");
	free(src);
	buf_free(&out);
	json_decref(ctx);
}

/* {"k": {"k": ... {"k": false}}} with `depth` truthy levels; free it. */
static char *
nested_data(int depth)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < depth; i++)
		buf_puts(&b, "{\"k\": ");
	buf_puts(&b, "{\"k\": false}");
	for (i = 0; i < depth; i++)
		buf_puts(&b, "}");
	return b.data;
}

static void
test_recursion_limit(void **state)
{
	struct tl_template_error err;
	char *got, *data;

	(void)state;
	got = render("a\n{{>loop}}", "{}",
	    "{\"loop\": \"x\\n\\n{{>loop}}\"}", &err);
	assert_null(got);
	assert_string_equal(err.name, "loop");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.message,
	    "partials nested more than 100 deep (at 'loop')");

	/* Parents recurse the same way. */
	got = render("{{<p}}{{/p}}", "{}", "{\"p\": \"{{<p}}{{/p}}\"}", &err);
	assert_null(got);
	assert_string_equal(err.name, "p");

	/* Exactly 100 partials deep is allowed, 101 is not. */
	data = nested_data(99);
	got = render("{{>n}}", data, "{\"n\": \"{{#k}}.{{>n}}{{/k}}\"}", &err);
	free(data);
	assert_non_null(got);
	assert_int_equal(strlen(got), 99);
	free(got);
	data = nested_data(100);
	got = render("{{>n}}", data, "{\"n\": \"{{#k}}.{{>n}}{{/k}}\"}", &err);
	free(data);
	assert_null(got);
	assert_string_equal(err.message,
	    "partials nested more than 100 deep (at 'n')");

	/* A recursive partial that ends with the data is fine. */
	assert_renders("{{>tree}}",
	    "{\"n\": \"1\", \"kids\": [{\"n\": \"2\", \"kids\": "
	    "[{\"n\": \"3\", \"kids\": []}]}]}",
	    "{\"tree\": \"({{n}}{{#kids}}{{>tree}}{{/kids}})\"}",
	    "(1(2(3)))");
}

/* Deep sections inside a recursive partial hit the total depth limit. */
static void
test_render_depth_limit(void **state)
{
	struct tl_template_error err;
	struct buf partials = { 0 };
	char *deep = nested_sections(900), *got;

	(void)state;
	buf_puts(&partials, "{\"deep\": \"");
	/* nested_sections() ends in {{x}}; make it recurse instead. */
	*strstr(deep, "{{x}}") = '\0';
	buf_printf(&partials, "%s{{>deep}}", deep);
	free(deep);
	deep = nested_sections(900);
	buf_puts(&partials, strstr(deep, "{{x}}") + 5);
	buf_puts(&partials, "\"}");
	got = render("{{>deep}}", "{\"a\": true}", buf_str(&partials), &err);
	assert_null(got);
	assert_string_equal(err.name, "deep");
	assert_int_equal(err.line, 1);
	assert_string_equal(err.message,
	    "templates nested more than 2500 deep while rendering");
	free(deep);
	buf_free(&partials);
}

/* ---- partials and the template set --------------------------------- */

static void
test_missing_partial(void **state)
{
	struct tl_template_error err;
	struct tl_template *t;
	struct buf out = { 0 };
	const char *src = "[{{>nowhere}}]\n  {{>nowhere}}\n[{{<gone}}"
	    "{{$b}}x{{/b}}{{/gone}}]";

	(void)state;
	assert_renders(src, "{}", "{}", "[]\n[]");
	/* Without any set, every partial is missing. */
	t = tl_template_compile("t", src, strlen(src), &err);
	assert_non_null(t);
	assert_int_equal(tl_template_render(t, NULL, NULL, &out, &err), 0);
	assert_string_equal(buf_str(&out), "[]\n[]");
	tl_template_free(t);
	buf_free(&out);
}

static void
test_partial_compile_error(void **state)
{
	struct tl_template_error err;
	char *got;

	(void)state;
	got = render("ok\n{{>row}}", "{}",
	    "{\"row\": \"<tr>\\n{{#cells}}<td>\\n</tr>\"}", &err);
	assert_null(got);
	assert_string_equal(err.name, "row");
	assert_int_equal(err.line, 2);
	assert_string_equal(err.message, "unclosed section 'cells'");
}

static void
test_set_caches_partials(void **state)
{
	json_t *sources = json_pack("{s:s}", "item", "<li>{{.}}</li>");
	struct fake_loader f = { sources, 0 };
	struct tl_template_loader loader = { fake_load, &f };
	struct tl_template_set *set = tl_template_set_new(&loader);
	struct tl_template_error err;
	struct buf out = { 0 };
	json_t *ctx = json_pack("{s:[s,s,s]}", "xs", "a", "b", "c");
	const char *page = "{{#xs}}{{>item}}{{>none}}{{/xs}}";
	int i;

	(void)state;
	assert_int_equal(tl_template_set_add(set, "page", page, strlen(page),
	    &err), 0);
	for (i = 0; i < 3; i++) {
		buf_reset(&out);
		assert_int_equal(tl_template_set_render(set, "page", TL_JSON_VALUE(ctx), &out,
		    &err), 0);
		assert_string_equal(buf_str(&out),
		    "<li>a</li><li>b</li><li>c</li>");
	}
	/* Asked once for "item" and once for "none", never again. */
	assert_int_equal(f.calls, 2);

	assert_int_equal(tl_template_set_render(set, "nope", TL_JSON_VALUE(ctx), &out, &err),
	    -1);
	assert_string_equal(err.message, "no template 'nope'");
	assert_int_equal(tl_template_set_add(set, "bad", "{{#x}}", 6, &err),
	    -1);
	assert_string_equal(err.name, "bad");

	/* Replacing a template takes effect. */
	assert_int_equal(tl_template_set_add(set, "item", "[{{.}}]", 7, &err),
	    0);
	buf_reset(&out);
	assert_int_equal(tl_template_set_render(set, "page", TL_JSON_VALUE(ctx), &out, &err),
	    0);
	assert_string_equal(buf_str(&out), "[a][b][c]");

	tl_template_set_free(set);
	json_decref(ctx);
	json_decref(sources);
	buf_free(&out);
}

/* ---- rendering ----------------------------------------------------- */

static void
test_render_twice(void **state)
{
	const char *src = "{{#people}}{{name}} ({{age}})\n{{/people}}"
	    "{{^people}}nobody\n{{/people}}";
	struct tl_template_error err;
	struct tl_template *t;
	struct buf out = { 0 };
	json_t *a = json_loads("{\"people\": [{\"name\": \"Ann\", \"age\": 31},"
	    " {\"name\": \"Bo\", \"age\": 4}]}", 0, NULL);
	json_t *b = json_loads("{\"people\": []}", 0, NULL);

	(void)state;
	t = tl_template_compile("people", src, strlen(src), &err);
	assert_non_null(t);
	assert_string_equal(tl_template_name(t), "people");
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(a), NULL, &out, &err), 0);
	assert_string_equal(buf_str(&out), "Ann (31)\nBo (4)\n");
	buf_reset(&out);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(b), NULL, &out, &err), 0);
	assert_string_equal(buf_str(&out), "nobody\n");
	buf_reset(&out);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(a), NULL, &out, &err), 0);
	assert_string_equal(buf_str(&out), "Ann (31)\nBo (4)\n");
	tl_template_free(t);
	json_decref(a);
	json_decref(b);
	buf_free(&out);
}

static void
test_large_list(void **state)
{
	const char *src = "<ul>\n{{#rows}}\n  <li>{{n}}</li>\n{{/rows}}\n</ul>\n";
	struct tl_template_error err;
	struct tl_template *t;
	struct buf out = { 0 }, want = { 0 };
	json_t *rows = json_array(), *ctx;
	int i;

	(void)state;
	for (i = 0; i < 100000; i++)
		json_array_append_new(rows, json_pack("{s:i}", "n", i));
	ctx = json_pack("{s:o}", "rows", rows);
	buf_puts(&want, "<ul>\n");
	for (i = 0; i < 100000; i++)
		buf_printf(&want, "  <li>%d</li>\n", i);
	buf_puts(&want, "</ul>\n");

	t = tl_template_compile("list", src, strlen(src), &err);
	assert_non_null(t);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), NULL, &out, &err), 0);
	assert_int_equal(out.len, want.len);
	assert_memory_equal(out.data, want.data, want.len);
	assert_memory_equal(out.data + out.len - 23, "  <li>99999</li>\n</ul>\n",
	    23);
	tl_template_free(t);
	json_decref(ctx);
	buf_free(&out);
	buf_free(&want);
}

static void
test_escaping(void **state)
{
	(void)state;
	assert_renders("<p title=\"{{t}}\">{{t}}</p>|{{{t}}}|{{&t}}",
	    "{\"t\": \"<a href='x'>\\\"Tom\\\" & Jerry</a>\"}", NULL,
	    "<p title=\"&lt;a href=&#39;x&#39;&gt;&quot;Tom&quot; &amp; "
	    "Jerry&lt;/a&gt;\">&lt;a href=&#39;x&#39;&gt;&quot;Tom&quot; "
	    "&amp; Jerry&lt;/a&gt;</p>|<a href='x'>\"Tom\" & Jerry</a>|"
	    "<a href='x'>\"Tom\" & Jerry</a>");
	/* Already-escaped text is escaped again: the data is text, not HTML. */
	assert_renders("{{t}}", "{\"t\": \"&amp;\"}", NULL, "&amp;amp;");
	/* Template text is never escaped. */
	assert_renders("<&>\"'", "{}", NULL, "<&>\"'");
}

static void
test_values(void **state)
{
	(void)state;
	assert_renders("{{i}} {{neg}} {{r}} {{whole}} {{small}} {{t}} {{f}} "
	    "[{{n}}] [{{o}}] [{{a}}]",
	    "{\"i\": 1234567890123, \"neg\": -7, \"r\": 1.21, \"whole\": 3.0,"
	    " \"small\": 0.1, \"t\": true, \"f\": false, \"n\": null,"
	    " \"o\": {\"k\": 1}, \"a\": [1, 2]}", NULL,
	    "1234567890123 -7 1.21 3 0.1 true false [] [] []");
	/* Falsy: missing, null, false, 0, "", []; truthy: {} and the rest. */
	assert_renders("{{#s}}s{{/s}}{{#z}}z{{/z}}{{#e}}e{{/e}}{{#o}}o{{/o}}"
	    "{{^s}}!s{{/s}}{{^z}}!z{{/z}}{{^e}}!e{{/e}}{{^o}}!o{{/o}}"
	    "{{^missing}}!m{{/missing}}{{#one}}1{{/one}}",
	    "{\"s\": \"\", \"z\": 0, \"e\": [], \"o\": {}, \"one\": 1}", NULL,
	    "o!s!z!e!m1");
	/* Digits index arrays in dotted names. */
	assert_renders("{{rows.1.name}}|{{rows.9.name}}|{{rows.x}}",
	    "{\"rows\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}", NULL,
	    "b||");
}

static void
test_indentation(void **state)
{
	(void)state;
	/* A standalone partial indents its lines but not blank ones. */
	assert_renders("<div>\n  {{>body}}\n</div>\n", "{\"x\": \"1\\n2\"}",
	    "{\"body\": \"<p>\\n\\n{{x}}\\n</p>\\n\"}",
	    "<div>\n  <p>\n\n  1\n2\n  </p>\n</div>\n");
	/* A block passed to a layout takes the layout's indentation. */
	assert_renders("{{<layout}}\n{{$main}}\n<h1>{{t}}</h1>\n<p>x</p>\n"
	    "{{/main}}\n{{/layout}}\n", "{\"t\": \"T\"}",
	    "{\"layout\": \"<body>\\n    {{$main}}\\n    {{/main}}\\n"
	    "</body>\\n\"}",
	    "<body>\n    <h1>T</h1>\n    <p>x</p>\n</body>\n");
	/* Sections on one line with a partial keep the newline. */
	assert_renders("{{#xs}}{{>i}}{{/xs}}\nend", "{\"xs\": [1, 2]}",
	    "{\"i\": \"<{{.}}>\"}", "<1><2>\nend");
}

/* Any bytes: compile may fail, but must not crash or hang. */
static void
test_hostile_input(void **state)
{
	static const char alphabet[] = "{{}}#^/!>&<$=*. \n\r\tab{}";
	json_t *ctx = json_loads("{\"a\": [1, {\"b\": \"<\"}], \"b\": true}",
	    0, NULL);
	json_t *sources = json_pack("{s:s, s:s}", "a", "{{>b}}{{$b}}x{{/b}}",
	    "b", "{{<a}}{{$b}}{{>a}}{{/b}}{{/a}}");
	struct fake_loader f = { sources, 0 };
	struct tl_template_loader loader = { fake_load, &f };
	struct tl_template_error err;
	struct tl_template *t;
	struct buf out = { 0 };
	uint32_t seed = 12345;
	char src[200];
	int i, k, n, compiled = 0;

	(void)state;
	for (i = 0; i < 20000; i++) {
		struct tl_template_set *set = tl_template_set_new(&loader);

		n = (int)(seed % sizeof(src));
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			src[k] = (seed >> 16) % 8 == 0 ? (char)(seed >> 8) :
			    alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		t = tl_template_compile("fuzz", src, (size_t)n, &err);
		if (t != NULL) {
			compiled++;
			buf_reset(&out);
			(void)tl_template_render(t, TL_JSON_VALUE(ctx), set, &out, &err);
			tl_template_free(t);
		} else {
			assert_true(err.line >= 1);
			assert_true(strlen(err.message) > 0);
			assert_null(strchr(err.message, '\n'));
		}
		tl_template_set_free(set);
	}
	assert_true(compiled > 100);
	/* A NUL byte in the source is just text. */
	t = tl_template_compile("nul", "a\0b{{x}}", 8, &err);
	assert_non_null(t);
	buf_reset(&out);
	assert_int_equal(tl_template_render(t, NULL, NULL, &out, &err), 0);
	assert_int_equal(out.len, 3);
	assert_memory_equal(out.data, "a\0b", 3);
	tl_template_free(t);
	buf_free(&out);
	json_decref(ctx);
	json_decref(sources);
}

/* Test escapers: [text] and <code>, to see which one a tag used. */
static void
bracket_text(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '[');
	buf_put(out, s, len);
	buf_putc(out, ']');
}

static void
bracket_code(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '<');
	buf_put(out, s, len);
	buf_putc(out, '>');
}

/* {{`x}}: the set's code escaper; as {{x}} without one. */
static void
test_code_tag(void **state)
{
	static const char src[] = "{{x}} {{`x}} {{{x}}} {{`a.b}}{{#l}} {{`.}}{{/l}}";
	struct tl_template_set *set = tl_template_set_new(NULL);
	struct tl_template *t;
	struct buf out = { 0 };
	json_t *ctx = json_loads("{\"x\": \"v&\", \"a\": {\"b\": 1}, "
	    "\"l\": [\"p\", \"q\"]}", 0, NULL);

	(void)state;
	t = tl_template_compile("t", src, strlen(src), NULL);
	assert_non_null(t);
	tl_template_set_escape(set, bracket_text);
	tl_template_set_escape_code(set, bracket_code);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), set, &out,
	    NULL), 0);
	assert_string_equal(buf_str(&out), "[v&] <v&> v& <1> <p> <q>");
	/* Without a code escaper, {{`x}} is escaped as {{x}}. */
	buf_reset(&out);
	tl_template_set_escape(set, NULL);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), set, &out,
	    NULL), 0);
	assert_string_equal(buf_str(&out), "v&amp; v&amp; v& 1 p q");
	/* A standalone line is not removed for it: it is a value. */
	tl_template_free(t);
	t = tl_template_compile("t", "a\n{{`x}}\nb", 10, NULL);
	assert_non_null(t);
	buf_reset(&out);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), set, &out,
	    NULL), 0);
	assert_string_equal(buf_str(&out), "a\nv&amp;\nb");
	tl_template_free(t);
	tl_template_set_free(set);
	buf_free(&out);
	json_decref(ctx);
}

/* The missing-name hook: what it hears, as "TEMPLATE:LINE:NAME;". */
static void
note_missing(void *ctx, const char *template_name, unsigned line,
    const char *name)
{
	buf_printf(ctx, "%s:%u:%s;", template_name, line, name);
}

/*
 * Interpolations of names the context lacks are reported with the
 * template (a partial's own name) and line; present names, null values,
 * sections and inverted sections over missing names are not.
 */
static void
test_missing_names(void **state)
{
	static const char src[] = "{{a}} {{page.titel}}\n"
	    "{{#nope}}{{x}}{{/nope}}{{^nope}}{{{raw}}}{{/nope}}\n"
	    "{{#l}}{{n}}{{m}}{{/l}}{{> part}}{{&page.title}}{{null}}";
	struct fake_loader f = { NULL, 0 };
	struct tl_template_loader loader = { fake_load, &f };
	struct tl_template_set *set = tl_template_set_new(&loader);
	struct tl_template *t;
	struct buf out = { 0 }, heard = { 0 };
	json_t *ctx = json_loads("{\"a\": 1, \"page\": {\"title\": \"T\"}, "
	    "\"null\": null, \"l\": [{\"n\": 1}, {\"n\": 2}]}", 0, NULL);

	(void)state;
	f.sources = json_loads("{\"part\": \"\\n{{`gone.too}}\"}", 0, NULL);
	assert_non_null(f.sources);
	t = tl_template_compile("t.html", src, strlen(src), NULL);
	assert_non_null(t);
	/* Without a hook nothing is heard. */
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), set, &out,
	    NULL), 0);
	assert_string_equal(buf_str(&out), "1 \n\n12\nT");
	tl_template_set_on_missing(set, note_missing, &heard);
	buf_reset(&out);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), set, &out,
	    NULL), 0);
	assert_string_equal(buf_str(&out), "1 \n\n12\nT");
	assert_string_equal(buf_str(&heard), "t.html:1:page.titel;"
	    "t.html:2:raw;t.html:3:m;t.html:3:m;part:2:gone.too;");
	/* Taken off again. */
	tl_template_set_on_missing(set, NULL, NULL);
	buf_reset(&heard);
	assert_int_equal(tl_template_render(t, TL_JSON_VALUE(ctx), set, &out,
	    NULL), 0);
	assert_string_equal(buf_str(&heard), "");
	tl_template_free(t);
	tl_template_set_free(set);
	buf_free(&out);
	buf_free(&heard);
	json_decref(ctx);
	json_decref(f.sources);
}

/*
 * {{x}} in an HTML template and a writer's esc_html() are one escaping:
 * every printable ASCII byte comes out of both the same.
 */
static void
test_escape_same_as_writers(void **state)
{
	struct tl_template_error err;
	struct buf want = {0};
	char data[512], text[100], *got;
	size_t n = 0, i;
	int c;

	(void)state;
	for (c = 0x20; c < 0x7F; c++)
		text[n++] = (char)c;
	text[n] = '\0';
	esc_html(&want, text);
	/* The same bytes as a JSON string. */
	n = 0;
	data[n++] = '{';
	memcpy(data + n, "\"x\": \"", 6);
	n += 6;
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '"' || text[i] == '\\')
			data[n++] = '\\';
		data[n++] = text[i];
	}
	memcpy(data + n, "\"}", 3);
	got = render("{{x}}", data, NULL, &err);
	assert_non_null(got);
	assert_string_equal(got, buf_str(&want));
	assert_non_null(strstr(got, "&amp;&#39;"));
	free(got);
	buf_free(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_tag),
		cmocka_unit_test(test_missing_names),
		cmocka_unit_test(test_escape_same_as_writers),
		cmocka_unit_test(test_error_unclosed_section),
		cmocka_unit_test(test_error_mismatched_close),
		cmocka_unit_test(test_error_unclosed_tag),
		cmocka_unit_test(test_error_bad_delimiter),
		cmocka_unit_test(test_error_bad_name),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_recursion_limit),
		cmocka_unit_test(test_render_depth_limit),
		cmocka_unit_test(test_missing_partial),
		cmocka_unit_test(test_partial_compile_error),
		cmocka_unit_test(test_set_caches_partials),
		cmocka_unit_test(test_render_twice),
		cmocka_unit_test(test_large_list),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_indentation),
		cmocka_unit_test(test_hostile_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
