#!/usr/bin/python3
"""tests/consumers/check.py - the comparisons behind tests/consumers.sh.

Each subcommand exits 0 when the check holds, 1 with a message on
standard error when it does not (77 when a module it needs is missing,
so that the caller can print SKIP).  Standard library only, except
`feed`, which needs feedparser (Debian: python3-feedparser).

  csv-same A.csv B.csv          every cell of A equals the cell of B
  csv-json FILE.csv FILE.json   CSV cells = JSON rows (formula guard applied)
  cells ORIG.json OTHER.json    OTHER holds the same table cells as ORIG
  dom DOM.html FILE.json        rendered <tbody> rows = JSON rows' cells
  links DOM.html HREF...        the rendered page links to every HREF
  feed FEED.xml N [FILE.json]   Atom parses (bozo 0), N entries, titles
  png FILE.png WIDTH            a real screenshot: WIDTH wide, not blank
  phone DOM.html WIDTH          layout measured by measure.js at WIDTH:
                                no sideways page scroll, table reflowed
                                into cards that fit
"""

import csv
import html.parser
import json
import re
import struct
import sys
import zlib

GUARD = ("=", "+", "-", "@", "\t", "\r")


def fail(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)


def read_csv(path):
    """Rows of an RFC 4180 file, parsed strictly (bad quoting raises)."""
    with open(path, newline="", encoding="utf-8") as f:
        data = f.read()
    if data.startswith("\ufeff"):
        data = data[1:]
    try:
        return list(csv.reader(data.splitlines(keepends=True), strict=True))
    except csv.Error as e:
        fail("%s: not RFC 4180: %s" % (path, e))


def show(s):
    return json.dumps(s, ensure_ascii=False)


def csv_same(a, b):
    ra, rb = read_csv(a), read_csv(b)
    if len(ra) != len(rb):
        fail("%d records in %s, %d in %s" % (len(ra), a, len(rb), b))
    bad = 0
    for i, (x, y) in enumerate(zip(ra, rb)):
        # LibreOffice writes no trailing empty fields it never saw; pad.
        n = max(len(x), len(y))
        x = x + [""] * (n - len(x))
        y = y + [""] * (n - len(y))
        for j, (u, v) in enumerate(zip(x, y)):
            if u != v:
                bad += 1
                sys.stderr.write("record %d field %d: %s became %s\n"
                                 % (i + 1, j + 1, show(u), show(v)))
    if bad:
        fail("%d cells changed" % bad)
    print("%d records, %d cells identical" % (len(ra), sum(map(len, ra))))


def json_rows(doc):
    """Every row of a table.json (all tables) or an all.json."""
    if "tables" in doc:
        return [r for t in doc["tables"] for r in t["rows"]]
    return doc["rows"]


def expected_cell(v):
    if v is None:
        return ""
    if not isinstance(v, str):
        v = str(v)
    return "'" + v if v.startswith(GUARD) else v


def site_columns(doc, row):
    """all.csv's own columns for an all.json row: page_title (the title
    the index shows: the page's title, else its slug) and table, counted
    from 1 in CSV as in diff's CSV (all.json counts from 0)."""
    titles = {p["slug"]: p["title"] for p in doc.get("pages", [])}
    return {"page_title": titles.get(row.get("page")),
            "table": row["table"] + 1 if "table" in row else None}


def csv_json(csvpath, jsonpath):
    records = read_csv(csvpath)
    with open(jsonpath, encoding="utf-8") as f:
        doc = json.load(f)
    rows = json_rows(doc)
    if "tables" not in doc:
        rows = [dict(r, **site_columns(doc, r)) for r in rows]
    header, body = records[0], records[1:]
    if len(body) != len(rows):
        fail("%d CSV records, %d JSON rows" % (len(body), len(rows)))
    bad = 0
    for i, (rec, row) in enumerate(zip(body, rows)):
        if len(rec) != len(header):
            fail("record %d has %d fields, header %d"
                 % (i + 2, len(rec), len(header)))
        for name, cell in zip(header, rec):
            if name not in row:
                # all.json rows hold only their own page's columns.
                if cell == "":
                    continue
                bad += 1
                sys.stderr.write("row %d: JSON has no field %s\n"
                                 % (i + 1, name))
            elif expected_cell(row[name]) != cell:
                bad += 1
                sys.stderr.write("row %d %s: CSV %s, JSON %s\n"
                                 % (i + 1, name, show(cell), show(row[name])))
    if bad:
        fail("%d cells differ" % bad)
    print("%d rows x %d fields agree" % (len(rows), len(header)))


