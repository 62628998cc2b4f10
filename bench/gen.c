/*
 * gen.c - deterministic generator of benchmark pages for tablog.
 *
 *	gen page [-f html|md] [-n ROWS] [-s SEED] [-o FILE]
 *	gen site [-p PAGES] [-n ROWS] [-s SEED] DIR
 *
 * Pages imitate the model page (input/cloud-backup-for-azure.md):
 * one permissions table "API | Permission | Type | Purpose | Last update",
 * rows like
 *   Microsoft Graph | AuditLog.Read.All(Read all audit log data) |
 *   Application | Allows the app to ... | December 2023
 * Permission names are unique within a page (and across a site); purposes
 * are 80-300 characters with commas, quotes, '&' and some non-ASCII text;
 * about 40% of rows are undated.  HTML pages look like a docs page: doctype,
 * head (meta charset, title), nav breadcrumb, h1, intro paragraph, one
 * table with thead/tbody, entities (&amp; &rsquo; &ldquo; &mdash; ...).
 *
 * The output depends only on the arguments: the same seed gives the same
 * bytes (splitmix64, no time, no locale, no hash-table order).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- random numbers ---------------------------------------------------- */

static uint64_t rng_state;

static uint64_t
rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned
rnd(unsigned n)
{
	return (unsigned)(rnd64() % n);
}

#define PICK(a) ((a)[rnd(N(a))])

/* ---- word lists -------------------------------------------------------- */

static const char *const apis[] = {
	"Microsoft Graph", "Microsoft Graph", "Microsoft Graph",
	"Microsoft Graph", "Office 365 Exchange Online", "SharePoint",
	"Azure Service Management", "Power BI Service", "Dynamics CRM",
	"Skype and Teams Tenant Admin API", "Azure Key Vault",
	"Office 365 Management APIs", "Windows Azure Active Directory",
	"Microsoft Information Protection Sync Service",
};

/* Resource part of a permission name and the noun its display name uses. */
static const struct { const char *name, *noun; } resources[] = {
	{"User", "users\xE2\x80\x99 full profiles"},
	{"Group", "groups"},
	{"Mail", "mail in mailboxes"},
	{"Calendars", "calendars"},
	{"Contacts", "contacts"},
	{"Files", "files"},
	{"Sites", "site collections"},
	{"Notes", "OneNote notebooks"},
	{"Tasks", "tasks"},
	{"Directory", "directory data"},
	{"AuditLog", "audit log data"},
	{"Policy", "your organization\xE2\x80\x99s policies"},
	{"Reports", "usage reports"},
	{"Team", "teams"},
	{"Channel", "channels"},
	{"ChannelMessage", "channel messages"},
	{"Chat", "chats"},
	{"OnlineMeetings", "online meetings"},
	{"DeviceManagementApps", "Microsoft Intune apps"},
	{"DeviceManagementConfiguration",
	 "Microsoft Intune device configuration and policies"},
	{"DeviceManagementRBAC", "Microsoft Intune RBAC settings"},
	{"Domain", "domains"},
	{"Organization", "organization information"},
	{"Application", "apps"},
	{"AppRoleAssignment", "app role assignments"},
	{"AdministrativeUnit", "administrative units"},
	{"RoleManagement", "directory RBAC settings"},
	{"BitlockerKey", "BitLocker keys"},
	{"Bookings", "Bookings businesses"},
	{"Printer", "printers"},
	{"SecurityEvents", "your organization\xE2\x80\x99s security events"},
	{"ThreatIndicators", "threat indicators"},
	{"Place", "company places"},
	{"Agreement", "terms of use agreements"},
	{"TermStore", "term store data"},
	{"People", "users\xE2\x80\x99 relevant people lists"},
	{"Presence", "presence information"},
	{"Schedule", "shift schedules"},
	{"EduRoster", "education rosters"},
	{"IdentityRiskyUser", "risky user information"},
	{"Exchange", "Exchange mailboxes"},
	{"Project", "Project Online data"},
	{"Tasks.Planner", "Planner plans"},
	{"Forms", "Microsoft Forms"},
	{"Lists", "lists & list items"},
	{"Insights", "Viva Insights data"},
	{"ExternalConnection", "external connections"},
	{"Acronym", "acronyms"},
};

