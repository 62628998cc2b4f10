what: 100,000 HTML columns: cut at the column limit with one warning
input: columns-100k-html.html
args: -f csv
exit: 0
err: ^tablog: @FILE@:1: warning: table row wider than 10000 columns: extra cells dropped$
lines: 1
out: ^a,p,,,,,,,c2,c3,
big: yes
