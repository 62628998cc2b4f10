what: a code-hosting site's file listing (Name, Last commit message, Last commit date) is not a table of the page
input: file-listing-only.html
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