/* Optional qualifier prefixed to the resource: "" is the plain resource. */
static const struct { const char *name, *word; } prefixes[] = {
	{"", ""}, {"Tenant", "tenant "}, {"Shared", "shared "},
	{"Team", "team "}, {"Org", "organization-wide "},
	{"Admin", "administrator "}, {"Archive", "archived "},
	{"Backup", "backed-up "}, {"Retention", "retention "},
	{"CrossTenant", "cross-tenant "}, {"Guest", "guest "},
	{"Hybrid", "hybrid "}, {"Legacy", "legacy "},
	{"Regional", "regional "}, {"Sensitive", "sensitive "},
	{"External", "external "},
};

static const struct { const char *name, *verb; } accesses[] = {
	{"Read", "Read"}, {"ReadWrite", "Read and write"},
	{"ReadBasic", "Read basic"}, {"Manage", "Manage"},
};

static const struct { const char *name, *word; } scopes[] = {
	{"All", "all "}, {"Shared", ""}, {"OwnedBy", "owned "},
	{"Directory", "directory-wide "}, {"Selected", "selected "},
	{"Hidden", "hidden "},
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Sentence parts for purposes.  No '|', '*', '_', '`', '<', '>' or
 * backslash: the Markdown table stays one plain cell per field. */
static const char *const p_verbs[] = {
	"read", "read and write", "create, read, update, and delete",
	"manage", "back up and restore", "export", "read and query",
	"list, read, and archive",
};

static const char *const p_objects[] = {
	"the full set of profile properties, reports, and managers of other users",
	"all site collections & their content",
	"calendars, conversations, files, and other group content",
	"the \xE2\x80\x9C" "Archive\xE2\x80\x9D folder of every mailbox",
	"policies named \"Default\" and 'Custom'",
	"documents in the Caf\xC3\xA9 & R\xC3\xA9sum\xC3\xA9 libraries",
	"permission grants for application permissions to any API",
	"the properties, group assignments and status of apps",
	"your organization\xE2\x80\x99s directory, such as users, and groups",
	"BitLocker recovery keys of the signed-in user\xE2\x80\x99s devices",
	"channel messages, replies & attachments",
	"role-based access control (RBAC) settings",
	"retention labels, holds, and \"preservation\" copies",
	"the terms of use agreements & acceptance status",
	"meeting recordings and transcripts",
	"mailbox settings, including the \"Out of office\" reply",
};

static const char *const p_contexts[] = {
	", on behalf of the signed-in user", ", without a signed-in user",
	" in your organization", " in MFA-enabled tenants", "",
	" for all groups the signed-in user can access",
	" across every geography (EMEA, APAC & NA)",
};

static const char *const p_extra[] = {
	"Also allows the app to update group content on behalf of members.",
	"This does not allow the app to see sensitive information, such as the password.",
	"Required for the \xE2\x80\x9C" "Backup & Restore\xE2\x80\x9D feature.",
	"Used by the scheduler \xE2\x80\x94 once per day, or on demand.",
	"Includes data stored in the Z\xC3\xBCrich and S\xC3\xA3o Paulo regions.",
	"See \"Known issues\" for the tenants where it can\xE2\x80\x99t be granted.",
	"Additionally allows group owners to manage their groups.",
	"It does not allow the app to delete users or groups, or reset passwords.",
	"Retrieves all organizational branding, logos & themes.",
	"Needed so that admins can review, approve, or reject requests.",
	"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x83\x8A\xE3\x83\xB3\xE3\x83\x88\xE3\x81\xA7\xE3\x82\x82\xE4\xBD\xBF\xE7\x94\xA8\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x82",
	"Applies to 'Standard' and 'Premium' plans only.",
};

/* Site titles. */
static const char *const products[] = {
	"Cloud Backup", "Cloud Governance", "Cloud Management",
	"Cloud Archiving", "Insights", "Policies", "Opus", "EnPower",
	"Fly Migration", "Cloud Records", "Confide", "tyGraph",
};

static const char *const services[] = {
	"Azure", "Microsoft 365", "Exchange Online", "SharePoint Online",
	"Teams", "Power Platform", "Dynamics 365", "Salesforce",
	"Google Workspace", "Box", "Dropbox", "Viva Engage", "OneDrive",
	"Project Online",
};

static const char *const editions[] = {
	"", " (Government)", " (China)", " (Germany)", " (GCC High)",
	" (DoD)", " (Commercial)", " (Japan \xE6\x97\xA5\xE6\x9C\xAC)",
	" (Preview)", " (Legacy)", " (EU Data Boundary)", " (Sovereign)",
};

static const char *const sections[] = {
	"Apps for Individual Services", "Apps for Multiple Services",
	"Apps for Microsoft Tenants", "Delegated Apps",
};

/* ---- strings ----------------------------------------------------------- */

struct str {
	char	*p;
	size_t	 len, cap;
};

static void
s_add(struct str *s, const char *t, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		if ((s->p = realloc(s->p, s->cap)) == NULL) {
			perror("gen");
			exit(2);
		}
	}
	memcpy(s->p + s->len, t, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
s_cat(struct str *s, const char *t)
{
	s_add(s, t, strlen(t));
}

/* Characters (not bytes) in a UTF-8 string. */
static size_t
u8len(const char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

/* ---- rows -------------------------------------------------------------- */

struct row {
	const char	*api;
	struct str	 perm;
	const char	*type;
	struct str	 purpose;
	char		 date[32];
};

#define NCOMBO (N(prefixes) * N(resources) * N(accesses) * N(scopes))

/*
 * Row number k (unique within the output) -> a unique permission name:
 * k is spread over the NCOMBO name combinations by a multiplier coprime to
 * NCOMBO (a bijection per block of NCOMBO), and blocks beyond the first get
 * a version suffix on the resource ("MailV3").
 */
static void
make_row(struct row *r, uint64_t k, uint64_t off)
{
	uint64_t block = k / NCOMBO;
	uint64_t c = (k % NCOMBO * 7919 + off) % NCOMBO;
	size_t sc = c % N(scopes);
	size_t ac = c / N(scopes) % N(accesses);
	size_t re = c / N(scopes) / N(accesses) % N(resources);
	size_t pr = c / N(scopes) / N(accesses) / N(resources);
	char buf[64];

	r->api = PICK(apis);
	r->perm.len = 0;
	s_cat(&r->perm, prefixes[pr].name);
	s_cat(&r->perm, resources[re].name);
	if (block > 0) {
		snprintf(buf, sizeof buf, "V%llu", (unsigned long long)block + 1);
		s_cat(&r->perm, buf);
	}
	s_cat(&r->perm, ".");
	s_cat(&r->perm, accesses[ac].name);
	s_cat(&r->perm, ".");
	s_cat(&r->perm, scopes[sc].name);
	if (rnd(50) == 0)
		s_cat(&r->perm, " (preview)");
	s_cat(&r->perm, "(");
	s_cat(&r->perm, accesses[ac].verb);
	s_cat(&r->perm, " ");
	s_cat(&r->perm, scopes[sc].word);
	s_cat(&r->perm, prefixes[pr].word);
	s_cat(&r->perm, resources[re].noun);
	s_cat(&r->perm, ")");

	r->type = rnd(100) < 65 ? "Application" : "Delegated";

	/* Purpose: 80-300 characters, whole sentences where possible. */
	size_t target = 80 + rnd(221);
	r->purpose.len = 0;
	s_cat(&r->purpose, rnd(4) ? "Allows the app to " : "Enables the app to ");
	s_cat(&r->purpose, PICK(p_verbs));
	s_cat(&r->purpose, " ");
	s_cat(&r->purpose, PICK(p_objects));
	s_cat(&r->purpose, PICK(p_contexts));
	s_cat(&r->purpose, ".");
	unsigned used = 0;	/* no sentence twice in one purpose */
	while (u8len(r->purpose.p, r->purpose.len) < target) {
		unsigned e = rnd(N(p_extra));
		if (used & 1u << e)
			continue;
		used |= 1u << e;
		s_cat(&r->purpose, " ");
		s_cat(&r->purpose, p_extra[e]);
	}
	if (u8len(r->purpose.p, r->purpose.len) > 300) {
		/* Cut at the last space that leaves <= 299 characters. */
		size_t cut = 0;
		for (size_t i = 0; i < r->purpose.len; i++) {
			if (r->purpose.p[i] == ' ' &&
			    u8len(r->purpose.p, i) <= 299)
				cut = i;
		}
		r->purpose.len = cut;
		while (r->purpose.len > 0 &&
		    strchr(",.;:-", r->purpose.p[r->purpose.len - 1]))
			r->purpose.len--;
		s_add(&r->purpose, ".", 1);
	}

	if (rnd(100) < 40)
		r->date[0] = '\0';
	else
		snprintf(r->date, sizeof r->date, "%s %u", PICK(months),
		    2019 + rnd(7));
}

/* ---- output ------------------------------------------------------------ */

/* Text for HTML: escape, and write some characters as named entities. */
static void
put_html(FILE *fp, const char *p, size_t n)
{
	static const struct { const char *u8, *ent; } ents[] = {
		{"\xE2\x80\x99", "&rsquo;"}, {"\xE2\x80\x9C", "&ldquo;"},
		{"\xE2\x80\x9D", "&rdquo;"}, {"\xE2\x80\x94", "&mdash;"},
		{"\xC3\xA9", "&eacute;"},
	};
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != '&' && p[j] != '<' && p[j] != '>' &&
		    (unsigned char)p[j] < 0x80)
			j++;
		if (j > i) {
			fwrite(p + i, 1, j - i, fp);
			i = j;
			continue;
		}
		for (j = 0; j < N(ents); j++) {
			size_t l = strlen(ents[j].u8);
			if (i + l <= n && memcmp(p + i, ents[j].u8, l) == 0) {
				fputs(ents[j].ent, fp);
				i += l;
				break;
			}
		}
		if (j < N(ents))
			continue;
		switch (p[i]) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		default: putc(p[i], fp);
		}
		i++;
	}
}

