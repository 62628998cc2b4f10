what: 100,000 Markdown columns: over the pipe limit, so no table
input: columns-100k-md.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 4
noout: yes
big: yes
