what: an HTML <table></table> with nothing in it is no table
input: empty-table-html.html
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
