what: an HTML table inside a comment is not a table
input: html-comment-table.html
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
