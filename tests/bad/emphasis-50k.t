what: 50,000 unmatched emphasis openers in a cell
input: emphasis-50k.md
args: -f csv
exit: 0
lines: 0
out: ^a,
big: yes
