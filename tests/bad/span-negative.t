what: negative rowspan and colspan count as 1
input: span-negative.html
args: -f csv
exit: 0
lines: 0
out: ^a,b,
