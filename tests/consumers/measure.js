/* tests/consumers/measure.js - appended to a copy of a page that
 * tests/consumers.sh loads in a phone-wide <iframe>: measures the
 * layout and hands the numbers to the parent document, whose DOM
 * Chromium dumps (needs --allow-file-access-from-files). */
window.addEventListener("load", function () {
	var box = document.querySelector(".scroll");
	var table = document.querySelector("table");
	var thead = table && table.tHead;
	var wide = [];
	if (box) {
		var right = box.getBoundingClientRect().right;
		document.querySelectorAll("td").forEach(function (td) {
			if (td.getBoundingClientRect().right > right + 0.5 &&
			    wide.length < 3)
				wide.push(td.textContent.slice(0, 60));
		});
	}
	var m = {
		viewport: window.innerWidth,
		page: document.documentElement.scrollWidth,
		box: box ? box.clientWidth : null,
		table: table ? Math.ceil(table.getBoundingClientRect().width) : null,
		reflowed: !!thead && getComputedStyle(thead).display === "none",
		wide: wide
	};
	parent.document.body.setAttribute("data-measure", JSON.stringify(m));
});
