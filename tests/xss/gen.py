#!/usr/bin/env python3
"""tests/xss/gen.py DIR [--plain]: write the hostile pages tests/xss.sh reads.

Every payload of payloads.py goes into every place page text can reach:
each column's cells (API, permission name, qualifier, display name, type,
purpose, the date cell's text, two extra columns), extra column headers,
the title, the breadcrumb, intro paragraphs, notes and file names.

  DIR/new/xss-md.md     Markdown, every ASCII punctuation backslash-escaped:
                        the reader must get each payload exactly
  DIR/new/xss-raw.md    Markdown with the payloads as written (only | as \\|)
  DIR/new/xss-html.html HTML, payloads entity-encoded: they decode to the
                        payload text, which the outputs must escape again
  DIR/new/tN.md         small pages whose title is a payload
  DIR/new/NAME.md       pages with no title: the file name is the payload
  DIR/old/              the previous version, for `build --since` and `diff`:
                        the same keys with other payloads in purpose and
                        extras, rows that go away, a page that goes away
  DIR/csv/formula.md    CSV formula triggers in every column

--plain writes the same pages with harmless text (plainN) in place of each
payload: what the templates produce for them is the allow-list.
DIR/expect.json lists what the checks need (the payloads, normalised).
"""
import html
import re
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from payloads import PAYLOADS  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
# File names (no '/', no NUL): shown as the page's source and slug.
NAMES = ["\"><svg onload=document.body.dataset.pwned=1>",
         "<img src=x onerror=document.body.dataset.pwned=1>",
         "'-alert(1)-' {{x}} &lt;b&gt; <\\title><script>alert(1)<\\script>"]
TITLES = [31, 36, 37, 0, 42, 56, 58, 64]    # indexes of title payloads


def md_esc(s):
    """Every ASCII punctuation character backslash-escaped (CommonMark)."""
    return "".join("\\" + c if c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
                   else c for c in s)


def md_raw(s):
    return s.replace("|", "\\|")


def h(s):
    return html.escape(s, quote=True)


def md_page(pl, title, rows, extra_headers, esc, notes=True, crumb=True):
    out = []
    if crumb:
        out.append("Home > Tests > " + esc(title))
    if title is not None:
        out.append("# " + esc(title))
        out.append("")
    for i, p in enumerate(pl):
        out.append("Intro " + str(i) + ": " + esc(p))
    out.append("")
    heads = ["API", "Permission", "Type", "Purpose", "Last update"]
    heads += ["X " + esc(x) for x in extra_headers]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "---|" * len(heads))
    for r in rows:
        out.append("| " + " | ".join(esc(c) if k != 1 else c
                                     for k, c in enumerate(r)) + " |")
    out.append("")
    if notes:
        for i, p in enumerate(pl):
            out.append("Note: " + str(i) + " " + esc(p))
            out.append("")
    return "\n".join(out) + "\n"


def perm_cell(i, p, esc):
    """Name (qualifier)(Display): the payload in each part that can hold it
    (a name has no space or bracket; a qualifier is letters, digits, ._-)."""
    name = p if re.fullmatch(r"[^\s()\[\]]+", p) else "Read"
    qual = p if re.fullmatch(r"[^\W_][\w ._-]{0,39}", p) else "q%d" % i
    return "Perm%d.%s (%s)(Display %d %s)" % (i, esc(name), esc(qual), i,
                                              esc(p))


def rows_for(pl, esc, shift=0, skip=(), extra=()):
    n = len(pl)
    rows = []
    for i, p in enumerate(pl):
        if i in skip:
            continue
        later = pl[(i + shift) % n]
        rows.append([p, perm_cell(i, p, esc), p, later,
                     p + " " + MONTHS[i % 12] + " 2024", later,
                     pl[(i + 2 * shift) % n] + " " + p])
    for k in extra:
        p = pl[k]
        rows.append([p, perm_cell(1000 + k, p, esc), p, p,
                     p + " March 2023", p, p])
    return rows


# Payloads with a backtick also make up a whole permission cell (the
# name and a display name after it), so that they reach the labels the
# changelogs and diffs write as code spans with their spaces and all.
# Chosen by the real payloads, so the baseline has the same rows.
CODE_ROWS = [i for i, p in enumerate(PAYLOADS) if "`" in p]


def code_rows(pl, esc, purpose):
    return [["Graph", "Perm%d.%s(Display)" % (2000 + i, esc(pl[i])),
             "Application", purpose, "May 2024", "x", "y"]
            for i in CODE_ROWS]


