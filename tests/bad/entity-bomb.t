what: an HTML DOCTYPE defining nested entities (billion laughs): not expanded
input: entity-bomb.html
args: -f csv
exit: 0
lines: 0
out: ^a,&d;&d;&d;,
