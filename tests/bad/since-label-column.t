what: build --since a previous all.json whose label_column is past its (no) columns
input: prev
args: build -q -o out in --since
exit: 2
err: ^tablog: @FILE@/all.json: error: not a usable tablog all.json: pages\[0\]\.tables\[0\]: "label_column" is 5, past the table's 0 columns$
lines: 1
noout: yes
