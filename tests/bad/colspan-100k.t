what: colspan="100000": the span stops at the table's width
input: colspan-100k.html
args: -f csv
exit: 0
lines: 1
out: ^a,a,
