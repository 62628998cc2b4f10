#!/usr/bin/env python3
# tests/history/linecheck.py REPO PATH JSON N - an independent reading of a
# page's history, to check tablog's: the table lines of `git show REV:PATH`
# for the last N+1 versions (git log), each table's rows named by their
# first cell, and the rows added, removed and changed (same first cell,
# other cells) between each version and the one before, compared with
# the changes of `tablog history -f json` (JSON) for the same commits.
# No part of tablog is used.  Prints each version that differs; exit
# status 1 if any does.
#
# linecheck.py --removed REPO PATH prints every row removed in the whole
# history instead: "DATE COMMIT TABLE NAME" (the committer's day, 7 hex
# digits, the table counted from 0), sorted.
import collections
import html
import json
import re
import subprocess
import sys


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), capture_output=True,
                          check=True).stdout.decode("utf-8", "replace")


def cells(line):
    """A GFM row's cells: pipes unescaped, backslash escapes and entities
    decoded, white space folded."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    out = []
    for p in re.split(r"(?<!\\)\|", s):
        p = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", p)
        out.append(" ".join(html.unescape(p).split()))
    return out


def tables(repo, rev, path):
    """Each table of the page: a header line, a delimiter line, then the
    lines starting with '|'."""
    lines = git(repo, "show", f"{rev}:{path}").split("\n")
    out, i = [], 0
    while i < len(lines):
        if (lines[i].lstrip().startswith("|") and i + 1 < len(lines) and
                re.match(r"^\s*\|?\s*:?-{3,}", lines[i + 1])):
            rows, i = [], i + 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            out.append(rows)
        else:
            i += 1
    return out


def changes(prev, cur):
    want = collections.Counter()
    for t in range(max(len(prev), len(cur))):
        a = prev[t] if t < len(prev) else []
        b = cur[t] if t < len(cur) else []
        ka = collections.Counter(r[0] for r in a)
        kb = collections.Counter(r[0] for r in b)
        for name, n in (kb - ka).items():
            want[("added", t, name)] += n
        for name, n in (ka - kb).items():
            want[("removed", t, name)] += n
        old = {r[0]: r for r in a}
        for r in b:
            if ka[r[0]] == 1 and kb[r[0]] == 1 and old[r[0]] != r:
                want[("changed", t, r[0])] += 1
    return want


def versions(repo, path, n=None):
    args = ["log", "--format=%H %cs"] + (["-n", str(n)] if n else []) + ["--", path]
    revs = [line.split() for line in git(repo, *args).split("\n") if line]
    revs.reverse()
    return revs


if sys.argv[1] == "--removed":
    repo, path = sys.argv[2], sys.argv[3]
    revs = versions(repo, path)
    out = []
    prev = tables(repo, revs[0][0], path)
    for rev, day in revs[1:]:
        cur = tables(repo, rev, path)
        for (kind, t, name), n in changes(prev, cur).items():
            if kind == "removed":
                out += [f"{day} {rev[:7]} {t} {name}"] * n
        prev = cur
    print("\n".join(sorted(out)))
    sys.exit(0)

repo, path, tablog_json, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
revs = versions(repo, path, n + 1)
got = collections.defaultdict(collections.Counter)
for c in json.load(open(tablog_json))["changes"]:
    if c["kind"] in ("added", "removed", "changed"):
        name = c["key"].get("permission") or c["key"].get("label")
        got[c["commit"]][(c["kind"], c["table"]["index"], name)] += 1
bad = 0
prev = tables(repo, revs[0][0], path)
for rev, _ in revs[1:]:
    cur = tables(repo, rev, path)
    want = changes(prev, cur)
    if want != got[rev]:
        bad += 1
        print("DIFFER", rev[:7], "only here:", dict(want - got[rev]),
              "only in tablog's:", dict(got[rev] - want))
    prev = cur
print(f"{len(revs) - 1} versions compared, {bad} differ")
sys.exit(1 if bad else 0)
