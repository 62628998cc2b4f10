what: ragged Markdown rows: too few and too many cells, a warning each
input: ragged-md.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:4: warning: row has 5 cells, header has 3$
lines: 2
out: ^a,b,,,c,,
