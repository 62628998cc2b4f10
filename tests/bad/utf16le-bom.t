what: UTF-16LE with a byte-order mark is read as UTF-8
input: utf16le-bom.md
args: -f csv
exit: 0
lines: 0
out: ^Graph,Café\.Read,
