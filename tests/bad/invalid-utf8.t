what: invalid UTF-8 (a lone continuation byte, a truncated sequence) in Markdown
input: invalid-utf8.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:3: warning: invalid UTF-8 replaced by U\+FFFD$
lines: 1
out: ^Gr�aph,Read(�)+,
