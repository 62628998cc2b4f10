/*
 * mustache_spec.c - run the official Mustache spec against template.c.
 *
 * Usage: mustache_spec SPEC-DIR
 *
 * Each spec module is a JSON file of tests {name, desc, data, template,
 * partials, expected}.  Every test is compiled, rendered with its data and
 * its partials (through a loader, as the site build finds them) and
 * compared with the expected output.  Prints one line per module, the
 * failures on stderr, and finally "N passed, N failed"; exits 0 only if
 * nothing failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "template/template.h"
#include "base/xalloc.h"

static const char *const modules[] = {
	"comments", "interpolation", "sections", "inverted", "partials",
	"delimiters", "~inheritance", "~dynamic-names",
};

/* The loader: partials come from the test's "partials" object. */
static char *
load_partial(void *ctx, const char *name)
{
	json_t *v = json_object_get(ctx, name);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* Show a string on one line, escapes visible. */
static void
show(const char *label, const char *s)
{
	fprintf(stderr, "    %s: \"", label);
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", stderr);
		else if (*s == '\r')
			fputs("\\r", stderr);
		else if (*s == '\t')
			fputs("\\t", stderr);
		else
			fputc(*s, stderr);
	}
	fputs("\"\n", stderr);
}

/* Run one test; 0 when it passes. */
static int
run_test(const char *module, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	const char *tpl = json_string_value(json_object_get(test, "template"));
	const char *expected =
	    json_string_value(json_object_get(test, "expected"));
	json_t *partials = json_object_get(test, "partials");
	struct tl_template_loader loader = { load_partial, partials };
	struct tl_template_error err;
	struct tl_template_set *set;
	struct tl_template *t;
	struct buf out = { 0 };
	int rc = -1;

	if (name == NULL || tpl == NULL || expected == NULL) {
		fprintf(stderr, "%s: malformed test\n", module);
		return -1;
	}
	set = tl_template_set_new(json_is_object(partials) ? &loader : NULL);
	t = tl_template_compile(name, tpl, strlen(tpl), &err);
	if (t == NULL) {
		fprintf(stderr, "FAIL %s: %s: compile: %u: %s\n", module, name,
		    err.line, err.message);
		goto out;
	}
	if (tl_template_render(t, TL_JSON_VALUE(json_object_get(test, "data")), set, &out,
	    &err) == -1) {
		fprintf(stderr, "FAIL %s: %s: render: %s:%u: %s\n", module,
		    name, err.name, err.line, err.message);
		goto out;
	}
	if (strcmp(buf_str(&out), expected) != 0) {
		fprintf(stderr, "FAIL %s: %s\n", module, name);
		show("template", tpl);
		show("expected", expected);
		show("got     ", buf_str(&out));
		goto out;
	}
	rc = 0;
out:
	tl_template_free(t);
	tl_template_set_free(set);
	buf_free(&out);
	return rc;
}

int
main(int argc, char *argv[])
{
	json_t *spec, *tests;
	json_error_t jerr;
	char path[4096];
	size_t i, k, passed = 0, failed = 0, mpass;
	/* The modules the project requires: all but the optional ~dynamic-names. */
	size_t req_pass = 0, req_total = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: mustache_spec SPEC-DIR\n");
		return 2;
	}
	for (i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s.json", argv[1], modules[i]);
		spec = json_load_file(path, 0, &jerr);
		tests = json_object_get(spec, "tests");
		if (!json_is_array(tests)) {
			fprintf(stderr, "%s: %s\n", path, jerr.text);
			json_decref(spec);
			failed++;
			continue;
		}
		mpass = 0;
		for (k = 0; k < json_array_size(tests); k++)
			if (run_test(modules[i], json_array_get(tests, k)) == 0)
				mpass++;
		printf("mustache spec: %s %zu/%zu\n", modules[i], mpass,
		    json_array_size(tests));
		passed += mpass;
		failed += json_array_size(tests) - mpass;
		if (strcmp(modules[i], "~dynamic-names") != 0) {
			req_pass += mpass;
			req_total += json_array_size(tests);
		}
		json_decref(spec);
	}
	printf("mustache spec: required modules %zu/%zu\n", req_pass, req_total);
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
