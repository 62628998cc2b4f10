#!/usr/bin/env python3
"""tests/xss/check.py MODE ...: the checks of tests/xss.sh (no third-party
modules).  Exit 0 when the check holds; otherwise print why and exit 1.

  markup OUT BASE [--cell-markup]
                       OUT (an HTML output, or Chromium's DOM of one) has
                       only the elements and (element, attribute) pairs
                       that BASE (the same output of the payload-free
                       pages) has; no on* attribute, no javascript: URL,
                       no data-pwned; no svg/math/iframe/object/embed/img/
                       form/base/... element but the templates' own ones
                       (TEMPLATE_OWN: as many as BASE has, <link>s to
                       this site only); its <script>s, <style>s and
                       <meta>s are exactly BASE's (the template's own).
                       --cell-markup (a page whose cells hold markup of
                       their own): inside table cells also the elements a
                       cell's markup is written with (CELL_TAGS), <a> with
                       an href alone, to an http, https, mailto or
                       relative target.
  text OUT KIND J... [--need-payloads EXPECT] [--need-rows]
                       each piece of page text in the JSON files J (what
                       tablog read) is in OUT as text.  KIND page, fragment:
                       every th and td equals its JSON cell; page also the
                       title, h1, breadcrumb, intro and notes.  --need-rows:
                       each row's label, API and type, and each page's title,
                       is somewhere in the text; --need-payloads: each
                       payload of EXPECT is.
  atom OUT BASE J... [--need-payloads EXPECT]
                       OUT parses as XML (xml.etree); its elements and
                       attributes (with namespaces) are BASE's; no on*
                       attribute or javascript: URL; each row's label, API
                       and type and each page title is in its text.
  reader J EXPECT KIND each payload reached the model exactly (KIND md: the
                       backslash-escaped Markdown page; html: the entity-
                       encoded HTML page).
  literal FILE EXPECT  each template-delimiter payload is in FILE verbatim.
  csv FILE JSON [--raw] [--page]
                       Python's csv module reads FILE; every cell is its
                       JSON value, with a ' in front when the value starts
                       with = + - @ TAB or CR (unless --raw).
  cells J1 J2          two JSON outputs hold the same cells (read-back).
  markdown OUT BASE [--labels J] [--cell-markup]
                       cmark-gfm -e table parses OUT (a Markdown output)
                       to the same nodes, text aside, as BASE: the page
                       text made no block, emphasis or code span of its
                       own; no link, image or raw HTML but the <br> that
                       table cells use.  --labels J: its code spans are
                       exactly the changelog labels of the JSON file J.
                       --cell-markup: cells may also hold links (to
                       targets as for markup), code spans, emphasis and
                       the raw tags of CELL_TAGS (no attribute); they are
                       left out of the comparison.
  harness OUT FILE...  a page framing every FILE that dumps their DOMs;
  unpack DUMP FILE...  Chromium's --dump-dom of it: FILE.dom for each FILE.

"""
import csv
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr", "param", "keygen"}
FORBIDDEN = {"svg", "math", "iframe", "object", "embed", "img", "form",
             "base", "frame", "frameset", "input", "textarea", "button",
             "video", "audio", "source", "details", "marquee", "template",
             "plaintext", "xmp", "noembed", "noscript", "link", "body-extra",
             "animate", "foreignobject", "mglyph", "mtext", "select",
             "option", "applet", "isindex", "image", "use"}
# Forbidden elements the templates write themselves: the feed's <link>,
# the filter's <input>, the timeline's <svg> and <details>, the sort
# buttons sort.js makes (in Chromium's DOM).
TEMPLATE_OWN = {"link", "input", "svg", "details", "button"}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What a cell's own markup is written with (docs/design.md "The model").
CELL_TAGS = {"a", "code", "strong", "em", "sup", "sub", "ul", "ol", "li",
             "br"}
problems = []


def fail(msg):
    problems.append(msg)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children = []


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)

    def handle_comment(self, data):
        self.cur.children.append(Node("#comment", [], self.cur))


def parse(path):
    t = Tree()
    with open(path, encoding="utf-8", errors="replace") as f:
        t.feed(f.read())
    t.close()
    return t.root


def elements(n):
    for c in n.children:
        if isinstance(c, Node):
            yield c
            yield from elements(c)


def text(n):
    if isinstance(n, str):
        return n
    if n.tag in ("#comment",):
        return ""
    if n.tag == "a" and "also" in (dict(n.attrs).get("class") or "").split():
        return ""
    return "".join(text(c) for c in n.children)


