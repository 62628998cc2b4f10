what: a file that cannot be opened (as root: through tests/shim/failio.c)
input: unreadable.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: cannot open: Permission denied$
lines: 1
noout: yes
preload: open
