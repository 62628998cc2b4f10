/*
 * fuzz_template.c - libFuzzer harness for the Mustache engine.
 *
 * Input: a template, then any number of partials, each "\x01NAME=SOURCE"
 * (NAME up to the first '=').  The template is compiled and rendered
 * against a small fixed JSON context, through a set whose loader serves
 * the partials; it is also added to a set and rendered from there with
 * the Markdown escaper.
 *
 * The context has no array of more than one scalar, and every object in
 * a list shadows the lists with false, so nested sections cannot
 * multiply the output: the engine's limits bound depth, not output size,
 * and an exponential template is not a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "write/escape.h"
#include "fuzz.h"
#include "template/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTIALS 16

struct partials {
	size_t		 n;
	const char	*name[MAX_PARTIALS];
	size_t		 namelen[MAX_PARTIALS];
	const char	*src[MAX_PARTIALS];
	size_t		 srclen[MAX_PARTIALS];
};

static const char context_json[] =
	"{\"name\": \"Joe & <Ann> \\\"q\\\" 'a'\", \"empty\": \"\","
	" \"n\": 42, \"zero\": 0, \"neg\": -7, \"pi\": 3.14159, \"r\": 1.21,"
	" \"t\": true, \"f\": false, \"nul\": null,"
	" \"one\": [\"only\"], \"none\": [],"
	" \"obj\": {\"a\": {\"b\": {\"c\": \"deep\"}}, \"x\": 1, \"s\": \"in\"},"
	" \"list\": [{\"item\": \"a\", \"list\": false, \"rows\": false},"
	"           {\"item\": \"b\", \"list\": false, \"rows\": false,"
	"            \"sub\": {\"item\": \"c\"}}],"
	" \"rows\": [{\"cells\": [\"x|y\"], \"list\": false, \"rows\": false},"
	"           {\"cells\": [], \"list\": false, \"rows\": false}],"
	" \"dynamic\": \"p\", \"dyn2\": \"q\", \"missing\": \"nope\","
	" \"path\": \"../etc/passwd\"}";

/* Split the input into the template and the partials. */
static void
split(const char *s, size_t len, size_t *tlen, struct partials *p)
{
	const char *end = s + len, *part, *next, *eq;

	part = memchr(s, '\x01', len);
	*tlen = part != NULL ? (size_t)(part - s) : len;
	p->n = 0;
	while (part != NULL && p->n < MAX_PARTIALS) {
		part++;
		next = memchr(part, '\x01', (size_t)(end - part));
		if (next == NULL)
			next = end;
		eq = memchr(part, '=', (size_t)(next - part));
		if (eq != NULL) {
			p->name[p->n] = part;
			p->namelen[p->n] = (size_t)(eq - part);
			p->src[p->n] = eq + 1;
			p->srclen[p->n] = (size_t)(next - eq - 1);
			p->n++;
		}
		part = next < end ? next : NULL;
	}
}

static char *
load(void *ctx, const char *name)
{
	const struct partials *p = ctx;
	size_t i;
	char *src;

	for (i = 0; i < p->n; i++)
		if (strlen(name) == p->namelen[i] &&
		    memcmp(name, p->name[i], p->namelen[i]) == 0) {
			if ((src = malloc(p->srclen[i] + 1)) == NULL)
				abort();
			memcpy(src, p->src[i], p->srclen[i]);
			src[p->srclen[i]] = '\0';
			return src;
		}
	return NULL;
}

static void
escape_md(struct buf *out, const char *s, size_t len)
{
	char *copy = fuzz_cstr((const uint8_t *)s, len);

	esc_md_cell(out, copy);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *context;
	struct tl_template_error err;
	struct tl_template_loader loader;
	struct tl_template_set *set;
	struct tl_template *t;
	struct partials p;
	struct buf out = {0};
	const char *src = (const char *)data;
	size_t tlen;

	if (context == NULL &&
	    (context = json_loads(context_json, 0, NULL)) == NULL)
		abort();
	split(src, size, &tlen, &p);
	loader.load = load;
	loader.ctx = &p;

	t = tl_template_compile("fuzz", src, tlen, &err);
	if (t != NULL) {
		set = tl_template_set_new(&loader);
		tl_template_render(t, TL_JSON_VALUE(context), set, &out, &err);
		buf_reset(&out);
		/* Rendering does not change the template: twice is fine. */
		tl_template_render(t, TL_JSON_VALUE(context), set, &out, &err);
		tl_template_set_free(set);
		buf_reset(&out);
		tl_template_render(t, NULL, NULL, &out, &err);
		tl_template_free(t);
	}

	set = tl_template_set_new(&loader);
	tl_template_set_escape(set, escape_md);
	if (tl_template_set_add(set, "main", src, tlen, &err) == 0) {
		buf_reset(&out);
		tl_template_set_render(set, "main", TL_JSON_VALUE(context), &out, &err);
	}
	tl_template_set_free(set);
	buf_free(&out);
	return 0;
}
