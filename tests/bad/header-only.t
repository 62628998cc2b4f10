what: a Markdown table with a header and delimiter row but no rows
input: header-only.md
args: -f csv
exit: 0
lines: 0
out: ^api,permission,display_name,qualifier,type,purpose,last_update,last_update_text.$
$
