what: UTF-16BE HTML with a byte-order mark
input: utf16be-bom.html
args: -f csv
exit: 0
lines: 0
out: ^Graph,Files\.Read,
