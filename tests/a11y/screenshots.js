/* tests/a11y/screenshots.js - the README's screenshots, taken in the
 * same Chromium as the checks (browser.js): `make screenshots` runs it
 * on the site `make run` builds.  Not part of `make test`.
 *
 * Usage: node screenshots.js SITE OUTDIR [PAGE]: PAGE (default the
 * model page's, cloud-backup-for-azure/index.html) at desktop width
 * (OUTDIR/screenshot-desktop.png, 1280x900) and at phone width
 * (OUTDIR/screenshot-phone.png, 390x844 at twice the pixels), light. */
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");
const { launch, open, DESKTOP, PHONE } = require("./browser");

const [site, outdir, rel = "cloud-backup-for-azure/index.html"] =
    process.argv.slice(2);
const shots = [
	["screenshot-desktop.png", DESKTOP],
	["screenshot-phone.png", PHONE],
];

(async () => {
	const browser = await launch();
	try {
		for (const [file, viewport] of shots) {
			const page = await open(browser, pathToFileURL(
			    path.resolve(site, rel)).href, viewport, "light");
			const out = path.join(outdir, file);
			await page.screenshot({ path: out });
			console.log(out);
			await page.close();
		}
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("screenshots: " + (e && e.stack || e));
	process.exit(1);
});