# Fields that legitimately differ after a trip through rendered output:
# the source line, and the date cell's original wording (the rendered
# table shows the normalised label, e.g. "Dec. 2022" -> "December 2022").
VOLATILE = {"line", "last_update_text"}


def cells(orig, other):
    with open(orig, encoding="utf-8") as f:
        a = json.load(f)
    with open(other, encoding="utf-8") as f:
        b = json.load(f)
    ta, tb = a["tables"], b["tables"]
    if len(ta) != len(tb):
        fail("%d tables, then %d" % (len(ta), len(tb)))
    bad = 0
    for t, (x, y) in enumerate(zip(ta, tb)):
        if x["columns"] != y["columns"]:
            fail("table %d columns %s became %s"
                 % (t, show(x["columns"]), show(y["columns"])))
        if len(x["rows"]) != len(y["rows"]):
            fail("table %d: %d rows, then %d"
                 % (t, len(x["rows"]), len(y["rows"])))
        for i, (r, s) in enumerate(zip(x["rows"], y["rows"])):
            for k in sorted(set(r) | set(s)):
                if k in VOLATILE:
                    continue
                if r.get(k) != s.get(k):
                    bad += 1
                    sys.stderr.write("table %d row %d %s: %s became %s\n"
                                     % (t, i + 1, k, show(r.get(k)),
                                        show(s.get(k))))
    if bad:
        fail("%d fields differ" % bad)
    n = sum(len(t["rows"]) for t in ta)
    print("%d tables, %d rows identical" % (len(ta), n))


