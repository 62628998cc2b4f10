#!/usr/bin/python3
"""tests/xlsx/check.py - the checks behind tests/xlsx.sh.

Each subcommand exits 0 when the check holds, 1 with the reasons on
standard error when it does not, 77 when openpyxl is missing (the caller
prints SKIP).  openpyxl is Debian's python3-openpyxl; it decodes the
_xHHHH_ escapes of strings as Excel does.

  book FILE.xlsx FILE.json    the workbook of a page holds what its JSON
                              says: a sheet per table (named by its
                              section, else "Table N") then
                              Changelog; header frozen, autofilter over
                              every row, widths set; every cell a string,
                              a date or a number, never a formula; fields,
                              extra columns, dates (date cells, first of
                              the month for month dates, shown mmm yyyy)
                              and the Changelog in the changelog's order;
                              title, creation time and generator
  site FILE.xlsx ALL.json     the same for a site's all.xlsx: Rows (every
                              row, page_title, page and table first) and
                              Changelog (by month, then page)
  count FILE.xlsx SHEET ROWS DATES FREEZE FILTER
                              the sheet has ROWS data rows and DATES date
                              cells, its frozen pane is FREEZE, its
                              autofilter FILTER (the issue's done-when)
  names FILE.json             print the sheet names a page's workbook
                              must have, one a line
  links FILE.xlsx SHEET CELL=URL ...
                              those cells, and no others, are hyperlinks,
                              to those URLs (CELL=- : none there)
  lo RAW.csv SHEET.csv ...    LibreOffice's CSV of the sheets (one file
                              each, in order) holds the cells of tablog's
                              own CSV (--csv-raw), cell by cell: columns
                              by name, the date as the sheet shows it
                              ("Dec 2023", "5 Dec 2023"), last_update_
                              precision saying which
  cell FILE.xlsx SHEET CELL LENGTH
                              the string in CELL is LENGTH characters
"""

import csv
import datetime
import json
import re
import sys
import zipfile

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    sys.stderr.write("openpyxl is not installed (python3-openpyxl)\n")
    sys.exit(77)

FIELDS = ["api", "permission", "display_name", "qualifier", "type",
          "purpose", "last_update", "last_update_precision",
          "last_update_text"]
TEXT_FIELDS = FIELDS[:6]
# The vendors' shape columns, after the fields, each only where a row has
# a value for it (as in CSV); type_text is no column (the type is folded).
SHAPES = ["type_qualifier", "higher_privileged", "supported"]
NOT_COLUMNS = ["type_text"]


def shape_value(row, name):
    """A row's value in a shape column as CSV and the xlsx write it."""
    v = row.get(name)
    if name == "higher_privileged":
        return ", ".join(v) if v is not None else None
    if name == "supported":
        return "true" if v is not False else "false"
    return v


def shapes_of(rows):
    """The shape columns the rows have values for, in order."""
    return [n for n in SHAPES if any(
        (r.get("supported") is False) if n == "supported" else
        r.get(n) is not None for r in rows)]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]
problems = []


def fail(msg):
    problems.append(msg)


def done(ok_msg):
    if problems:
        for p in problems[:30]:
            sys.stderr.write(p + "\n")
        if len(problems) > 30:
            sys.stderr.write("... and %d more\n" % (len(problems) - 30))
        sys.exit(1)
    print(ok_msg)
    sys.exit(0)


def load(path):
    return openpyxl.load_workbook(path)


def iso_date(iso):
    """The date cell an ISO last_update gives: the day, or the 1st."""
    parts = [int(p) for p in iso.split("-")]
    return datetime.datetime(parts[0], parts[1],
                             parts[2] if len(parts) == 3 else 1)


def check_sheet_shape(ws, header, nrows):
    """Header, frozen pane, autofilter, widths; no formula anywhere."""
    got = [c.value for c in ws[1]]
    if got != header:
        fail("%s: header %r, expected %r" % (ws.title, got, header))
    if ws.freeze_panes != "A2":
        fail("%s: frozen pane %r, expected A2" % (ws.title, ws.freeze_panes))
    want = "A1:%s%d" % (get_column_letter(len(header)), nrows + 1)
    if ws.auto_filter.ref != want:
        fail("%s: autofilter %r, expected %s" % (ws.title,
                                                 ws.auto_filter.ref, want))
    if ws.max_row != nrows + 1:
        fail("%s: %d rows, expected %d" % (ws.title, ws.max_row - 1, nrows))
    for i in range(1, len(header) + 1):
        width = ws.column_dimensions[get_column_letter(i)].width
        if not 6 <= width <= 63:
            fail("%s: column %d is %r wide" % (ws.title, i, width))
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f" or (isinstance(c.value, str) and
                                      c.data_type not in ("s", "inlineStr")):
                fail("%s!%s: a formula or not a string: %r (%s)"
                     % (ws.title, c.coordinate, c.value, c.data_type))
            if c.hyperlink is not None:
                t = c.hyperlink.target or ""
                if not re.match(r"(?i)(https?://|mailto:)", t):
                    fail("%s!%s: link to %r" % (ws.title, c.coordinate, t))
                if not isinstance(c.value, str) or c.value == "":
                    fail("%s!%s: a link without text" % (ws.title,
                                                         c.coordinate))


