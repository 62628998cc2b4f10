what: --table past the last table
input: no-table-number.md
args: -f csv --table 7
exit: 2
err: ^tablog: @FILE@: error: no table 7 \(the page has 1\)$
lines: 1
noout: yes