def squash(s):
    """Text without white space (a <br> is none in textContent) and without
    U+FFFE/U+FFFF, which the HTML reader drops and the Markdown one keeps."""
    return "".join(c for c in (s or "") if not c.isspace()
                   and c not in "\ufffe\uffff")


def js_url(v):
    v = "".join(c for c in (v or "") if ord(c) > 0x20).lower()
    return "javascript:" in v or "vbscript:" in v or v.startswith("data:")


def structure(root):
    tags, pairs = set(), set()
    for e in elements(root):
        tags.add(e.tag)
        for a, _ in e.attrs:
            pairs.add((e.tag, a))
    return tags, pairs


def in_svg(e):
    while e is not None:
        if e.tag == "svg":
            return True
        e = e.parent
    return False


def own(root, tag):
    """The elements `tag` outside SVG (where <title> is a tooltip)."""
    return [(text(e), sorted((a, v or "") for a, v in e.attrs))
            for e in elements(root) if e.tag == tag and not in_svg(e)]


def safe_url(v):
    """An http, https or mailto target, or a relative one (no scheme, and
    no '&' where a scheme would be)."""
    v = "".join(c for c in (v or "") if ord(c) > 0x20)
    head = re.split(r"[/?#]", v, maxsplit=1)[0]
    if "&" in head:
        return False
    if ":" not in head:
        return True
    return head.split(":", 1)[0].lower() in ("http", "https", "mailto")


def in_cell(e):
    while e is not None:
        if getattr(e, "tag", None) == "td":
            return True
        e = getattr(e, "parent", None)
    return False


def cmd_markup(out, base, cell_markup=False):
    r, b = parse(out), parse(base)
    tags, pairs = structure(r)
    btags, bpairs = structure(b)
    if cell_markup:
        for e in elements(r):
            if e.tag not in CELL_TAGS or (e.tag in btags and all(
                    (e.tag, a) in bpairs for a, _ in e.attrs)):
                continue
            if not in_cell(e):
                fail("<%s> outside a table cell" % e.tag)
            for a, v in e.attrs:
                if (e.tag, a) != ("a", "href"):
                    fail("attribute %s on a cell's <%s>" % (a, e.tag))
                elif not safe_url(v):
                    fail("a cell's link to %r" % v)
        btags = btags | CELL_TAGS
        bpairs = bpairs | {("a", "href")}
    for t in sorted(tags - btags):
        fail("element <%s> that the templates never write" % t)
    for t, a in sorted(pairs - bpairs):
        fail("attribute %s on <%s> that the templates never write" % (a, t))
    for e in elements(r):
        if e.tag in FORBIDDEN and e.tag not in TEMPLATE_OWN:
            fail("forbidden element <%s>" % e.tag)
        if e.tag == "link":
            href = dict(e.attrs).get("href") or ""
            if ":" in href or href.startswith("//"):
                fail("<link href=%r> to another host" % href)
        for a, v in e.attrs:
            if a.startswith("on"):
                fail("event attribute %s=%r on <%s>" % (a, v, e.tag))
            if js_url(v):
                fail("script URL in %s=%r on <%s>" % (a, v, e.tag))
            if "pwned" in a:
                fail("attribute %s on <%s>: a payload ran or broke out"
                     % (a, e.tag))
            if e.tag == "meta" and a == "http-equiv":
                fail("<meta http-equiv=%r>" % v)
    for e in elements(r):
        if e.tag == "button" and e.parent.tag != "th":
            fail("<button> outside a header cell: not sort.js's")
    for t in sorted(TEMPLATE_OWN - {"button"}):
        got = sum(1 for e in elements(r) if e.tag == t)
        want = sum(1 for e in elements(b) if e.tag == t)
        if got != want:
            fail("%d <%s> elements, the template writes %d" % (got, t, want))
    for t in ("script", "style", "meta", "title"):
        got, want = own(r, t), own(b, t)
        if t == "title":
            got, want = len(got), len(want)
        if got != want:
            fail("<%s> elements differ from the template's own: %r"
                 % (t, got if t == "title" else
                    [g for g in got if g not in want][:3] or got[:3]))


def pages_of(paths):
    for p in paths:
        j = json.load(open(p, encoding="utf-8"))
        yield j


