what: an HTML table of empty rows and blank cells (white space, &nbsp;) is no table
input: empty-rows.html
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
