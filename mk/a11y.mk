# mk/a11y.mk - the README's screenshots, taken in the Chromium the browser
# checks use (tests/a11y.sh; mk/consumers.mk installs Chromium, Node.js
# and npm with deps-test, and the npm packages come from
# tests/a11y/package-lock.json).
#
#   make screenshots   build the `make run` site and take
#                      docs/screenshot-desktop.png and
#                      docs/screenshot-phone.png of the model page
#                      (tests/a11y/screenshots.js)

.PHONY: screenshots

screenshots: all
	cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(B)/screenshot-site
	./tablog build -q input -o $(B)/screenshot-site
	node tests/a11y/screenshots.js $(B)/screenshot-site docs
