what: UTF-16BE HTML with a BOM and <meta charset="utf-16">: decoded once
input: utf16be-bom-meta-utf16.html
args: -f csv
exit: 0
lines: 0
out: ^Graph,Café\.Read,
