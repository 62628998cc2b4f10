/* tests/a11y/browser.js - Debian's Chromium through puppeteer-core, as
 * check.js and screenshots.js launch it: headless, no network of its
 * own, a fresh profile removed on close.  CHROMIUM overrides the path. */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/* The viewports every page is looked at in. */
const DESKTOP = { width: 1280, height: 900, deviceScaleFactor: 1 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2,
	isMobile: true, hasTouch: true };

async function launch() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tablog-chromium-"));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu",
			"--disable-quic", "--no-first-run",
			"--disable-background-networking",
			"--disable-component-update", "--disable-sync",
			"--user-data-dir=" + profile],
	});
	const close = browser.close.bind(browser);
	browser.close = async function () {
		await close();
		fs.rmSync(profile, { recursive: true, force: true });
	};
	return browser;
}

/* A page in `scheme` (light, dark) at `viewport`. */
async function open(browser, url, viewport, scheme) {
	const page = await browser.newPage();
	await page.setViewport(viewport);
	await page.emulateMediaFeatures([
		{ name: "prefers-color-scheme", value: scheme }]);
	await page.goto(url, { waitUntil: "load" });
	return page;
}

module.exports = { launch, open, DESKTOP, PHONE, CHROMIUM };
