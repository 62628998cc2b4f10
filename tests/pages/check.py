#!/usr/bin/env python3
"""Measure tablog against the real pages of tests/pages (issue 13).

Runs `$TABLOG -f json PAGE` on every page listed in MANIFEST.tsv and compares
the output with PAGE-without-extension.expected.json by the subset rule that
README.md describes. Prints PASS/FAIL per page with the first differences,
then a score (checks, cells, links, code spans) and, last, "N passed, N failed".

Usage: TABLOG=./tablog python3 tests/pages/check.py [-v] [NAME...]
Standard library only. tests/run.sh runs it as the "pages" stage: every
page must pass.
"""

import json
import os
import re
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ELLIPSIS = "\u2026"
SHOWN_DIFFS = 5


def fold(s):
    """White space as tablog normalises it: runs of blanks (not \\n) to one space."""
    s = s.replace("\u00a0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in s.split("\n")]
    return "\n".join(lines).strip()


def resolve(href, base):
    if base and href is not None:
        return urllib.parse.urljoin(base, href)
    return href


def resolve_md(md, base):
    """Resolve the targets of [text](target) in GFM inline text."""
    if not base or md is None:
        return md
    return re.sub(r"\]\(([^)\s]*)\)",
                  lambda m: "](" + urllib.parse.urljoin(base, m.group(1)) + ")", md)


def code_spans(md):
    return re.findall(r"`([^`]+)`", md or "")


class Tally:
    def __init__(self):
        self.checks = self.checks_ok = 0
        self.cells = self.cells_ok = 0
        self.links = self.links_ok = 0
        self.code = self.code_ok = 0

    def add(self, other):
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)


class Comparer:
    def __init__(self, base):
        self.base = base
        self.diffs = []
        self.tally = Tally()

    def fail(self, path, want, got):
        self.diffs.append("%s: want %s, got %s" % (
            path, json.dumps(want, ensure_ascii=False)[:160],
            json.dumps(got, ensure_ascii=False)[:160]))

    def leaf(self, path, want, got, in_row, key=None):
        """Compare one expected value; count it; return True when equal."""
        if key == "href":
            want, got = resolve(want, self.base), resolve(got, self.base)
        elif key == "md":
            want, got = resolve_md(want, self.base), resolve_md(got, self.base)
        if want is None:
            ok = got is None
        elif isinstance(want, str) and isinstance(got, str):
            w, g = fold(want), fold(got)
            ok = g.startswith(w[:-1]) if w.endswith(ELLIPSIS) else w == g
        elif isinstance(want, bool) or isinstance(got, bool):
            ok = want is got
        else:
            ok = want == got
        self.tally.checks += 1
        self.tally.checks_ok += ok
        if in_row:
            self.tally.cells += 1
            self.tally.cells_ok += ok
        if not ok:
            self.fail(path, want, got)
        return ok

    def value(self, path, want, got, in_row, key=None):
        if isinstance(want, dict):
            if not isinstance(got, dict):
                self.fail(path, want, got)
                self.count_missing(want, in_row)
                return
            for k, w in want.items():
                self.value(path + "." + k, w, got.get(k), in_row, k)
        elif isinstance(want, list):
            if not isinstance(got, list) or len(got) != len(want):
                self.fail(path, want, got)
                self.count_missing(want, in_row)
                return
            for i, (w, g) in enumerate(zip(want, got)):
                self.value("%s[%d]" % (path, i), w, g, in_row, key)
        else:
            self.leaf(path, want, got, in_row, key)

    def count_missing(self, want, in_row):
        n = count_leaves(want)
        self.tally.checks += n
        if in_row:
            self.tally.cells += n

    def cells(self, path, want, row):
        actual = {}
        for c in row.get("cells") or []:
            actual.setdefault(c.get("field"), c)
        for field, wcell in want.items():
            got = actual.get(field)
            p = "%s.cells.%s" % (path, field)
            if got is None:
                self.fail(p, wcell, None)
                self.count_missing(wcell, True)
                self.count_links_code(wcell, None)
                continue
            self.value(p, wcell, got, True)
            self.count_links_code(wcell, got)

    def count_links_code(self, wcell, got):
        for i, link in enumerate(wcell.get("links") or []):
            self.tally.links += 1
            glinks = (got or {}).get("links") or []
            if i < len(glinks):
                g = glinks[i]
                if (fold(g.get("text") or "") == fold(link["text"]) and
                        resolve(g.get("href"), self.base) == resolve(link["href"], self.base)):
                    self.tally.links_ok += 1
        gmd = (got or {}).get("md") or ""
        for span in code_spans(wcell.get("md")):
            self.tally.code += 1
            if "`" + span + "`" in gmd:
                self.tally.code_ok += 1

    def row(self, path, want, got):
        for k, w in want.items():
            if k == "index":
                continue
            if k == "cells":
                self.cells(path, w, got)
            else:
                self.value(path + "." + k, w, got.get(k), True, k)

    def table(self, path, want, got):
        for k, w in want.items():
            if k == "index":
                continue
            if k == "columns":
                fields = [c.get("field") for c in got.get("columns") or []]
                self.leaf(path + ".columns", w, fields, False)
            elif k == "row_count":
                self.leaf(path + ".row_count", w, len(got.get("rows") or []), False)
            elif k == "rows":
                rows = got.get("rows") or []
                for wrow in w:
                    i = wrow["index"]
                    p = "%s.rows[%d]" % (path, i)
                    if i >= len(rows):
                        self.fail(p, "a row", None)
                        self.count_missing({k2: v for k2, v in wrow.items()
                                            if k2 not in ("index", "cells")}, True)
                        for wc in (wrow.get("cells") or {}).values():
                            self.count_missing(wc, True)
                            self.count_links_code(wc, None)
                        continue
                    self.row(p, wrow, rows[i])
            else:
                self.value(path + "." + k, w, got.get(k), False, k)

    def page(self, want, out):
        if "page" in want:
            self.value("page", want["page"], out.get("page"), False)
        tables = out.get("tables") or []
        if want.get("no_table"):
            self.leaf("table_count", 0, len(tables), False)
        if "table_count" in want:
            self.leaf("table_count", want["table_count"], len(tables), False)
        for wt in want.get("tables") or []:
            i = wt["index"]
            p = "tables[%d]" % i
            if i >= len(tables):
                self.fail(p, "a table", None)
                self.count_missing(wt, False)
                for wrow in wt.get("rows") or []:
                    for wc in (wrow.get("cells") or {}).values():
                        self.count_links_code(wc, None)
                continue
            self.table(p, wt, tables[i])


