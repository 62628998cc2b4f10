what: 200 KB of /bin/ls: one line, not a text page (was 375 warnings, then no table)
input: ls.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: not a text page$
lines: 1
noout: yes
