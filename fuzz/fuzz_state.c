/*
 * fuzz_state.c - libFuzzer harness for what an earlier build left in
 * OUTDIR, which `tablog build` reads back as untrusted input
 * (docs/design.md "The manifest", "The site remembers"): all.json (read
 * by --since), history.json and .tablog-manifest.
 *
 * Input: the first byte picks the file (its value modulo 3: all.json,
 * history.json, .tablog-manifest), the rest is the file's bytes.  Each
 * run makes OUTDIR afresh holding that file (a manifest among the files
 * of an earlier build with one more page), then builds a page into it
 * through the public API (with --since OUTDIR for all.json).  Whatever
 * the file says, the build must neither crash nor leak, and must leave
 * alone what is outside OUTDIR: the input page and a file beside OUTDIR
 * keep their bytes (a hostile manifest names files to remove).
 */
#define _XOPEN_SOURCE 700

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tablog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char page[] =
    "# Fuzzed app\n\n"
    "## Application permissions\n\n"
    "| API | Permission | Purpose | Last update |\n"
    "|---|---|---|---|\n"
    "| Microsoft Graph | AuditLog.Read.All | Read audit logs | 2023-12 |\n"
    "| Microsoft Graph | User.Read.All | Read users | 2024-01-05 |\n\n"
    "## Delegated permissions\n\n"
    "| API | Permission | Purpose |\n"
    "|---|---|---|\n"
    "| SharePoint | Sites.Read.All | Read sites |\n";
static const char gone[] =
    "# Gone app\n\n| API | Permission |\n|---|---|\n"
    "| Microsoft Graph | Mail.Send |\n";
static const char beside[] = "not tablog's\n";

static const char *const state_files[] = {
	"all.json", "history.json", ".tablog-manifest",
};

static char base[64], indir[96], before[96], outdir[96], page_path[128],
    beside_path[128];

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
put_file(const char *path, const void *bytes, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0)
		abort();
}

/* Whether the file at path holds exactly these bytes. */
static int
holds(const char *path, const char *bytes, size_t len)
{
	char got[4096];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return 0;
	n = fread(got, 1, sizeof(got), fp);
	fclose(fp);
	return n == len && memcmp(got, bytes, len) == 0;
}

/* At exit: the folder the runs used. */
static void
clean_up(void)
{
	nftw(base, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
set_up(void)
{
	char path[160];

	strcpy(base, "/tmp/tablog-fuzz-state-XXXXXX");
	if (mkdtemp(base) == NULL)
		abort();
	atexit(clean_up);
	snprintf(indir, sizeof(indir), "%s/in", base);
	snprintf(before, sizeof(before), "%s/before", base);
	snprintf(outdir, sizeof(outdir), "%s/out", base);
	snprintf(page_path, sizeof(page_path), "%s/app.md", indir);
	snprintf(beside_path, sizeof(beside_path), "%s/beside.txt", base);
	if (mkdir(indir, 0700) != 0 || mkdir(before, 0700) != 0)
		abort();
	put_file(page_path, page, sizeof(page) - 1);
	snprintf(path, sizeof(path), "%s/app.md", before);
	put_file(path, page, sizeof(page) - 1);
	snprintf(path, sizeof(path), "%s/gone.md", before);
	put_file(path, gone, sizeof(gone) - 1);
	put_file(beside_path, beside, sizeof(beside) - 1);
}

/* Build the pages in `in` into OUTDIR (since: with --since OUTDIR), on
 * the same day as every other run, so the files written are the same
 * bytes. */
static void
build(const char *in, const tablog_loader *loader,
    const tablog_writer *writer, int since)
{
	tablog_site *site = tablog_site_new();
	tablog_diags *diags = tablog_diags_new();

	tablog_site_set_jobs(site, 1);
	tablog_site_set_date(site, "2026-12-01");
	if (since)
		tablog_site_set_since(site, outdir);
	(void)tablog_site_build(site, in, outdir, loader, writer, diags);
	tablog_diags_free(diags);
	tablog_site_free(site);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static tablog_loader *loader;
	static tablog_writer *writer;
	char path[160];

	if (size == 0)
		return 0;
	if (loader == NULL) {
		set_up();
		loader = tablog_loader_new();
		writer = tablog_writer_new(NULL);
	}
	nftw(outdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(outdir, 0700) != 0)
		abort();
	/* A manifest is read to remove what it lists: let there be files
	 * to remove, those of an earlier build with a second page, gone now
	 * (the seed's manifest lists them with their digests). */
	if (data[0] % 3 == 2)
		build(before, loader, writer, 0);
	snprintf(path, sizeof(path), "%s/%s", outdir,
	    state_files[data[0] % 3]);
	put_file(path, data + 1, size - 1);
	build(indir, loader, writer, data[0] % 3 == 0);

	/* Nothing outside OUTDIR changed. */
	if (!holds(page_path, page, sizeof(page) - 1) ||
	    !holds(beside_path, beside, sizeof(beside) - 1))
		abort();
	return 0;
}
