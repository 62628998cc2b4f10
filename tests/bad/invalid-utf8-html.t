what: bytes that are not UTF-8 in HTML without a charset: read as windows-1252, with a warning
input: invalid-utf8-html.html
args: -f csv
exit: 0
err: ^tablog: @FILE@:1: warning: not UTF-8 and no charset declared: reading as windows-1252$
lines: 1
out: ^Grÿaph,Read,
