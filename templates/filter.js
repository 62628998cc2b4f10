/* Optional: a text filter over the rows of the page's tables (every word must match); without it every row shows. */
(function () {
  var box = document.querySelector(".filter"), tables = document.querySelectorAll("table.filterable");
  if (!box || !tables.length) return;
  /* The count is a polite live region, made here: without script there is nothing to count. */
  var input = box.querySelector("input"), status = document.createElement("span");
  status.className = "filter-count";
  status.setAttribute("role", "status");
  box.appendChild(status);
  var rows = [], texts = [], timer = null;
  var one = box.getAttribute("data-one"), many = box.getAttribute("data-many");
  function fold(s) { return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.tBodies[0].rows, function (r) { rows.push(r); texts.push(fold(r.textContent)); });
  });
  function say(shown, words) {
    var noun = rows.length === 1 ? one : many;
    status.textContent = words ? shown + " of " + rows.length + " " + noun + (shown === 1 ? " matches" : " match") :
      rows.length + " " + noun;
  }
  function filter() {
    var words = fold(input.value).split(/\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (r, i) {
      var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      r.hidden = !hit;
      if (hit) shown++;
    });
    /* Said once typing pauses, so a screen reader is not talked over. */
    clearTimeout(timer);
    timer = setTimeout(function () { say(shown, words.length); }, 400);
  }
  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && input.value) { input.value = ""; filter(); }
  });
  say(rows.length, 0);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; filter(); }
  box.hidden = false;
})();