def check_row(ws, r, row, extras, where, shapes=()):
    """Sheet row r (1-based) holds JSON row `row` from column `where`:
    the fields, the shape columns `shapes`, then the extra columns."""
    def cell(k):
        return ws.cell(r, where + k)

    for k, name in enumerate(TEXT_FIELDS):
        got, want = cell(k).value, row.get(name)
        if (got or None) != (want or None):
            fail("%s!%s %s: %r, JSON %r" % (ws.title, cell(k).coordinate,
                                            name, got, want))
    date, prec, text = cell(6), cell(7), cell(8)
    iso = row.get("last_update")
    if iso:
        precision = "day" if len(iso) == 10 else "month"
        fmt = "d mmm yyyy" if precision == "day" else "mmm yyyy"
        if not isinstance(date.value, datetime.datetime):
            fail("%s!%s: %r is not a date cell" % (ws.title,
                                                   date.coordinate, date.value))
        elif date.value != iso_date(iso):
            fail("%s!%s: %r, JSON %s" % (ws.title, date.coordinate,
                                         date.value, iso))
        if date.number_format != fmt:
            fail("%s!%s: shown %r, expected %r" % (ws.title, date.coordinate,
                                                   date.number_format, fmt))
        if prec.value != precision:
            fail("%s!%s: precision %r, expected %s" % (ws.title,
                                                       prec.coordinate,
                                                       prec.value, precision))
    elif date.value is not None or prec.value is not None:
        fail("%s!%s: a date where JSON has none" % (ws.title,
                                                    date.coordinate))
    if (text.value or None) != (row.get("last_update_text") or None):
        fail("%s!%s: last_update_text %r, JSON %r" % (
            ws.title, text.coordinate, text.value,
            row.get("last_update_text")))
    for k, name in enumerate(shapes):
        c = ws.cell(r, where + len(FIELDS) + k)
        want = shape_value(row, name)
        if (c.value or None) != (want or None):
            fail("%s!%s %s: %r, JSON %r" % (ws.title, c.coordinate, name,
                                            c.value, want))
    for k, key in enumerate(extras):
        c = ws.cell(r, where + len(FIELDS) + len(shapes) + k)
        want = row.get(key)
        if (c.value or None) != (want or None):
            fail("%s!%s %s: %r, JSON %r" % (ws.title, c.coordinate, key,
                                            c.value, want))


def check_properties(path, wb, title, rows):
    if title is not None and wb.properties.title != title[:255]:
        fail("title %r, expected %r" % (wb.properties.title, title))
    dates = [iso_date(r["last_update"]) for r in rows if r.get("last_update")]
    want = max(dates) if dates else datetime.datetime(1980, 1, 1)
    if wb.properties.created != want:
        fail("created %r, expected %r (the newest row date)"
             % (wb.properties.created, want))
    try:
        custom = zipfile.ZipFile(path).read("docProps/custom.xml").decode()
    except KeyError:
        custom = ""
    if not re.search(r'name="generator".*<vt:lpwstr>tablog \d+\.\d+\.\d+<',
                     custom, re.S):
        fail("no generator property: %s" % custom[:200])


def check_changelog(ws, entries, lead, lead_header):
    """The Changelog sheet: month, label, the row's place, the fields."""
    header = ["month", "label"] + lead_header + FIELDS
    check_sheet_shape(ws, header, len(entries))
    for i, (month, row, place) in enumerate(entries):
        r = i + 2
        got = ws.cell(r, 1).value
        want = iso_date(month) if month else None
        if got != want:
            fail("Changelog!A%d: month %r, expected %r" % (r, got, want))
        if month and ws.cell(r, 1).number_format != "mmm yyyy":
            fail("Changelog!A%d: shown %r" % (r, ws.cell(r, 1).number_format))
        if ws.cell(r, 2).value != row["label"]:
            fail("Changelog!B%d: label %r, expected %r"
                 % (r, ws.cell(r, 2).value, row["label"]))
        for k, v in enumerate(place):
            if ws.cell(r, 3 + k).value != v:
                fail("Changelog!%s%d: %r, expected %r"
                     % (get_column_letter(3 + k), r, ws.cell(r, 3 + k).value,
                        v))
        check_row(ws, r, row, [], 3 + lead)


