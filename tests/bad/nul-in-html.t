what: NUL bytes inside an HTML cell are read as white space
input: nul-in-html.html
args: -f csv
exit: 0
lines: 1
out: ^Graph,Read All,
