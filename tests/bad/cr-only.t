what: old Mac line ends (CR only)
input: cr-only.md
args: -f csv
exit: 0
lines: 0
out: ^a,b,
