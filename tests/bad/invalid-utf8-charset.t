what: invalid UTF-8 in HTML that declares UTF-8: replaced by U+FFFD, with a warning
input: invalid-utf8-charset.html
args: -f csv
exit: 0
err: ^tablog: @FILE@:1: warning: invalid UTF-8 replaced by U\+FFFD$
lines: 1
out: ^Gr�aph,Read,
