what: UTF-8 encoded surrogates and an overlong slash are invalid too
input: surrogates-utf8.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:3: warning: invalid UTF-8
lines: 1
out: ^a���,b��,
