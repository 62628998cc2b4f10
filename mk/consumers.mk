# mk/consumers.mk - the real programs tests/consumers.sh and tests/xlsx.sh
# feed tablog's outputs to: LibreOffice Calc (headless), Chromium, tidy,
# jq, cmark-gfm and Python's feedparser and openpyxl (Debian packages, so
# the tests use /usr/bin/python3, not whatever python3 comes first on
# PATH); Node.js and npm for tests/a11y.sh's axe-core in that Chromium
# (mk/a11y.mk).
#
#   make deps-consumers   install what is missing (as root, via apt-get;
#                         never fails: a consumer that cannot be had
#                         makes its tests print SKIP)
#   make test-consumers   run tests/consumers.sh against ./tablog

CONSUMER_DEBS = libreoffice-calc chromium tidy jq cmark-gfm python3 \
		python3-feedparser python3-openpyxl fonts-dejavu-core \
		fonts-noto-cjk nodejs npm

.PHONY: deps-consumers test-consumers

deps-test: deps-consumers

# A package counts as present when dpkg says it is installed.
deps-consumers:
	@missing=; \
	for p in $(CONSUMER_DEBS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
		grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "tablog: consumer tests lack:$$missing; as root run:"; \
	    echo "  apt-get update && apt-get install -y --no-install-recommends$$missing"; \
	    exit 0; \
	fi; \
	echo "Installing:$$missing"; \
	{ apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null; } || \
	echo "tablog: could not install:$$missing; those consumer tests will SKIP"

test-consumers: all
	sh tests/consumers.sh
	sh tests/xlsx.sh
