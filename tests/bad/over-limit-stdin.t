what: standard input over --max-input-size: refused once the limit is passed
input: -
args: -f csv --max-input-size 1K
exit: 2
err: ^tablog: -: error: input larger than the limit of 1024 bytes
lines: 1
noout: yes
stdin: over-limit-stdin.md
