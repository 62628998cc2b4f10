#!/bin/sh
# tests/history/mkrepo.sh REPO - the repository tests/history.sh reads:
# the versions v1.md ... v5.md of one page committed with fixed dates,
# authors and messages, so that every commit id is the same on every run.
#
#   C1 2024-01-03T10:00+01:00  perms.md = v1 (3 rows)
#   C2 2024-02-01T09:30Z       perms.md = v2 (Sites.Read.All added; the
#                              purpose of User.Read changed, its date not)
#   C3 2024-02-20T08:00Z       renamed docs/contoso.md = v4 (Files.Read.All
#                              removed)
#   C4 2024-03-01T08:00Z       other.md only
#   C5 2024-03-10T08:00Z       docs/contoso.md = v3 (no table)
#   C6 2024-04-01T21:00-05:00  docs/contoso.md = v5 (Mail.Read's purpose
#                              and date changed)
#   C7 2024-04-20T08:00Z       renamed docs/contoso-app.md, same bytes
# and on branch `gone`, from C7:
#   C8 2024-05-01T08:00Z       docs/contoso-app.md deleted (tag deleted)
#   C9 2024-06-01T08:00Z       docs/contoso-app.md = v2 again
set -e
R=$1
H=$(cd "$(dirname "$0")" && pwd)
rm -rf "$R"
mkdir -p "$R"
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.com
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.com
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git -C "$R" init -q
git -C "$R" checkout -q -b main
git -C "$R" remote add origin https://example.com/contoso/pages.git
c() {
	GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 git -C "$R" commit -q -m "$2"
}
put() {
	mkdir -p "$R/$(dirname "$2")"
	cp "$H/$1" "$R/$2"
	git -C "$R" add "$2"
}
put v1.md perms.md
c 2024-01-03T10:00:00+01:00 "first"
put v2.md perms.md
c 2024-02-01T09:30:00Z "add Sites.Read.All"
mkdir "$R/docs"
git -C "$R" mv perms.md docs/contoso.md
put v4.md docs/contoso.md
c 2024-02-20T08:00:00Z "move; drop Files.Read.All"
echo other >"$R/other.md"
git -C "$R" add other.md
c 2024-03-01T08:00:00Z "unrelated"
put v3.md docs/contoso.md
c 2024-03-10T08:00:00Z "broken"
put v5.md docs/contoso.md
c 2024-04-01T21:00:00-05:00 "Mail.Read"
git -C "$R" mv docs/contoso.md docs/contoso-app.md
c 2024-04-20T08:00:00Z "rename only"
git -C "$R" checkout -q -b gone
git -C "$R" rm -q docs/contoso-app.md
c 2024-05-01T08:00:00Z "delete"
git -C "$R" tag deleted
put v2.md docs/contoso-app.md
c 2024-06-01T08:00:00Z "back"
git -C "$R" checkout -q main
