what: an HTML comment that never ends swallows the rest, not the table before it
input: unterminated-comment.html
args: -f csv
exit: 0
lines: 1
out: ^a,b,
