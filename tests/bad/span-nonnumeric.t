what: non-numeric spans ("abc", "", "2x", huge) count as 1 or what their digits say
input: span-nonnumeric.html
args: -f csv
exit: 0
lines: 1
