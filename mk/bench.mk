# mk/bench.mk - make bench: tablog against the floor (xmllint, cmark-gfm)
# and a peer (pandoc), side by side in one run; see bench/README.md.
# Never part of make test.

.PHONY: bench

bench: all
	sh bench/run.sh
