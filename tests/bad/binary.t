what: binary garbage (a gzip stream): invalid UTF-8 warnings, then no table
input: binary.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 40
noout: yes