def need_rows(j):
    """Label, API and type of every row, and the page title."""
    out = []
    if j["page"].get("title"):
        out.append(("title", j["page"]["title"]))
    for t in j["tables"]:
        for row in t["rows"]:
            for f in ("label", "api", "type"):
                if row.get(f):
                    out.append(("line %d %s" % (row["line"], f), row[f]))
    return out


def find(root, tag, cls=None):
    for e in elements(root):
        if e.tag == tag and (cls is None or cls in
                             (dict(e.attrs).get("class") or "").split()):
            yield e


def same(where, got, want):
    if squash(got) != squash(want):
        fail("%s: shows %r, the page says %r" % (where, got[:120],
                                                 (want or "")[:120]))


def shown(c):
    """What a cell shows: its text; for a cell with markup (md), the text
    of its html, which is its text but for the '^' and '_' that set off a
    superscript or subscript in plain text (1.14.7.0^2)."""
    if "md" not in c:
        return c["text"]
    t = Tree()
    t.feed(c["html"])
    t.close()
    got = text(t.root)
    if squash(got.replace("^", "").replace("_", "")) != squash(
            c["text"].replace("^", "").replace("_", "")):
        fail("cell %r: its html shows %r" % (c["text"][:80], got[:80]))
    return got


def cmd_text(out, kind, jsons, opts):
    root = parse(out)
    body = squash(text(root))
    for j in pages_of(jsons):
        pg = j["page"]
        title = pg.get("title") or pg.get("slug")
        if kind == "page":
            same("<title>", text(next(find(root, "title"))), title)
            same("<h1>", text(next(find(root, "h1"))), title)
            crumbs = [text(e) for nav in find(root, "nav") for e in
                      find(nav, "li")]
            want = pg.get("breadcrumb") or [pg.get("source")]
            if [squash(c) for c in crumbs] != [squash(w) for w in want]:
                fail("breadcrumb %r, the page says %r" % (crumbs[:4],
                                                          want[:4]))
            main = next(find(root, "main"))
            ps = [text(p) for p in main.children if isinstance(p, Node)
                  and p.tag == "p" and "links" not in
                  (dict(p.attrs).get("class") or "")]
            want = (pg.get("intro") or []) + (pg.get("notes") or [])
            if [squash(p) for p in ps] != [squash(w) for w in want]:
                fail("intro and notes: %d paragraphs, the page has %d; "
                     "first difference: %r" % (len(ps), len(want), next(
                         ((a, b) for a, b in zip(ps, want)
                          if squash(a) != squash(b)), None)))
        if kind in ("page", "fragment"):
            tables = list(find(root, "table"))
            if len(tables) != len(j["tables"]):
                fail("%d tables, the page has %d" % (len(tables),
                                                     len(j["tables"])))
            for tab, jt in zip(tables, j["tables"]):
                ths = [text(e) for e in find(tab, "th")]
                same("header row", "|".join(ths),
                     "|".join(c["header"] for c in jt["columns"]))
                if len(ths) != len(jt["columns"]):
                    fail("%d header cells, %d columns" % (
                        len(ths), len(jt["columns"])))
                trs = [tr for tb in find(tab, "tbody") for tr in
                       find(tb, "tr")]
                if len(trs) != len(jt["rows"]):
                    fail("%d rows, the page has %d" % (len(trs),
                                                      len(jt["rows"])))
                for tr, row in zip(trs, jt["rows"]):
                    tds = list(find(tr, "td"))
                    if len(tds) != len(row["cells"]):
                        fail("line %d: %d cells, %d columns" % (
                            row["line"], len(tds), len(row["cells"])))
                    for td, c in zip(tds, row["cells"]):
                        same("line %d %s" % (row["line"], c["field"]),
                             text(td), shown(c))
        if kind == "perms":
            for t in j["tables"]:
                for row in t["rows"]:
                    if row.get("permission") and \
                            squash(row["permission"]) not in body:
                        fail("line %d permission %r is not in the text"
                             % (row["line"], row["permission"][:100]))
        if kind == "index" and squash(title) not in body:
            fail("page title %r is not in the text" % title[:100])
        if opts.get("rows"):
            for what, s in need_rows(j):
                if squash(s) not in body:
                    fail("%s %r is not in the text" % (what, s[:100]))
    for p in opts.get("payloads", []):
        if squash(p) not in body:
            fail("payload %r is not in the text" % p[:100])


