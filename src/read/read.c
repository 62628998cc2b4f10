/*
 * read.c - the table of readers (see read.h).
 */
#include "read/read.h"

#include <pthread.h>
#include <string.h>

static const struct tl_input_format formats[] = {
	{ "html", tl_sniff_html, tl_html_init, NULL, NULL, tl_read_html },
	{ "md", NULL, tl_md_init, tl_md_reader_new, tl_md_reader_free,
	  tl_read_md },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

const struct tl_input_format *
tl_input_formats(void)
{
	return formats;
}

const struct tl_input_format *
tl_input_format(const char *name)
{
	const struct tl_input_format *f;

	for (f = formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const struct tl_input_format *
tl_input_detect(const char *bytes, size_t len)
{
	const struct tl_input_format *f = formats;

	/* The last reader takes what no other does. */
	while (f[1].name != NULL && f->sniff != NULL && !f->sniff(bytes, len))
		f++;
	return f;
}

static pthread_once_t read_once = PTHREAD_ONCE_INIT;

static void
init_readers(void)
{
	const struct tl_input_format *f;

	for (f = formats; f->name != NULL; f++)
		if (f->init != NULL)
			f->init();
}

void
tl_read_init(void)
{
	pthread_once(&read_once, init_readers);
}
