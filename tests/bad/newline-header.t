what: a header with a line break and escapes: one-line diagnostics only
input: newline-header.html
args: -f csv
exit: 0
lines: 1