def utf16_cut(s, units):
    """The longest start of s that is at most `units` UTF-16 units."""
    out, used = "", 0
    for ch in s:
        used += 2 if ord(ch) >= 0x10000 else 1
        if used > units:
            break
        out += ch
    return out


def sheet_names(tables):
    """Excel's rules for the sheets of a page: a table's section, else
    "Table N"; none of []:*?/\\ or control characters (each a space,
    runs of spaces one); no apostrophe or space at either end; at most 31
    UTF-16 units; unique without regard to ASCII case, "History" being
    Excel's own; a taken name gets " (2)", " (3)"... within the 31."""
    taken = {"history", "changelog"}
    names = []
    for t, tab in enumerate(tables):
        want = tab.get("section") or ""
        want = re.sub(r"_x[0-9A-Fa-f]{4}_", lambda m: " " + m.group(0)[1:],
                      want)
        want = re.sub(r"[\[\]:*?/\\\x00-\x1f]", " ", want)
        want = re.sub(r" +", " ", want).strip(" '")
        if not want:
            want = "Table %d" % (t + 1)
        name = utf16_cut(want, 31).strip(" '")
        k = 2
        while not name or name.lower() in taken:
            suffix = " (%d)" % k
            name = utf16_cut(want, 31 - len(suffix)).strip(" '") + suffix
            k += 1
        taken.add(name.lower())
        names.append(name)
    return names + ["Changelog"]


def cmd_book(path, jpath):
    wb = load(path)
    doc = json.load(open(jpath, encoding="utf-8"))
    tables = doc["tables"]
    names = sheet_names(tables)
    if wb.sheetnames != names:
        fail("sheets %r, expected %r" % (wb.sheetnames, names))
        done("")
    for t, tab in enumerate(tables):
        ws = wb[names[t]]
        extras = [c["field"] for c in tab["columns"]
                  if c["field"] not in FIELDS + SHAPES + NOT_COLUMNS]
        shapes = shapes_of(tab["rows"])
        check_sheet_shape(ws, FIELDS + shapes + extras, len(tab["rows"]))
        for i, row in enumerate(tab["rows"]):
            check_row(ws, i + 2, row, extras, 1, shapes)
    # The Changelog: the JSON's groups, in order; each row's sheet.
    sheet_of = {}
    for t, tab in enumerate(tables):
        for row in tab["rows"]:
            sheet_of[(row["line"], row["label"])] = names[t]
    entries = [(g["month"], row, [sheet_of[(row["line"], row["label"])]])
               for g in doc["changelog"] for row in g["entries"]]
    check_changelog(wb["Changelog"], entries, 1, ["sheet"])
    check_properties(path, wb, doc["page"]["title"],
                     [r for t in tables for r in t["rows"]])
    done("%d sheets, %d rows, as the JSON says" % (
        len(names), sum(len(t["rows"]) for t in tables)))


def cmd_site(path, jpath):
    wb = load(path)
    doc = json.load(open(jpath, encoding="utf-8"))
    if wb.sheetnames != ["Rows", "Changelog"]:
        fail("sheets %r" % wb.sheetnames)
        done("")
    titles = {p["slug"]: p["title"] for p in doc["pages"]}
    rows = doc["rows"]
    extras = []
    for r in rows:
        for k in r:
            if k not in FIELDS and k not in extras and k not in (
                    "page", "table", "line", "label", "last_update_label",
                    "section", "anchor", "cells") and k not in SHAPES + NOT_COLUMNS:
                extras.append(k)
    shapes = shapes_of(rows)
    ws = wb["Rows"]
    check_sheet_shape(ws, ["page_title", "page", "table"] + FIELDS + shapes +
                      extras, len(rows))
    for i, row in enumerate(rows):
        want = [titles[row["page"]], row["page"], row["table"] + 1]
        got = [ws.cell(i + 2, k).value for k in (1, 2, 3)]
        if got != want:
            fail("Rows row %d: %r, expected %r" % (i + 2, got, want))
        check_row(ws, i + 2, row, extras, 4, shapes)
    # By month, newest first, Undated last; then by page; then page order.
    pages = [p["slug"] for p in doc["pages"]]
    keyed = []
    for n, row in enumerate(rows):
        month = row["last_update"][:7] if row.get("last_update") else None
        order = (1, "") if month is None else (0, "".join(
            chr(0x7f - ord(c)) for c in month))
        keyed.append((order, pages.index(row["page"]), n, month, row))
    keyed.sort(key=lambda k: k[:3])
    entries = [(month, row, [titles[row["page"]], row["page"],
                             row["table"] + 1])
               for _, _, _, month, row in keyed]
    check_changelog(wb["Changelog"], entries, 3, ["page_title", "page",
                                                  "table"])
    check_properties(path, wb, None, rows)
    done("Rows and Changelog: %d rows of %d pages, as all.json says"
         % (len(rows), len(pages)))


