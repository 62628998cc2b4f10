what: 10,000 nested tags inside a cell
input: nested-tags-10k.html
args: -f csv
exit: 0
lines: 0
out: ^a,deep,
big: yes
