what: a table inside 10,000 nested <div>s
input: nested-divs-10k.html
args: -f csv
exit: 0
lines: 0
out: ^a,b,
big: yes
