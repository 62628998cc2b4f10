# mk/fetch.mk - what tests/fetch.sh and tests/web.sh need beyond the
# build: Python 3 for their web server (tests/tools/httpd.py), openssl to
# make the TLS endpoint's certificate, git to check the archive.  libcurl
# and libgit2 themselves are build dependencies (DEBS in the Makefile).
#
#   make deps-fetch   install what is missing (as root, via apt-get)
#   make test-fetch   run tests/fetch.sh against $(B)
#   make test-web     run tests/web.sh against ./tablog

FETCH_TEST_DEBS = python3 openssl git

.PHONY: deps-fetch test-fetch test-web

deps-test: deps-fetch

deps-fetch:
	@missing=; \
	for c in $(FETCH_TEST_DEBS); do \
	    command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "tablog: the fetch tests lack:$$missing; as root run:"; \
	    echo "  apt-get update && apt-get install -y$$missing"; \
	    exit 1; \
	fi; \
	echo "Installing:$$missing"; \
	apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null

test-fetch: $(B)/tests/fetch_tool
	B=$(B) sh tests/fetch.sh

test-web: all
	sh tests/web.sh
