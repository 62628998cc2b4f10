/* tests/a11y/check.js - the built site in a real browser (tests/a11y.sh):
 *
 *  - axe-core on each page named, in light and dark mode, at desktop and
 *    at phone width: every violation is a failure, named with its rule,
 *    impact and the first elements it found;
 *  - at phone width no page scrolls sideways;
 *  - the filter of a table page and of the permission index: typing
 *    changes the rows shown and the count said, Escape shows all again,
 *    ?q= filters on load, the controls are reached with the keyboard;
 *    with JavaScript off every row is shown and the filter is not.
 *
 * Usage: node check.js SITE TABLE_PAGE PAGE...  (paths under SITE; the
 * table page is the model page's).  One "ok: ..." or "FAIL: ..." line
 * per check, then "N passed, N failed".
 */
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");
const { launch, open, DESKTOP, PHONE } = require("./browser");

const [site, tablePage, ...pages] = process.argv.slice(2);
let passed = 0, failed = 0;

function ok(name) { passed++; console.log("ok: " + name); }
function bad(name, why) {
	failed++;
	console.log("FAIL: " + name);
	if (why)
		console.log(String(why).split("\n").map((l) => "    " + l).join("\n"));
}
function url(rel, query) {
	return pathToFileURL(path.resolve(site, rel)).href + (query || "");
}

const MODES = [
	["light", DESKTOP, "desktop"], ["dark", DESKTOP, "desktop"],
	["light", PHONE, "phone"], ["dark", PHONE, "phone"],
];

async function axe(browser) {
	const source = require.resolve("axe-core");
	for (const rel of pages) {
		for (const [scheme, viewport, width] of MODES) {
			const name = `axe ${rel}, ${scheme}, ${width}`;
			const page = await open(browser, url(rel), viewport, scheme);
			await page.addScriptTag({ path: source });
			const r = await page.evaluate(() => axe.run(document));
			if (r.violations.length === 0)
				ok(`${name}: 0 violations (${r.passes.length} rules pass)`);
			else
				bad(`${name}: ${r.violations.length} violations`,
				    r.violations.map((v) => `${v.id} (${v.impact}): ` +
				    v.help + "\n  " + v.nodes.slice(0, 3).map((n) =>
				    n.target.join(" ") + ": " + n.failureSummary
				    .replace(/\n/g, " ")).join("\n  ")).join("\n"));
			if (width === "phone" && scheme === "light") {
				const m = await page.evaluate(() => ({
					page: document.documentElement.scrollWidth,
					viewport: window.innerWidth }));
				if (m.page <= m.viewport)
					ok(`${rel} at ${m.viewport} px does not scroll sideways`);
				else
					bad(`${rel} at ${m.viewport} px does not scroll sideways`,
					    `the page is ${m.page} px wide`);
			}
			await page.close();
		}
	}
}

/* The rows shown, and what the filter's status says. */
function state(page) {
	return page.evaluate(() => {
		const rows = Array.from(document.querySelectorAll(
		    "table.filterable tbody tr"));
		const box = document.querySelector(".filter");
		return {
			rows: rows.length,
			shown: rows.filter((r) => r.getClientRects().length > 0).length,
			/* The status is made by the script: none without it. */
			status: box && box.querySelector("[role=status]") ?
			    box.querySelector("[role=status]").textContent : null,
			filterShown: !!box && box.getClientRects().length > 0,
		};
	});
}

async function expect(name, page, want) {
	/* The status is said once typing pauses (filter.js). */
	await new Promise((r) => setTimeout(r, 700));
	const got = await state(page);
	const wrong = Object.keys(want).filter((k) => got[k] !== want[k]);
	if (wrong.length === 0)
		ok(name);
	else
		bad(name, "want " + JSON.stringify(want) + "\ngot  " +
		    JSON.stringify(got));
}

