what: a folder given as FILE
input: directory.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: is a folder, not a page$
lines: 1
noout: yes
