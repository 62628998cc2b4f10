what: ragged HTML rows: too few and too many cells
input: ragged-html.html
args: -f csv
exit: 0
lines: 2
out: ^x,y,
