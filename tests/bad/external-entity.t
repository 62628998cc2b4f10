what: an external entity naming /etc/passwd is never read
input: external-entity.html
args: -f csv
exit: 0
lines: 0
out: ^a,&x;,
