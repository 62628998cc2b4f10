what: 10,000 dates in one cell: the latest wins
input: dates-10k.md
args: -f csv
exit: 0
lines: 0
out: ,2031-05,"December 2000, May 2001, .*, May 2015,".$
$
big: yes