class Dom(html.parser.HTMLParser):
    """Collects the text of every <td>/<th> of every <tbody> row, with
    <br> as a line break, and every <a href>.  A site's link from a
    permission cell to the permission's page (<a class="also">) is not
    the cell's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.links = [], []
        self.tbody = 0
        self.cell = None
        self.also = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.also = dict(attrs).get("class") == "also"
        elif tag == "tbody":
            self.tbody += 1
        elif tag == "tr" and self.tbody:
            self.rows.append([])
        elif tag in ("td", "th") and self.tbody and self.rows:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "a":
            self.also = False
        elif tag == "tbody":
            self.tbody -= 1
        elif tag in ("td", "th") and self.cell is not None:
            text = "".join(self.cell)
            text = "\n".join(" ".join(l.split()) for l in text.split("\n"))
            self.rows[-1].append(text)
            self.cell = None

    def handle_data(self, data):
        # A browser shows a raw newline as a space; only <br> breaks.
        if self.cell is not None and not self.also:
            self.cell.append(re.sub(r"\s", " ", data))


def parse_dom(path):
    p = Dom()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def dom(dompath, jsonpath):
    p = parse_dom(dompath)
    with open(jsonpath, encoding="utf-8") as f:
        rows = json_rows(json.load(f))
    if len(p.rows) != len(rows):
        fail("%d rendered body rows, %d in JSON" % (len(p.rows), len(rows)))
    bad = 0
    for i, (got, row) in enumerate(zip(p.rows, rows)):
        want = [c["text"] for c in row["cells"]]
        if got != want:
            bad += 1
            sys.stderr.write("row %d: rendered %s, JSON %s\n"
                             % (i + 1, show(got), show(want)))
    if bad:
        fail("%d of %d rows render wrong" % (bad, len(rows)))
    print("%d rows rendered with the JSON's cell text" % len(rows))


def links(dompath, *hrefs):
    p = parse_dom(dompath)
    missing = [h for h in hrefs if h not in p.links]
    if missing:
        fail("no link to %s (links: %s)" % (", ".join(missing),
                                             show(p.links)))
    print("links to %s" % ", ".join(hrefs))


TITLE = re.compile(r"^(January|February|March|April|May|June|July|August|"
                   r"September|October|November|December) \d{4}: "
                   r"(\d+) changes?$")


def feed(path, n, jsonpath=None):
    try:
        import feedparser
    except ImportError:
        sys.stderr.write("no feedparser module\n")
        sys.exit(77)
    d = feedparser.parse(path)
    if d.bozo:
        fail("feedparser: bozo %s: %s" % (d.bozo, d.get("bozo_exception")))
    if d.version != "atom10":
        fail("feedparser says version %r, not atom10" % d.version)
    titles = [e.title for e in d.entries]
    if len(titles) != int(n):
        fail("%d entries, expected %s: %s" % (len(titles), n, show(titles)))
    for e in d.entries:
        m = TITLE.match(e.title)
        if not m:
            fail("entry title %s is not 'Month YYYY: N change(s)'"
                 % show(e.title))
        if (m.group(2) == "1") != e.title.endswith(" change"):
            fail("entry title %s: wrong plural" % show(e.title))
        for need in ("id", "updated_parsed", "link"):
            if not e.get(need):
                fail("entry %s has no %s" % (show(e.title), need))
    ids = [e.id for e in d.entries]
    if len(set(ids)) != len(ids):
        fail("entry ids are not unique")
    if jsonpath:
        with open(jsonpath, encoding="utf-8") as f:
            groups = [g for g in json.load(f)["changelog"]
                      if g["month"] is not None]
        want = ["%s: %d change%s" % (g["label"], len(g["entries"]),
                                     "" if len(g["entries"]) == 1 else "s")
                for g in groups]
        if titles != want:
            fail("titles %s, changelog says %s" % (show(titles), show(want)))
    print("%d entries: %s ... %s" % (len(titles), titles[0], titles[-1]))


def png(path, width):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s: not a PNG" % path)
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if w != int(width):
        fail("%s is %dx%d, expected width %s" % (path, w, h, width))
    if depth != 8 or ctype not in (2, 6):
        fail("%s: unexpected PNG format depth %d type %d"
             % (path, depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    # Undo the scanline filters so that pixel values can be counted.
    prev = bytearray(stride)
    colours = set()
    dark = 0
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        for x in range(0, stride, bpp * 4):
            px = bytes(line[x:x + 3])
            colours.add(px)
            if sum(px) < 3 * 96:
                dark += 1
        prev = line
    sampled = h * ((w + 3) // 4)
    if len(colours) < 8:
        fail("%s: only %d colours: blank or nearly" % (path, len(colours)))
    share = dark / sampled
    if share < 0.005:
        fail("%s: %.2f%% dark pixels: no visible text" % (path, 100 * share))
    print("%dx%d, %d bytes, %d colours, %.1f%% dark (text) pixels"
          % (w, h, len(data), len(colours), 100 * share))


def phone(dompath, width):
    with open(dompath, encoding="utf-8") as f:
        m = re.search(r'data-measure="([^"]*)"', f.read())
    if not m:
        fail("no measurement in %s: page did not load or script failed"
             % dompath)
    import html as h
    d = json.loads(h.unescape(m.group(1)))
    print("measured: %s" % show(d))
    w = int(width)
    if d["viewport"] != w:
        fail("viewport is %s px wide, not %d" % (d["viewport"], w))
    if d["page"] > w:
        fail("the page scrolls sideways: %s px wide in a %d px viewport"
             % (d["page"], w))
    if not d["reflowed"]:
        fail("the table is not reflowed at %d px (header row visible)" % w)
    if d["table"] > d["box"]:
        fail("the reflowed table is %s px wide in a %s px box: cards are cut"
             " at the right edge (widest cells: %s)"
             % (d["table"], d["box"], show(d["wide"])))


COMMANDS = {"csv-same": csv_same, "csv-json": csv_json, "cells": cells,
            "dom": dom, "links": links, "feed": feed, "png": png,
            "phone": phone}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
