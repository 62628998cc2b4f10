what: 100,000 pipes on one line after a table: that line is not read as a row
input: pipes-100k.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:4: warning: line has more than [0-9]+ '\|'; not read as a table row$
lines: 1
out: ^a,b,
big: yes