def cmd_atom(out, base, jsons, opts):
    try:
        r = ET.parse(out).getroot()
    except ET.ParseError as e:
        fail("not XML: %s" % e)
        return
    b = ET.parse(base).getroot()
    tags = {e.tag for e in r.iter()}
    btags = {e.tag for e in b.iter()}
    pairs = {(e.tag, a) for e in r.iter() for a in e.attrib}
    bpairs = {(e.tag, a) for e in b.iter() for a in e.attrib}
    for t in sorted(tags - btags):
        fail("element %s that the template never writes" % t)
    for t, a in sorted(pairs - bpairs):
        fail("attribute %s on %s that the template never writes" % (a, t))
    for e in r.iter():
        for a, v in e.attrib.items():
            if a.startswith("on") or js_url(v):
                fail("%s=%r on %s" % (a, v, e.tag))
    if r.tag != "{http://www.w3.org/2005/Atom}feed":
        fail("root is %s" % r.tag)
    body = squash("".join(r.itertext()))
    for j in pages_of(jsons):
        # The feed has the dated rows only.
        j["tables"] = [{"rows": [x for t in j["tables"] for x in t["rows"]
                                 if x.get("last_update")]}]
        for what, s in need_rows(j):
            if squash(s) not in body:
                fail("%s %r is not in the feed's text" % (what, s[:100]))
    for p in opts.get("payloads", []):
        if squash(p) not in body:
            fail("payload %r is not in the feed's text" % p[:100])


def cmd_reader(jpath, epath, kind):
    j = json.load(open(jpath, encoding="utf-8"))
    pl = json.load(open(epath, encoding="utf-8"))["payloads"]
    pg = j["page"]
    rows = [r for t in j["tables"] for r in t["rows"]]
    seen = 0
    for r in rows:
        m = re.match(r"Perm(\d+)\.", r["permission"] or "")
        if not m or int(m.group(1)) >= 1000:
            continue
        i = int(m.group(1))
        p = squash(pl[i])
        seen += 1
        extras = [c for c in r["cells"] if c["field"] not in (
            "api", "permission", "type", "purpose", "last_update")]
        for f in ("api", "type", "purpose"):
            if squash(r[f]) != p:
                fail("line %d %s: read %r, wrote %r" % (r["line"], f, r[f],
                                                        pl[i]))
        if squash(r["display_name"]) != squash("Display %d" % i) + p:
            fail("line %d display_name: read %r" % (r["line"],
                                                    r["display_name"]))
        if not squash(r.get("last_update_text")).startswith(p):
            fail("line %d date cell: read %r" % (r["line"],
                                                 r.get("last_update_text")))
        if not extras or squash(extras[0]["text"]) != p:
            fail("line %d extra column: read %r" % (
                r["line"], extras[0]["text"] if extras else None))
    if seen < len(pl) - 3:
        fail("only %d of %d payload rows read" % (seen, len(pl)))
    heads = [squash(c["header"]) for c in j["tables"][0]["columns"][5:]]
    if heads != [squash("X " + pl[1]), squash("X " + pl[60])]:
        fail("extra headers read as %r" % heads)
    if kind == "html":
        if squash(pg["title"]) != squash(pl[40]):
            fail("title read as %r" % pg["title"])
        # A breadcrumb item loses the separators (> and /) at its ends.
        if [squash(c) for c in pg["breadcrumb"][1:-1]] != \
                [squash(p.strip(" >/")) for p in pl[:20]]:
            fail("breadcrumb read as %r" % pg["breadcrumb"][:4])
    else:
        if squash(pg["title"]) != squash(pl[32]):
            fail("title read as %r" % pg["title"])
    intro = [squash("Intro %d: " % i) + squash(p) for i, p in enumerate(pl)]
    notes = [squash("Note: %d " % i) + squash(p) for i, p in enumerate(pl)]
    if kind == "html":
        # Notes right after a table are the table's.
        got_notes = pg["notes"] + [n for t in j["tables"]
                                   for n in t.get("notes", [])]
        for what, got, want in (("intro", pg["intro"], intro),
                                ("notes", got_notes, notes)):
            got = [squash(g) for g in got]
            if got != want:
                fail("%s: %d read, %d written; first difference %r" % (
                    what, len(got), len(want), next(((a, b) for a, b in
                                                     zip(got, want) if a != b),
                                                    None)))


def esc_html(s):
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
                 ('"', "&quot;"), ("'", "&#39;")):
        s = s.replace(a, b)
    return s


