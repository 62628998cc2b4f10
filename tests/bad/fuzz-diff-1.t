what: fuzz_diff finding: a paragraph that is one inline HTML tag, on a page without a table (UBSan: NULL + 0 in S_read_meta)
input: fuzz-diff-1.md
args: -f csv
exit: 2
err: ^tablog: @FILE@: error: no table found$
lines: 1
noout: yes
