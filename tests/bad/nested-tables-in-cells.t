what: tables opened inside open cells, twelve deep: each cell's text keeps going after the table inside it (its state must not move)
input: nested-tables-in-cells.html
args: -f csv
exit: 0
lines: 0
