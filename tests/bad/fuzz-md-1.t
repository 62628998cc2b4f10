what: fuzz_md crasher: a lone CR inside a table row made cmark-gfm's line numbers run past the reader's lines (SEGV in S_trim)
input: fuzz-md-1.md
args: -f csv
exit: 0
lines: 10
out: ^Microsoft Graph,User\.ReadWrite\.All,
