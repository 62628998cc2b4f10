what: NUL bytes inside a Markdown cell: replaced by U+FFFD, one warning
input: nul-in-cell.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:3: warning: invalid UTF-8 replaced by U\+FFFD$
lines: 1
out: ^Graph,Read�All,
