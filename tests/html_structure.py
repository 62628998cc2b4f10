"""Check the structure of tablog's HTML page for the model page.

usage: html_structure.py PAGE.html
Parses the page with the standard library's html.parser and checks what
a person reading it would: the title and heading, the breadcrumb, the
header row, 23 body rows of 5 cells, dates shown as "December 2023",
and text that was escaped in the source reading back as the original.
Prints one line per failed check; exit 1 if any failed.
"""
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.title, self.h1 = [], "", ""
        self.crumbs, self.headers, self.rows = [], [], []
        self.text = None

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag in ("title", "h1", "li", "th", "td"):
            self.text = ""
        if tag == "tr" and "tbody" in self.stack:
            self.rows.append([])
        if tag == "br" and self.text is not None:
            self.text += "\n"

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass
        if tag == "title":
            self.title = self.text
        elif tag == "h1":
            self.h1 = self.text
        elif tag == "li" and "nav" in self.stack:
            self.crumbs.append(self.text)
        elif tag == "th":
            self.headers.append(self.text)
        elif tag == "td" and self.rows:
            self.rows[-1].append(self.text)
        if tag in ("title", "h1", "li", "th", "td"):
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def main():
    raw = open(sys.argv[1], encoding="utf-8").read()
    p = Page()
    p.feed(raw)
    failed = []

    def check(what, ok):
        if not ok:
            failed.append(what)

    check("title", p.title == "Cloud Backup for Azure")
    check("h1", p.h1 == "Cloud Backup for Azure")
    check("breadcrumb of 6 starting Home",
          len(p.crumbs) == 6 and p.crumbs[0] == "Home")
    check("header row", p.headers == ["API", "Permission", "Type", "Purpose",
                                      "Last update"])
    check("23 body rows", len(p.rows) == 23)
    check("5 cells a row", all(len(r) == 5 for r in p.rows))
    audit = [r for r in p.rows if r[1].startswith("AuditLog.Read.All")]
    check("dated cell shown as a month", audit and audit[0][4] == "December 2023")
    policy = [r for r in p.rows if r[1].startswith("Policy.Read.All")]
    check("apostrophe escaped in the source, text intact",
          "organization&#39;s policies" in raw and policy and
          policy[0][1] == "Policy.Read.All (Read your organization's policies)")
    check("undated rows have an empty date cell",
          sum(1 for r in p.rows if r[4] == "") == 8)
    for f in failed:
        print("FAIL html structure:", f)
    return 1 if failed else 0


sys.exit(main())