async function filters(browser) {
	/* The model page: 23 rows; "policy" is in 4 of them (the four
	 * Policy.* permissions), "bitlocker delegated" in 1. */
	let page = await open(browser, url(tablePage), DESKTOP, "light");
	await expect("filter: the table page starts with every row and says so",
	    page, { rows: 23, shown: 23, status: "23 rows", filterShown: true });
	await page.type(".filter input", "Policy");
	await expect("filter: typing 'Policy' shows 4 rows and says so", page,
	    { shown: 4, status: "4 of 23 rows match" });
	await page.keyboard.press("Escape");
	await expect("filter: Escape shows every row again", page,
	    { shown: 23, status: "23 rows" });
	await page.type(".filter input", "bitlocker  DELEGATED");
	await expect("filter: every word must match, in any case", page,
	    { shown: 1, status: "1 of 23 rows matches" });
	await page.close();

	page = await open(browser, url(tablePage, "?q=policy"), DESKTOP, "light");
	await expect("filter: ?q=policy filters on load", page,
	    { shown: 4, status: "4 of 23 rows match" });
	await page.close();

	/* The keyboard: Tab reaches the filter, then a column's sort button. */
	page = await open(browser, url(tablePage), DESKTOP, "light");
	let reached = null;
	for (let i = 0; i < 40 && reached === null; i++) {
		await page.keyboard.press("Tab");
		reached = await page.evaluate(() =>
		    document.activeElement.matches(".filter input") ?
		    "input" : null);
	}
	if (reached) ok("keyboard: Tab reaches the filter");
	else bad("keyboard: Tab reaches the filter");
	await page.keyboard.type("policy");
	await page.keyboard.press("Tab");
	await page.keyboard.press("Tab");
	const sort = await page.evaluate(() => {
		const b = document.activeElement;
		return b.matches("th button") ? b.textContent : null;
	});
	if (sort !== null) {
		await page.keyboard.press("Enter");
		const how = await page.evaluate(() =>
		    document.activeElement.closest("th").getAttribute("aria-sort"));
		if (how === "ascending")
			ok(`keyboard: Enter on '${sort}' sorts by it (aria-sort ascending)`);
		else
			bad("keyboard: Enter on a column sorts by it", "aria-sort " + how);
	} else {
		bad("keyboard: Tab goes on from the filter to the columns' sort buttons");
	}
	await expect("keyboard: sorting keeps the filter", page,
	    { shown: 4, status: "4 of 23 rows match" });
	await page.close();

	/* Without JavaScript: the whole table, no filter. */
	page = await browser.newPage();
	await page.setJavaScriptEnabled(false);
	await page.setViewport(DESKTOP);
	await page.goto(url(tablePage), { waitUntil: "load" });
	const off = await state(page);
	if (off.rows === 23 && off.shown === 23 && !off.filterShown)
		ok("no JavaScript: all 23 rows shown, no filter");
	else
		bad("no JavaScript: all 23 rows shown, no filter", JSON.stringify(off));
	await page.close();

	/* The permission index filters its permissions the same way. */
	page = await open(browser, url("permissions/index.html"), PHONE, "dark");
	const all = (await state(page)).rows;
	await page.type(".filter input", "devicemanagement");
	const some = await state(page);
	await new Promise((r) => setTimeout(r, 700));
	const said = (await state(page)).status;
	if (all > 3 && some.shown === 3 && said === `3 of ${all} permissions match`)
		ok(`filter: the permission index, at phone width: 'devicemanagement' shows 3 of ${all}`);
	else
		bad("filter: the permission index filters", JSON.stringify(
		    { all, shown: some.shown, said }));
	await page.close();
}

(async () => {
	const browser = await launch();
	try {
		await axe(browser);
		await filters(browser);
	} finally {
		await browser.close();
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log("FAIL: the browser checks stopped: " + (e && e.stack || e));
	console.log(`${passed} passed, ${failed + 1} failed`);
	process.exit(1);
});
