what: a page whose only tables are chrome (layout, a feedback widget, a note box, a hidden table) has no table
input: chrome-only.html
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
