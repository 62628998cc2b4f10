what: terminal escapes in a cell never reach a diagnostic raw
input: control-chars.md
args: -f csv
exit: 0
err: ^tablog: @FILE@:3: warning: unrecognised date '.*red.*title soon'$
lines: 1
