what: rowspan="100000" on a table of two rows: the span stops at the table
input: rowspan-100k.html
args: -f csv
exit: 0
lines: 0
out: ^a,c,
