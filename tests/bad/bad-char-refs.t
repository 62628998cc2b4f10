what: character references to NUL, a surrogate and past U+10FFFF
input: bad-char-refs.html
args: -f csv
exit: 0
lines: 1
