what: an unterminated comment inside a cell
input: unterminated-comment-cell.html
args: -f csv
exit: 0
lines: 1
