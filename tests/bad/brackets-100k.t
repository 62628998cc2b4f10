what: 100,000 open brackets in a cell (a pathological case for inline parsers)
input: brackets-100k.md
args: -f csv
exit: 0
lines: 0
out: ^a,\[\[\[\[
big: yes
