what: 10,000 nested Markdown block quotes before a table
input: nested-quotes-md.md
args: -f csv
exit: 0
lines: 0
out: ^a,b,
big: yes