def cmd_literal(path, epath):
    """In HTML and XML, verbatim once escaped; elsewhere verbatim (JSON:
    as a JSON string's body; Markdown: those with no character a table
    cell escapes)."""
    data = open(path, encoding="utf-8").read()
    pl = json.load(open(epath, encoding="utf-8"))["payloads"]
    markup = path.endswith((".html", ".xml"))
    for p in pl:
        if ("{{" in p or "}}" in p) and not (
                path.endswith(".md") and any(c in p for c in "<&*|\\`")):
            want = esc_html(p) if markup else p
            if want not in data and json.dumps(p)[1:-1] not in data:
                fail("template text %r is not in %s verbatim" % (p, path))


def csv_value(v, raw):
    if v is None:
        return ""
    v = str(v)
    if not raw and v.startswith(TRIGGERS):
        return "'" + v
    return v


def cmd_csv(path, jpath, raw):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    j = json.load(open(jpath, encoding="utf-8"))
    if "tables" in j:
        jrows = [r for t in j["tables"] for r in t["rows"]]
    else:
        # all.csv's own columns: the title the index shows, and the
        # table counted from 1 (all.json counts from 0).
        titles = {p["slug"]: p["title"] for p in j["pages"]}
        jrows = [dict(r, page_title=titles[r["page"]], table=str(r["table"] + 1))
                 for r in j["rows"]]
    head = rows[0]
    if len(rows) - 1 != len(jrows):
        fail("%d rows, JSON has %d" % (len(rows) - 1, len(jrows)))
    for k, (row, jr) in enumerate(zip(rows[1:], jrows)):
        for name, got in zip(head, row):
            want = csv_value(jr.get(name), raw)
            if got != want:
                fail("row %d %s: %r, expected %r" % (k + 1, name, got, want))


def cmd_cells(a, b):
    """The cells' text, and their markup (md, links) where they have any."""
    ja, jb = (json.load(open(p, encoding="utf-8")) for p in (a, b))

    def cell(c):
        # A cell shown in other words than its own (a date as its label)
        # is plain text in Markdown: its links are only in JSON.
        return (c["text"], c.get("md"),
                [(x["text"], x["href"]) for x in c.get("links", [])]
                if "md" in c else None)
    ca = [[cell(c) for c in r["cells"]] for t in ja["tables"]
          for r in t["rows"]]
    cb = [[cell(c) for c in r["cells"]] for t in jb["tables"]
          for r in t["rows"]]
    ha = [c["header"] for t in ja["tables"] for c in t["columns"]]
    hb = [c["header"] for t in jb["tables"] for c in t["columns"]]
    if ha != hb:
        fail("headers %r, read back %r" % (ha, hb))
    for k, (x, y) in enumerate(zip(ca, cb)):
        if x != y:
            d = [(p, q) for p, q in zip(x, y) if p != q]
            fail("row %d: %r read back as %r" % (k + 1, d[0][0], d[0][1]))
    if len(ca) != len(cb):
        fail("%d rows, read back %d" % (len(ca), len(cb)))


CM = "{http://commonmark.org/xml/1.0}"


def md_nodes(path):
    """cmark-gfm's tree of a Markdown file: (depth, node) pairs."""
    xml = subprocess.run(["cmark-gfm", "-e", "table", "-t", "xml", path],
                         stdout=subprocess.PIPE, check=True).stdout
    out = []

    def walk(n, depth):
        out.append((depth, n))
        for c in n:
            walk(c, depth + 1)
    walk(ET.fromstring(xml), 0)
    return out


def cell_node(n):
    """A node a cell's own markup is written with (--cell-markup)."""
    tag = n.tag.replace(CM, "")
    if tag == "link":
        return safe_url(n.get("destination"))
    if tag == "html_inline":
        return re.fullmatch(r"</?(%s)>" % "|".join(CELL_TAGS - {"a"}),
                            n.text or "") is not None
    return tag in ("code", "emph", "strong")


