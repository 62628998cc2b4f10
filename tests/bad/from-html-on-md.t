what: a Markdown page read with --from html has no table
input: from-html-on-md.md
args: -f csv --from html
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
