what: a Markdown table inside a fenced code block is not a table
input: code-fence.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
