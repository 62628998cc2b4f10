what: binary garbage (a gzip stream, a NUL in 30 bytes): one warning for its invalid UTF-8, then no table
input: binary.md
args: -f csv
exit: 2
err: ^tablog: @FILE@:1: warning: [0-9]+ lines with invalid UTF-8 \(first at line 1\), replaced by U\+FFFD$
lines: 2
noout: yes
