what: a file that does not exist
input: missing.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: cannot open: No such file or directory$
lines: 1
noout: yes
