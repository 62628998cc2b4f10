what: only white space (spaces, tabs, CR, LF)
input: whitespace.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
