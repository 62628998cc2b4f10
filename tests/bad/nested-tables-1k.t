what: 1,000 tables nested in each other's cells
input: nested-tables-1k.html
args: -f csv
exit: 0
lines: 0
out: ^a,
big: yes
