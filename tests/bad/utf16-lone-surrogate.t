what: UTF-16LE with a lone high surrogate first: warning, then no table
input: utf16-lone-surrogate.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 2
noout: yes
