what: build --since a previous all.json that is not JSON, with escapes where it stops
input: prev
args: build -q -o out in --since
exit: 2
err: ^tablog: @FILE@/all.json: error: not a usable tablog all.json: not valid JSON at line 1, column [0-9]+: 
lines: 1
noout: yes
