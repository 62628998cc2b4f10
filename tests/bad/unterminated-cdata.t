what: an unterminated CDATA section inside a cell
input: unterminated-cdata.html
args: -f csv
exit: 0
lines: 1
out: ^a,b
