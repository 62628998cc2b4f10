# mk/a11y.mk - the browser checks of the site (tests/a11y.sh) and the
# README's screenshots: Node.js and npm (Debian packages) to install
# axe-core and puppeteer-core from tests/a11y/package-lock.json, and
# Debian's Chromium (mk/consumers.mk installs it).
#
#   make deps-a11y     install nodejs and npm when missing (as root, via
#                      apt-get; never fails: tests/a11y.sh then prints
#                      one SKIP line)
#   make screenshots   build the `make run` site and take
#                      docs/screenshot-desktop.png and
#                      docs/screenshot-phone.png of the model page in
#                      Chromium (tests/a11y/screenshots.js)

A11Y_DEBS = nodejs npm

.PHONY: deps-a11y screenshots

deps-test: deps-a11y

deps-a11y:
	@missing=; \
	for p in $(A11Y_DEBS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
		grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "tablog: the browser checks lack:$$missing; as root run:"; \
	    echo "  apt-get update && apt-get install -y --no-install-recommends$$missing"; \
	    exit 0; \
	fi; \
	echo "Installing:$$missing"; \
	{ apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null; } || \
	echo "tablog: could not install:$$missing; tests/a11y.sh will SKIP"

screenshots: all
	cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(B)/screenshot-site
	./tablog build -q input -o $(B)/screenshot-site
	node tests/a11y/screenshots.js $(B)/screenshot-site docs