static void
puts_html(FILE *fp, const char *s)
{
	put_html(fp, s, strlen(s));
}

static void
slugify(char *dst, size_t cap, const char *s)
{
	size_t n = 0;
	int dash = 0;

	for (; *s && n + 2 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0)
				dst[n++] = '-';
			dst[n++] = (char)c;
			dash = 0;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && n > 0)
				dst[n++] = '-';
			dst[n++] = (char)(c - 'A' + 'a');
			dash = 0;
		} else if (c < 0x80) {
			dash = 1;
		}
	}
	dst[n] = '\0';
}

struct page {
	const char	*title;
	const char	*section;
	const char	*product;
	uint64_t	 first;	/* number of the page's first row */
	unsigned	 rows;
};

static void
write_html(FILE *fp, const struct page *pg, struct row *r, uint64_t off)
{
	char slug[256];

	slugify(slug, sizeof slug, pg->section);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>", fp);
	puts_html(fp, pg->title);
	fputs(" &ndash; AvePoint Online Services</title>\n"
	    "<link rel=\"stylesheet\" href=\"/css/docs.css\">\n"
	    "<script src=\"/js/docs.js\" defer></script>\n"
	    "</head>\n<body class=\"topic\">\n"
	    "<header class=\"site-header\"><a class=\"logo\" href=\"/\">"
	    "AvePoint Docs</a>\n<form class=\"search\" action=\"/search\">"
	    "<input type=\"search\" name=\"q\" placeholder=\"Search&hellip;\">"
	    "</form></header>\n"
	    "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">\n<ol>\n"
	    "<li><a href=\"/\">Home</a></li>\n"
	    "<li><a href=\"/manage-app-profiles.html\">Manage App Profiles</a></li>\n"
	    "<li><a href=\"/api-permissions.html\">API Permissions Required by AvePoint Apps</a></li>\n",
	    fp);
	fprintf(fp, "<li><a href=\"/%s.html\">", slug);
	puts_html(fp, pg->section);
	fputs("</a></li>\n<li aria-current=\"page\">", fp);
	puts_html(fp, pg->title);
	fputs("</li>\n</ol>\n</nav>\n<main id=\"content\">\n<h1>", fp);
	puts_html(fp, pg->title);
	fputs("</h1>\n<p class=\"export\"><a href=\"#\">Export to PDF</a></p>\n"
	    "<p>When you create a ", fp);
	puts_html(fp, pg->product);
	fputs(" app profile in AvePoint Online Services, the AvePoint ", fp);
	puts_html(fp, pg->product);
	fputs(" app will be automatically set up in your Microsoft Entra&nbsp;ID. "
	    "The table below lists the permissions that should be accepted "
	    "when you authorize the app &mdash; the app&rsquo;s consent page "
	    "shows the same list.</p>\n"
	    "<div class=\"table-wrap\">\n"
	    "<table class=\"permissions\">\n"
	    "<thead>\n<tr><th>API</th><th>Permission</th><th>Type</th>"
	    "<th>Purpose</th><th>Last update</th></tr>\n</thead>\n<tbody>\n",
	    fp);
	for (unsigned i = 0; i < pg->rows; i++) {
		make_row(r, pg->first + i, off);
		fputs("<tr>\n  <td>", fp);
		puts_html(fp, r->api);
		fputs("</td>\n  <td>", fp);
		put_html(fp, r->perm.p, r->perm.len);
		fputs("</td>\n  <td>", fp);
		fputs(r->type, fp);
		fputs("</td>\n  <td>", fp);
		put_html(fp, r->purpose.p, r->purpose.len);
		fputs("</td>\n  <td>", fp);
		fputs(r->date, fp);
		fputs("</td>\n</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</div>\n"
	    "<p class=\"note\">Note: permissions marked &ldquo;preview&rdquo; "
	    "may change.</p>\n</main>\n"
	    "<footer><p>&copy; AvePoint, Inc. All rights reserved.</p></footer>\n"
	    "</body>\n</html>\n", fp);
}

static void
write_md(FILE *fp, const struct page *pg, struct row *r, uint64_t off)
{
	fprintf(fp, "Home > Manage App Profiles > API Permissions Required by "
	    "AvePoint Apps > %s > %s\n\n", pg->section, pg->title);
	fprintf(fp, "# %s\n\n", pg->title);
	fprintf(fp, "When you create a %s app profile in AvePoint Online "
	    "Services, the AvePoint %s app will be automatically set up in "
	    "your Microsoft Entra ID.\n\n", pg->product, pg->product);
	fputs("The table below lists the permissions that should be accepted "
	    "when you authorize the app.\n\n", fp);
	fputs("| API | Permission | Type | Purpose | Last update |\n"
	    "|---|---|---|---|---|\n", fp);
	for (unsigned i = 0; i < pg->rows; i++) {
		make_row(r, pg->first + i, off);
		fprintf(fp, "| %s | %s | %s | %s | %s |\n", r->api, r->perm.p,
		    r->type, r->purpose.p, r->date);
	}
}

/* ---- main -------------------------------------------------------------- */

static void
usage(void)
{
	fputs("usage: gen page [-f html|md] [-n ROWS] [-s SEED] [-o FILE]\n"
	    "       gen site [-p PAGES] [-n ROWS] [-s SEED] DIR\n", stderr);
	exit(2);
}

static unsigned long
num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0')
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	const char *fmt = "html", *out = NULL, *dir = NULL;
	unsigned long rows = 100, pages = 10, seed = 1;
	struct row r = {0};
	int site;
	int i;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "page") == 0)
		site = 0;
	else if (strcmp(argv[1], "site") == 0)
		site = 1;
	else
		usage();
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-') {
			if (dir != NULL)
				usage();
			dir = a;
			continue;
		}
		if (i + 1 >= argc || a[2] != '\0')
			usage();
		switch (a[1]) {
		case 'f': fmt = argv[++i]; break;
		case 'n': rows = num(argv[++i]); break;
		case 'p': pages = num(argv[++i]); break;
		case 's': seed = num(argv[++i]); break;
		case 'o': out = argv[++i]; break;
		default: usage();
		}
	}
	if (strcmp(fmt, "html") != 0 && strcmp(fmt, "md") != 0)
		usage();
	if (site != (dir != NULL))
		usage();

	rng_state = seed * 0x2545F4914F6CDD1DULL;
	uint64_t off = rnd64() % NCOMBO;

	if (!site) {
		FILE *fp = out ? fopen(out, "wb") : stdout;
		struct page pg = {
			.title = "Cloud Backup for Azure",
			.section = "Apps for Individual Services",
			.product = "Cloud Backup for Azure",
			.first = 0,
			.rows = (unsigned)rows,
		};
		if (fp == NULL) {
			perror(out);
			return 2;
		}
		if (strcmp(fmt, "html") == 0)
			write_html(fp, &pg, &r, off);
		else
			write_md(fp, &pg, &r, off);
		if (ferror(fp) || (out && fclose(fp) != 0)) {
			perror(out ? out : "stdout");
			return 2;
		}
		return 0;
	}

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	for (unsigned long p = 0; p < pages; p++) {
		char title[256], product[128], slug[256], path[4096];
		/* Mixed radix over the title parts: unique for 2,016 pages. */
		unsigned long t = p * 1009 % (N(products) * N(services) * N(editions));
		const char *prod = products[t % N(products)];
		const char *serv = services[t / N(products) % N(services)];
		const char *ed = editions[t / N(products) / N(services)];
		struct page pg;

		snprintf(product, sizeof product, "%s for %s", prod, serv);
		snprintf(title, sizeof title, "%s%s", product, ed);
		slugify(slug, sizeof slug, title);
		snprintf(path, sizeof path, "%s/%04lu-%s.%s", dir, p, slug, fmt);
		pg.title = title;
		pg.product = product;
		pg.section = sections[p % N(sections)];
		pg.first = (uint64_t)p * rows;
		pg.rows = (unsigned)rows;

		FILE *fp = fopen(path, "wb");
		if (fp == NULL) {
			perror(path);
			return 2;
		}
		if (strcmp(fmt, "html") == 0)
			write_html(fp, &pg, &r, off);
		else
			write_md(fp, &pg, &r, off);
		if (ferror(fp) | fclose(fp)) {
			perror(path);
			return 2;
		}
	}
	return 0;
}
