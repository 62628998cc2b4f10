#!/usr/bin/env python3
# tests/history/check_json.py FILE C1 ... C7 - the `history -f json`
# document of tests/history/mkrepo.sh's repository (HEAD, the page
# docs/contoso-app.md), checked against what a person worked out from the
# commits (mkrepo.sh says what each did).  C1..C7 are the full commit ids.
# Prints one line per difference; exit status 1 if any.
import json
import sys

doc = json.load(open(sys.argv[1]))
C = [None] + sys.argv[2:]
bad = []


def want(what, got, expected):
    if got != expected:
        bad.append(f"{what}: got {got!r}, want {expected!r}")


want("keys", list(doc), ["version", "repository", "page", "changes", "pages"])
want("version", doc["version"], 1)
want("repository", doc["repository"], "https://example.com/contoso/pages.git")
want("page", doc["page"], "docs/contoso-app.md")

# Versions, oldest first: (commit, date, time, path, renamed_from, state, rows)
versions = [
    (C[1], "2024-01-03", "2024-01-03T10:00:00+01:00", "perms.md", None, "read", 3),
    (C[2], "2024-02-01", "2024-02-01T09:30:00Z", "perms.md", None, "read", 4),
    (C[3], "2024-02-20", "2024-02-20T08:00:00Z", "docs/contoso.md", "perms.md", "read", 3),
    (C[5], "2024-03-10", "2024-03-10T08:00:00Z", "docs/contoso.md", None, "skipped", None),
    (C[6], "2024-04-01", "2024-04-01T21:00:00-05:00", "docs/contoso.md", None, "read", 3),
    (C[7], "2024-04-20", "2024-04-20T08:00:00Z", "docs/contoso-app.md", "docs/contoso.md", "same", 3),
]
want("pages", len(doc["pages"]), 1)
page = doc["pages"][0]
want("pages[0].page", page["page"], "docs/contoso-app.md")
want("pages[0].title", page["title"], "Contoso app")
got = [(v["commit"], v["date"], v["time"], v["path"], v.get("renamed_from"),
        v["state"], v["rows"]) for v in page["versions"]]
want("versions", got, versions)

# Changes, newest first; a version's own in the diff's order.
changes = [
    ("changed", C[6], "2024-04-01", {"permission": "Mail.Read", "type": "Application"},
     {"purpose": "Read mail in every mailbox", "last_update": "2023-12"},
     {"purpose": "Read mail in all mailboxes", "last_update": "2024-04"}, False),
    ("removed", C[3], "2024-02-20", {"permission": "Files.Read.All", "type": "Application"},
     None, None, False),
    ("added", C[2], "2024-02-01", {"permission": "Sites.Read.All", "type": "Application"},
     None, None, False),
    ("changed", C[2], "2024-02-01", {"permission": "User.Read", "type": "Delegated"},
     {"purpose": "Sign in and read the user's profile"},
     {"purpose": "Sign in and read user profiles"}, True),
    ("page_added", C[1], "2024-01-03", None, None, None, False),
]
got = [(c["kind"], c["commit"], c["date"], c.get("key"), c.get("before"),
        c.get("after"), c["changed_without_date_update"]) for c in doc["changes"]]
want("changes", got, changes)
for c in doc["changes"]:
    want("change page", c["page"], "docs/contoso-app.md")
first = doc["changes"][-1]
want("first version", (first["title"], first["slug"], first["rows"]),
     ("Contoso app", "contoso-app", 3))
added = doc["changes"][2]
want("added row", (added["row"]["permission"], added["row"]["purpose"],
                   added["row"]["last_update"], added["lines"]),
     ("Sites.Read.All", "Read items in all site collections", "2024-02",
      {"before": None, "after": 8}))
# The page's heading is the nearest above its one table: its section.
want("table", added["table"], {"index": 0, "section": "Contoso app"})

# The current page: as -f json writes a page, rows with their history.
cur = page["current"]
want("current keys", list(cur), ["generator", "page", "tables", "changelog", "timeline", "links", "feed"])
want("current source", cur["page"]["source"], "docs/contoso.md")
rows = [(r["permission"], r["last_update"], r["first_seen"], r["last_changed"],
         r["changed_without_date_update"]) for r in cur["tables"][0]["rows"]]
want("current rows", rows, [
    ("User.Read", "2023-12", "2024-01-03", "2024-02-01", True),
    ("Mail.Read", "2024-04", "2024-01-03", "2024-04-01", False),
    ("Sites.Read.All", "2024-02", "2024-02-01", "2024-02-01", False),
])
r = cur["tables"][0]["rows"][0]
want("row members", list(r), [
    "line", "api", "permission", "display_name", "qualifier", "type", "purpose",
    "last_update", "last_update_text", "type_text", "type_qualifier",
    "higher_privileged", "supported", "last_update_label", "first_seen",
    "last_changed", "changed_without_date_update", "label", "section", "anchor",
    "cells"])

for b in bad:
    print("FAIL history json:", b)
sys.exit(1 if bad else 0)
