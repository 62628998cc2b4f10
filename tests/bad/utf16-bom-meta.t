what: UTF-16LE HTML with a BOM and <meta charset="windows-1252">: the BOM wins
input: utf16-bom-meta.html
args: -f csv
exit: 0
lines: 0
out: ^Graph,Café\.Read,
