what: a 10 MB single HTML cell
input: big-cell-html.html
args: -f csv
exit: 0
lines: 0
out: ^Graph,xxxxxxxxxx
big: yes
