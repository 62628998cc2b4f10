what: a 1 GB sparse file: refused by its size before any of it is read
input: sparse-1g.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: input larger than the limit of 268435456 bytes \(see --max-input-size\)$
lines: 1
noout: yes
ulimit: 65536