def html_page(pl, title, rows, extra_headers, notes=True):
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
           "<title>" + h(title) + "</title></head><body>",
           "<nav class=\"breadcrumb\"><ol><li>Home</li>"]
    out += ["<li>" + h(p) + "</li>" for p in pl[:20]]
    out.append("<li>" + h(title) + "</li></ol></nav>")
    out.append("<h1>" + h(title) + "</h1>")
    out += ["<p>Intro " + str(i) + ": " + h(p) + "</p>"
            for i, p in enumerate(pl)]
    heads = ["API", "Permission", "Type", "Purpose", "Last update"]
    heads += ["X " + x for x in extra_headers]
    out.append("<table><thead><tr>" + "".join("<th>" + h(c) + "</th>"
                                               for c in heads) + "</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join("<td>" + h(c) + "</td>" for c in r) +
                   "</tr>")
    out.append("</tbody></table>")
    if notes:
        out += ["<p>Note: " + str(i) + " " + h(p) + "</p>"
                for i, p in enumerate(pl)]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def html_rows(pl, shift=0, skip=(), extra=()):
    """As rows_for, the permission cell unescaped (h() escapes it)."""
    return rows_for(pl, lambda s: s, shift, skip, extra)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def fold(s):
    """What the normaliser keeps of a payload: no controls, no space runs."""
    s = "".join(c for c in s if not (ord(c) < 0x20 and c not in "\t\n\r\v\f")
                and not 0x7F <= ord(c) <= 0x9F and c != "\ufeff")
    return " ".join(s.split())


def main():
    d = sys.argv[1]
    plain = "--plain" in sys.argv
    # The baseline keeps the payloads' line breaks (U+2028): <br> is the
    # template's own markup.
    pl = ["plain%d" % i + ("\u2028x" if "\u2028" in p else "")
          for i, p in enumerate(PAYLOADS)] if plain else PAYLOADS
    names = ["plain-name-%d" % i for i in range(len(NAMES))] if plain \
        else NAMES
    xh = [pl[1], pl[60]]            # extra column headers
    n = len(pl)
    gone, added = (5, 13, 46), (12, 29, 61)
    # The current version.
    write(d + "/new/xss-md.md", md_page(pl, pl[32], rows_for(
        pl, md_esc, skip=added, extra=added) +
        code_rows(pl, md_esc, "new"), xh, md_esc, crumb=False))
    write(d + "/new/xss-raw.md", md_page(pl, pl[6], rows_for(
        pl, md_raw) + code_rows(pl, md_raw, "new"), xh, md_raw))
    write(d + "/new/xss-html.html", html_page(pl, pl[40], html_rows(
        pl, skip=added, extra=added) + code_rows(pl, str, "new"), xh))
    for k, t in enumerate(TITLES):
        write(d + "/new/t%d.md" % k, md_page(
            [pl[t]], pl[t], rows_for([pl[t]], md_esc), [], md_esc,
            crumb=False))
    for k, name in enumerate(names):
        write(d + "/new/" + name + ".md", md_page(
            [], None, rows_for([pl[k]], md_esc), [], md_esc, notes=False,
            crumb=False))
    # The previous version: same keys, other purposes and extras.
    write(d + "/old/xss-md.md", md_page(pl, pl[32], rows_for(
        pl, md_esc, shift=7, skip=added, extra=gone) +
        code_rows(pl, md_esc, "old"), xh, md_esc, crumb=False))
    write(d + "/old/xss-html.html", html_page(pl, pl[40], html_rows(
        pl, shift=7, skip=added, extra=gone) + code_rows(pl, str, "old"),
        xh))
    write(d + "/old/gone.md", md_page([pl[38]], pl[38], rows_for(
        [pl[38]], md_esc), [], md_esc, crumb=False))
    # CSV: formula triggers in every column, after leading white space,
    # next to commas and quotes; the title is a trigger too (all.csv's
    # page column).
    trig = ["=1+1", "  =1+1", "+SUM(A1)", "-2+3", "@SUM(1,2)", "=1,2",
            " \t=cmd", "\u00a0=HYPERLINK(\"http://x/\",\"y\")", "-", "=\"a\"\"b\""]
    rows = []
    for k, t in enumerate(trig):
        rows.append("| %s | %s | %s | %s | %s %s | %s | %s |" % (
            md_raw(t), md_raw(t) if k % 2 else "=Perm%d.Read(%s)" % (k, md_raw(t)),
            md_raw(t), md_raw(t), md_raw(t), MONTHS[k] + " 2024", md_raw(t),
            md_raw(t)))
    write(d + "/csv/formula.md", "# =cmd\\|' /C calc'!A0\n\n"
          "| API | Permission | Type | Purpose | Last update | =X | @Y |\n"
          "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    json.dump({"payloads": [fold(p) for p in pl], "names": names,
               "titles": [fold(pl[t]) for t in TITLES + [32, 40, 38]],
               "gone": list(gone), "added": list(added), "n": n},
              open(d + "/expect.json", "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