def count_leaves(v):
    if isinstance(v, dict):
        return sum(count_leaves(x) for k, x in v.items() if k != "index")
    if isinstance(v, list):
        return sum(count_leaves(x) for x in v) or 1
    return 1


def manifest():
    rows = []
    with open(os.path.join(HERE, "MANIFEST.tsv"), encoding="utf-8") as f:
        header = None
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            rows.append(dict(zip(header, cols)))
    return rows


def run_page(tablog, entry, verbose):
    name = entry["name"]
    path = os.path.join(HERE, name)
    exp_path = os.path.join(HERE, os.path.splitext(name)[0] + ".expected.json")
    with open(exp_path, encoding="utf-8") as f:
        want = json.load(f)
    base = entry.get("url") or None
    if base == "-":
        base = None
    cmp = Comparer(base)
    proc = subprocess.run([tablog, "-f", "json", path], capture_output=True)
    stderr = proc.stderr.decode("utf-8", "replace")
    if want.get("no_table") and proc.returncode == 2 and "no table" in stderr:
        cmp.tally.checks += 1
        cmp.tally.checks_ok += 1
    elif proc.returncode not in (0, 1):
        cmp.diffs.append("tablog exited %d: %s" % (proc.returncode, stderr.strip()[:200]))
        cmp.page(want, {})
    else:
        try:
            out = json.loads(proc.stdout.decode("utf-8"))
        except ValueError as e:
            cmp.diffs.append("output is not JSON: %s" % e)
            out = {}
        cmp.page(want, out)
    ok = not cmp.diffs
    t = cmp.tally
    print("%s %s (%d/%d checks)" % ("PASS" if ok else "FAIL", name, t.checks_ok, t.checks))
    for d in cmp.diffs[: None if verbose else SHOWN_DIFFS]:
        print("    " + d)
    if not verbose and len(cmp.diffs) > SHOWN_DIFFS:
        print("    ... %d more" % (len(cmp.diffs) - SHOWN_DIFFS))
    return ok, t


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def main(argv):
    verbose = "-v" in argv
    names = [a for a in argv if a != "-v"]
    tablog = os.environ.get("TABLOG", "./tablog")
    entries = manifest()
    if names:
        entries = [e for e in entries if e["name"] in names
                   or os.path.splitext(e["name"])[0] in names]
    total = Tally()
    passed = failed = 0
    for entry in entries:
        ok, t = run_page(tablog, entry, verbose)
        total.add(t)
        passed += ok
        failed += not ok
    print("checks right: %d/%d (%s)" % (total.checks_ok, total.checks,
                                       pct(total.checks_ok, total.checks)))
    print("cells checked: %d, cells right: %d (%s)" % (total.cells, total.cells_ok,
                                                       pct(total.cells_ok, total.cells)))
    print("links kept: %d/%d (%s)" % (total.links_ok, total.links,
                                      pct(total.links_ok, total.links)))
    print("code spans kept: %d/%d (%s)" % (total.code_ok, total.code,
                                           pct(total.code_ok, total.code)))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
