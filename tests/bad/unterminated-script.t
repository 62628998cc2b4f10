what: an unterminated <script> inside a cell
input: unterminated-script.html
args: -f csv
exit: 0
lines: 1
out: ^a,b
