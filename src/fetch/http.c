/*
 * http.c - HTTP dates, Retry-After, Content-Type charsets and backoff
 * (see http.h).  Parsers here read what a server sent, so they accept
 * exactly the grammar and nothing that merely resembles it.
 */
#include "fetch/http.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/xalloc.h"

static const char *const days[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
};
static const char *const months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec",
};

/* n ASCII digits at *p, advancing it; -1 if they are not there. */
static int
digits(const char **p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

static int
literal(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/* A three-letter month name (exact case, as HTTP writes it): 1-12. */
static int
month(const char **p)
{
	int i;

	for (i = 0; i < 12; i++)
		if (strncmp(*p, months[i], 3) == 0) {
			*p += 3;
			return i + 1;
		}
	return -1;
}

/* "Sun" (short) or "Sunday" (long). */
static int
day_name(const char **p, int long_form)
{
	int i;

	for (i = 0; i < 7; i++) {
		size_t n = long_form ? strlen(days[i]) : 3;

		if (strncmp(*p, days[i], n) == 0) {
			*p += n;
			return 0;
		}
	}
	return -1;
}

/* "08:49:37" */
static int
clock_time(const char **p, int *h, int *mi, int *s)
{
	if ((*h = digits(p, 2)) < 0 || literal(p, ":") != 0 ||
	    (*mi = digits(p, 2)) < 0 || literal(p, ":") != 0 ||
	    (*s = digits(p, 2)) < 0)
		return -1;
	return *h <= 23 && *mi <= 59 && *s <= 60 ? 0 : -1;
}

int
tl_http_date_parse(const char *s, time_t *t)
{
	const char *p = s;
	int y = -1, m = -1, d = -1, h, mi, sec;

	if (day_name(&p, 0) == 0 && *p == ',') {
		/* IMF-fixdate */
		p++;
		if (literal(&p, " ") != 0 || (d = digits(&p, 2)) < 0 ||
		    literal(&p, " ") != 0 || (m = month(&p)) < 0 ||
		    literal(&p, " ") != 0 || (y = digits(&p, 4)) < 0 ||
		    literal(&p, " ") != 0 || clock_time(&p, &h, &mi, &sec) != 0 ||
		    literal(&p, " GMT") != 0)
			return -1;
	} else if (p = s, day_name(&p, 1) == 0 && *p == ',') {
		/* RFC 850 */
		p++;
		if (literal(&p, " ") != 0 || (d = digits(&p, 2)) < 0 ||
		    literal(&p, "-") != 0 || (m = month(&p)) < 0 ||
		    literal(&p, "-") != 0 || (y = digits(&p, 2)) < 0 ||
		    literal(&p, " ") != 0 || clock_time(&p, &h, &mi, &sec) != 0 ||
		    literal(&p, " GMT") != 0)
			return -1;
		y += y < 70 ? 2000 : 1900;
	} else if (p = s, day_name(&p, 0) == 0 && *p == ' ') {
		/* asctime: the day is two digits or a space and one */
		p++;
		if ((m = month(&p)) < 0 || literal(&p, " ") != 0)
			return -1;
		if (*p == ' ') {
			p++;
			d = digits(&p, 1);
		} else {
			d = digits(&p, 2);
		}
		if (d < 0 || literal(&p, " ") != 0 ||
		    clock_time(&p, &h, &mi, &sec) != 0 ||
		    literal(&p, " ") != 0 || (y = digits(&p, 4)) < 0)
			return -1;
	} else {
		return -1;
	}
	if (*p != '\0' || !tl_ymd_valid(y, m, d))
		return -1;
	*t = (time_t)(tl_days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 +
	    sec);
	return 0;
}

void
tl_http_date_format(time_t t, char out[TL_HTTP_DATE_LEN])
{
	int64_t dn = (int64_t)t / 86400, secs = (int64_t)t % 86400;
	int y, m, d;

	if (secs < 0) {
		secs += 86400;
		dn--;
	}
	tl_civil_from_days(dn, &y, &m, &d);
	/* 1970-01-01 was a Thursday. */
	snprintf(out, TL_HTTP_DATE_LEN, "%.3s, %02d %s %04d %02d:%02d:%02d GMT",
	    days[(((dn + 4) % 7) + 7) % 7], d, months[m - 1],
	    y % 10000, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60));
}

int
tl_retry_after(const char *value, time_t now, double *wait)
{
	const char *p = value, *end;
	char date[64];
	time_t when;
	double secs = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == p)
		return -1;
	if (*p >= '0' && *p <= '9') {
		for (; p < end; p++) {
			if (*p < '0' || *p > '9')
				return -1;
			if (secs < 1e9)
				secs = secs * 10 + (*p - '0');
		}
		*wait = secs < 1e9 ? secs : 1e9;
		return 0;
	}
	if ((size_t)(end - p) >= sizeof(date))
		return -1;
	memcpy(date, p, (size_t)(end - p));
	date[end - p] = '\0';
	if (tl_http_date_parse(date, &when) != 0)
		return -1;
	*wait = when > now ? (double)(when - now) : 0;
	if (*wait > 1e9)
		*wait = 1e9;
	return 0;
}

/* RFC 9110 tchar. */
static int
is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-.^_`|~",
	    c) != NULL);
}

char *
tl_content_type_charset(const char *value)
{
	const char *p = strchr(value, ';');
	char val[41];

	while (p != NULL && *p == ';') {
		const char *name;
		size_t nlen, vlen = 0;
		int ok = 1;

		p++;
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		name = p;
		while (is_tchar((unsigned char)*p))
			p++;
		nlen = (size_t)(p - name);
		if (*p != '=' || nlen == 0) {
			/* Not a parameter: skip to the next ';'. */
			p = strchr(p, ';');
			continue;
		}
		p++;
		if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0')
					return NULL;
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (!is_tchar((unsigned char)*p))
					ok = 0;
				if (vlen < sizeof(val) - 1)
					val[vlen] = *p;
				vlen++;
			}
			p++;
		} else {
			for (; is_tchar((unsigned char)*p); p++) {
				if (vlen < sizeof(val) - 1)
					val[vlen] = *p;
				vlen++;
			}
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ';' && *p != '\0')
			return NULL;
		if (nlen == 7 && strncasecmp(name, "charset", 7) == 0) {
			size_t i;
			char *out;

			if (!ok || vlen == 0 || vlen > sizeof(val) - 1)
				return NULL;
			out = xstrndup(val, vlen);
			for (i = 0; i < vlen; i++)
				if (out[i] >= 'A' && out[i] <= 'Z')
					out[i] = (char)(out[i] - 'A' + 'a');
			return out;
		}
	}
	return NULL;
}

double
tl_backoff(int retry, double cap)
{
	double w = 1;
	int i;

	for (i = 1; i < retry && w < cap; i++)
		w *= 2;
	return w < cap ? w : cap;
}
