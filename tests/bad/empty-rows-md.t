what: a Markdown table whose header and rows are all blank is no table
input: empty-rows.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
