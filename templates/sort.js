/* Optional: a button in each column header sorts the rows by that column; the page reads the same without. */
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.querySelectorAll("thead th");
  heads.forEach(function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-key") || a.cells[col].textContent;
        var y = b.cells[col].getAttribute("data-key") || b.cells[col].textContent;
        return dir * x.localeCompare(y);
      });
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