def cmd_count(path, sheet, nrows, ndates, freeze, filt):
    ws = load(path)[sheet]
    rows = ws.max_row - 1
    dates = sum(1 for row in ws.iter_rows(min_row=2) for c in row
                if isinstance(c.value, datetime.datetime))
    got = (rows, dates, ws.freeze_panes, ws.auto_filter.ref)
    want = (int(nrows), int(ndates), freeze, filt)
    if got != want:
        fail("%s: rows, date cells, frozen pane, filter %r; expected %r"
             % (sheet, got, want))
    done("%s: %d data rows, %d date cells, frozen at %s, filter %s"
         % ((sheet,) + got))


def cmd_links(path, sheet, specs):
    ws = load(path)[sheet]
    want = {}
    for s in specs:
        cell, url = s.split("=", 1)
        want[cell] = None if url == "-" else url
    for row in ws.iter_rows():
        for c in row:
            link = c.hyperlink
            target = None
            if link is not None:
                target = link.target + ("#" + link.location
                                        if link.location else "")
            if c.coordinate in want:
                if target != want[c.coordinate]:
                    fail("%s!%s: link %r, expected %r (text %r)"
                         % (sheet, c.coordinate, target, want[c.coordinate],
                            c.value))
            elif target is not None:
                fail("%s!%s: an unexpected link to %r" % (sheet, c.coordinate,
                                                         target))
    done("%s: the links are %s" % (sheet, " ".join(specs)))


def cmd_cell(path, sheet, cell, length):
    v = load(path)[sheet][cell].value
    if not isinstance(v, str) or len(v) != int(length):
        fail("%s!%s: %d characters, expected %s" % (
            sheet, cell, len(v) if isinstance(v, str) else -1, length))
    done("%s!%s: %s characters" % (sheet, cell, length))


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f, strict=True))


def shown_date(iso):
    """An ISO last_update as the sheet shows it (d mmm yyyy, mmm yyyy)."""
    p = [int(x) for x in iso.split("-")]
    if len(p) == 3:
        return "%d %s %d" % (p[2], MONTHS[p[1] - 1], p[0])
    return "%s %d" % (MONTHS[p[1] - 1], p[0])


def cmd_lo(raw, sheets):
    want = read_csv(raw)
    head, body = want[0], want[1:]
    got = []
    for s in sheets:
        recs = read_csv(s)
        h = recs[0]
        for rec in recs[1:]:
            rec = rec + [""] * (len(h) - len(rec))
            got.append(dict(zip(h, rec)))
    if len(got) != len(body):
        fail("%d rows in LibreOffice's CSV, %d in tablog's" % (len(got),
                                                              len(body)))
    cells = 0
    for i, (g, w) in enumerate(zip(got, body)):
        for name, value in zip(head, w):
            if name == "last_update" and value:
                prec = "day" if len(value) == 10 else "month"
                if g.get("last_update_precision") != prec:
                    fail("row %d: precision %r, expected %s" % (
                        i + 1, g.get("last_update_precision"), prec))
                value = shown_date(value)
            if g.get(name, "") != value:
                fail("row %d %s: LibreOffice %r, tablog %r"
                     % (i + 1, name, g.get(name, ""), value))
            cells += 1
    done("%d rows, %d cells as tablog's CSV" % (len(body), cells))


def main():
    a = sys.argv[1:]
    if len(a) == 3 and a[0] == "book":
        cmd_book(a[1], a[2])
    elif len(a) == 3 and a[0] == "site":
        cmd_site(a[1], a[2])
    elif len(a) == 7 and a[0] == "count":
        cmd_count(*a[1:])
    elif len(a) >= 3 and a[0] == "links":
        cmd_links(a[1], a[2], a[3:])
    elif len(a) >= 3 and a[0] == "lo":
        cmd_lo(a[1], a[2:])
    elif len(a) == 2 and a[0] == "names":
        doc = json.load(open(a[1], encoding="utf-8"))
        print("\n".join(sheet_names(doc["tables"])))
    elif len(a) == 5 and a[0] == "cell":
        cmd_cell(*a[1:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
