/*
 * site_git.c - the pages of a repository and their histories for `tablog
 * build --git` (see site_git.h).
 */
#include "site/site_git.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "diff/diff_context.h"
#include "git/log.h"
#include "history/history.h"
#include "write/context.h"

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
tl_site_git_pages(const struct tl_build_opts *o, char ***paths, size_t *n,
    char **origin, struct tl_diags *d)
{
	struct tl_git *g = tl_git_open(o->git, d);
	size_t i, k;
	int rc = 0;

	*paths = NULL;
	*n = 0;
	*origin = NULL;
	if (g == NULL)
		return -1;
	for (i = 0; i < (o->ngit_paths ? o->ngit_paths : 1) && rc == 0; i++) {
		const char *prefix = o->ngit_paths ? o->git_paths[i] : "";
		char *trimmed = xstrdup(prefix);
		size_t len = strlen(trimmed);

		while (len > 0 && trimmed[len - 1] == '/')
			trimmed[--len] = '\0';
		rc = tl_git_tree_files(g, o->git_rev, trimmed, tl_site_page_name,
		    paths, n, d);
		free(trimmed);
	}
	*origin = xstrdup(tl_git_origin(g));
	tl_git_close(g);
	if (*n > 1)
		qsort(*paths, *n, sizeof(**paths), compare_names);
	/* A page under two PATHs given is one page. */
	for (i = k = 0; i < *n; i++) {
		if (k > 0 && strcmp((*paths)[k - 1], (*paths)[i]) == 0)
			free((*paths)[i]);
		else
			(*paths)[k++] = (*paths)[i];
	}
	*n = k;
	return rc;
}

/*
 * The history of `path` in `repo` at `rev`: its changes as JSON into
 * *changes (their "page" set to `page_name` when not NULL) and, when
 * `page` is not NULL, its newest version.  0, or -1 with an error in d.
 */
static int
read_history(const struct tl_build_opts *o, const char *repo,
    const char *rev, const char *path, const char *page_name,
    json_t **changes, struct tl_page **page, struct tl_diags *d)
{
	struct tl_history h;
	struct tl_history_opts ho;
	struct tl_history_page *hp;
	struct tl_aliases *aliases = tl_aliases_new();
	size_t i;
	int rc = -1;

	*changes = json_array();
	memset(&h, 0, sizeof(h));
	memset(&ho, 0, sizeof(ho));
	ho.load = &o->load;
	ho.diff.aliases = aliases;
	ho.range = rev;
	ho.jobs = 1;	/* the site reads pages on its threads */
	if (tl_history_read_git(&h, repo, &path, 1, &ho, d) != 0)
		goto out;
	for (i = 0; i < h.nchanges; i++) {
		struct tl_value v = tl_change_value(h.changes[i].c);
		json_t *ch = tl_value_to_json(&v);

		if (page_name != NULL)
			json_object_set_new(ch, "page", tl_json_text(page_name));
		json_array_append_new(*changes, ch);
	}
	rc = 0;
	if (page == NULL)
		goto out;
	/* The newest version is the page the site shows: taken from the
	 * history, which frees the rest. */
	*page = NULL;
	hp = &h.pages[0];
	for (i = 0; i < hp->n && hp->current != NULL; i++)
		if (hp->v[i].page == hp->current && hp->v[i].owns_page) {
			*page = hp->current;
			hp->v[i].owns_page = 0;
		}
	if (*page == NULL) {
		tl_diag_kind(d, TL_ERROR, TL_DK_READ, path, 0,
		    "no version of the page could be read");
		rc = -1;
	}
out:
	tl_history_free(&h);
	tl_aliases_free(aliases);
	return rc;
}

struct tl_page *
tl_site_git_page(const struct tl_build_opts *o, const char *path,
    json_t **changes, struct tl_diags *d)
{
	struct tl_page *page = NULL;

	read_history(o, o->git, o->git_rev, path, NULL, changes, &page, d);
	return page;
}

json_t *
tl_site_archive_changes(const struct tl_build_opts *o, const char *path,
    const char *url, struct tl_diags *d)
{
	json_t *changes;

	if (read_history(o, o->archive, NULL, path, url, &changes, NULL,
	    d) != 0) {
		json_decref(changes);
		return NULL;
	}
	return changes;
}

void
tl_site_git_records(struct tl_site_history *h, const char *origin,
    const struct tl_page *const *pages, const char *const *paths,
    json_t *const *changes, size_t n)
{
	json_t *days = json_object(), *rec, *ch;
	const char *day, *time, *commit, **order;
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (pages[i] == NULL)
			continue;
		/* The page's changes run newest first; a day lists them
		 * oldest first. */
		for (k = json_array_size(changes[i]); k-- > 0;) {
			ch = json_array_get(changes[i], k);
			day = json_string_value(json_object_get(ch, "date"));
			time = json_string_value(json_object_get(ch, "time"));
			commit = json_string_value(json_object_get(ch,
			    "commit"));
			if (day == NULL)
				continue;
			if ((rec = json_object_get(days, day)) == NULL) {
				rec = json_pack("{s:s, s:o, s:s, s:s, s:[], "
				    "s:[]}", "date", day, "source",
				    tl_site_source_name(origin), "updated", time,
				    "commit", commit, "pages", "changes");
				json_object_set_new(days, day, rec);
			}
			if (strcmp(time, json_string_value(json_object_get(rec,
			    "updated"))) > 0) {
				json_object_set_new(rec, "updated",
				    json_string(time));
				json_object_set_new(rec, "commit",
				    json_string(commit));
			}
			/* The page, once per day (its changes are together). */
			if (json_object_get(rec, "last") == NULL ||
			    json_integer_value(json_object_get(rec, "last")) !=
			    (json_int_t)i) {
				json_array_append_new(json_object_get(rec,
				    "pages"), json_pack("{s:o, s:o, s:s}",
				    "page", tl_json_text(paths[i]), "title",
				    pages[i]->title != NULL ?
				    tl_json_text(pages[i]->title) : json_null(),
				    "slug", pages[i]->slug));
				json_object_set_new(rec, "last",
				    json_integer((json_int_t)i));
			}
			json_array_append(json_object_get(rec, "changes"), ch);
		}
	}
	tl_site_history_clear(h);
	order = xcalloc(json_object_size(days) + 1, sizeof(*order));
	k = 0;
	json_object_foreach(days, day, rec)
		order[k++] = day;
	/* Days oldest first: ISO dates sort as strings. */
	qsort(order, k, sizeof(*order), compare_names);
	for (i = 0; i < k; i++) {
		rec = json_object_get(days, order[i]);
		json_object_del(rec, "last");
		tl_site_history_append(h, json_incref(rec));
	}
	free(order);
	json_decref(days);
}
