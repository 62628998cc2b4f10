what: <table></table> alone is no table
input: empty-table.html
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
