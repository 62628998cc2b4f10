# mk/history.mk - what tests/history.sh needs beyond the build: git to
# make its repository (and to read ../shared/history's bundles), Python 3
# for its independent readings, jq to pick members of -f json.  libgit2
# itself is a build dependency (DEBS in the Makefile).
#
#   make deps-history   install what is missing (as root, via apt-get)
#   make test-history   run tests/history.sh against ./tablog

HISTORY_TEST_DEBS = git python3 jq

.PHONY: deps-history test-history

deps-test: deps-history

deps-history:
	@missing=; \
	for c in $(HISTORY_TEST_DEBS); do \
	    command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "tablog: the history tests lack:$$missing; as root run:"; \
	    echo "  apt-get update && apt-get install -y$$missing"; \
	    exit 1; \
	fi; \
	echo "Installing:$$missing"; \
	apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null

test-history: all
	sh tests/history.sh