def cmd_markdown(out, base, labels, cell_markup=False):
    got, want = md_nodes(out), md_nodes(base)
    for _, n in got:
        tag = n.tag.replace(CM, "")
        if cell_markup and cell_node(n):
            continue
        if tag in ("link", "image", "html_block"):
            fail("%s: a %s node: %r" % (out, tag, ET.tostring(n)[:200]))
        elif tag == "html_inline" and n.text != "<br>":
            fail("%s: raw HTML %r" % (out, n.text[:100]))

    def shape(nodes):
        """The nodes but text and the <br> of a cell's line break (the
        raw page's "a<br>b" is one, its baseline has none), and with
        --cell-markup the cells' own markup, and what is inside it."""
        keep, skip_below = [], None
        for d, n in nodes:
            if skip_below is not None and d > skip_below:
                continue
            skip_below = None
            if cell_markup and cell_node(n):
                skip_below = d
                continue
            if n.tag != CM + "text" and not (
                    n.tag == CM + "html_inline" and n.text == "<br>"):
                keep.append((d, n.tag.replace(CM, "")))
        return keep
    gs, ws = shape(got), shape(want)
    if gs != ws:
        k = next((i for i, (a, b) in enumerate(zip(gs, ws)) if a != b),
                 min(len(gs), len(ws)))
        fail("%s: %d nodes, the baseline %d; first difference at node %d:"
             " %r, baseline %r" % (out, len(gs), len(ws), k, gs[k:k + 3],
                                   ws[k:k + 3]))
    if labels:
        j = json.load(open(labels, encoding="utf-8"))
        want_codes = sorted(re.sub(r"[\r\n]", " ", e["label"])
                            for m in j["changelog"] for e in m["entries"]
                            if e["label"])
        codes = sorted(n.text or "" for _, n in got if n.tag == CM + "code")
        if codes != want_codes:
            diff = [(a, b) for a, b in zip(codes, want_codes) if a != b]
            fail("%s: %d code spans, %d labels; first difference %r" % (
                out, len(codes), len(want_codes),
                diff[0] if diff else None))


def cmd_harness(out, files):
    """One page that frames every file and, once all are loaded, writes
    each frame's DOM (outerHTML) as JSON into <pre id=dump>: one Chromium
    run for every file (--allow-file-access-from-files)."""
    import html as h
    with open(out, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                "<title>dump</title></head><body>\n")
        for p in files:
            f.write("<iframe src=\"file://%s\"></iframe>\n" % h.escape(p))
        f.write("""<script>
window.addEventListener("load", function () {
  var out = [];
  document.querySelectorAll("iframe").forEach(function (f) {
    var d = f.contentDocument;
    out.push(d ? d.documentElement.outerHTML : null);
  });
  var pre = document.createElement("pre");
  pre.id = "dump";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script></body></html>
""")


def cmd_unpack(dump, files):
    """Chromium's dump of the harness: each file's DOM into FILE.dom."""
    import html as h
    data = open(dump, encoding="utf-8").read()
    m = re.search(r'<pre id="dump">(.*?)</pre>', data, re.S)
    if not m:
        fail("no dump in Chromium's output")
        return
    doms = json.loads(h.unescape(m.group(1)))
    if len(doms) != len(files):
        fail("%d frames dumped, %d files" % (len(doms), len(files)))
    for p, d in zip(files, doms):
        if d is None:
            fail("no DOM for %s" % p)
            continue
        with open(p + ".dom", "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html>\n" + d)


def main():
    a = sys.argv[1:]
    mode = a.pop(0)
    opts = {}
    if "--need-rows" in a:
        a.remove("--need-rows")
        opts["rows"] = True
    if "--need-payloads" in a:
        k = a.index("--need-payloads")
        opts["payloads"] = json.load(open(a[k + 1], encoding="utf-8"))[
            "payloads"]
        del a[k:k + 2]
    cell_markup = "--cell-markup" in a
    if cell_markup:
        a.remove("--cell-markup")
    if mode == "markup":
        cmd_markup(a[0], a[1], cell_markup)
    elif mode == "text":
        cmd_text(a[0], a[1], a[2:], opts)
    elif mode == "atom":
        cmd_atom(a[0], a[1], a[2:], opts)
    elif mode == "reader":
        cmd_reader(a[0], a[1], a[2])
    elif mode == "literal":
        cmd_literal(a[0], a[1])
    elif mode == "csv":
        cmd_csv(a[0], a[1], "--raw" in a)
    elif mode == "harness":
        cmd_harness(a[0], a[1:])
    elif mode == "unpack":
        cmd_unpack(a[0], a[1:])
    elif mode == "cells":
        cmd_cells(a[0], a[1])
    elif mode == "markdown":
        cmd_markdown(a[0], a[1], a[3] if len(a) > 3 and a[2] == "--labels"
                     else None, cell_markup)
    else:
        sys.exit("unknown mode " + mode)
    for p in problems[:15]:
        print(p)
    if len(problems) > 15:
        print("... and %d more" % (len(problems) - 15))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
