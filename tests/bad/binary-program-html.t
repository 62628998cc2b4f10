what: 200 KB of /bin/ls forced to HTML: one line, not a text page
input: ls.html
args: -f csv --from html
exit: 2
err: ^tablog: @FILE@: error: not a text page$
lines: 1
noout: yes
