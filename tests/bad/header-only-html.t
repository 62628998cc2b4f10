what: an HTML table with a header row only
input: header-only-html.html
args: -f csv
exit: 0
lines: 0
out: ^api,permission,display_name
