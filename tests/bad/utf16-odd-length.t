what: UTF-16LE cut after an odd byte: the rest is ignored, with a warning
input: utf16-odd-length.md
args: -f csv
exit: 0
err: ^tablog: @FILE@: warning: invalid UTF-16LE at byte [0-9]+; the rest is ignored$
lines: 1
out: ^Graph,Files\.Read,
