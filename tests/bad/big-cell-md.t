what: a 10 MB single Markdown cell
input: big-cell-md.md
args: -f csv
exit: 0
lines: 0
out: ^Graph,xxxxxxxxxx
big: yes
