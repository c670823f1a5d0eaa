(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("targets-table");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById("shown");
  var none = document.getElementById("none-shown");
  var names = ["status", "region", "year", "section", "q"];

  function values() {
    var v = {};
    names.forEach(function (n) { v[n] = (form.elements[n].value || "").trim(); });
    return v;
  }
  function apply() {
    var v = values(), q = v.q.toLowerCase(), count = 0;
    rows.forEach(function (r) {
      var ok = (!v.status || r.dataset.status === v.status) && (!v.region || r.dataset.region === v.region) &&
        (!v.year || r.dataset.year === v.year) && (!v.section || r.dataset.section === v.section) &&
        (!q || r.dataset.search.indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " / " + rows.length;
    none.hidden = count > 0;
  }
  function toHash() {
    var v = values(), p = new URLSearchParams();
    names.forEach(function (n) { if (v[n]) { p.set(n, v[n]); } });
    var text = p.toString();
    history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
  }
  function fromHash() {
    var p = new URLSearchParams((location.hash || "").replace(/^#/, "") || location.search.replace(/^\?/, ""));
    names.forEach(function (n) {
      var el = form.elements[n], want = p.get(n) || "";
      if (el.tagName === "SELECT" && want && !Array.prototype.some.call(el.options, function (o) { return o.value === want; })) {
        want = "";
      }
      el.value = want;
    });
    apply();
  }
  function sortBy(th) {
    var key = "sort" + th.dataset.sort.charAt(0).toUpperCase() + th.dataset.sort.slice(1);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      if (x === "" && y !== "") { return 1; }
      if (y === "" && x !== "") { return -1; }
      var nx = Number(x), ny = Number(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-CN");
      return c * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  form.addEventListener("input", function () { apply(); toHash(); });
  form.addEventListener("change", function () { apply(); toHash(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", fromHash);
  Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(th); } });
  });
  fromHash();
}());
