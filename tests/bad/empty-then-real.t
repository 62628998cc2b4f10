what: an empty table before the real one is not counted: --table 1 is the real one
input: empty-then-real.html
args: -f csv --table 1
exit: 0
lines: 0
out: ^Graph,Files\.Read,
