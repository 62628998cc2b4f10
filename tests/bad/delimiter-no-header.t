what: a delimiter row with no header row above it is no table
input: delimiter-no-header.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
