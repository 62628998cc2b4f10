what: 300 lines of invalid UTF-8 in Markdown: one warning that counts them
input: many.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:2: warning: 300 lines with invalid UTF-8 \(first at line 2\), replaced by U\+FFFD$
lines: 1
out: ^Graph,Files\.Read,
