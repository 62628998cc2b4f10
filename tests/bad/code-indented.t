what: a Markdown table in an indented code block is not a table
input: code-indented.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
