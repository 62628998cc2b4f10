what: a Markdown page whose table follows an unterminated HTML comment: no table
input: unterminated-comment-md.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
