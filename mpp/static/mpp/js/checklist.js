// Requirements checklist: remembers ticks on this device and offers printing.
// The page works without this script; it only adds persistence and a progress line.
(function () {
  "use strict";
  var list = document.querySelector("[data-checklist]");
  if (!list) { return; }
  var key = "mpp-checklist:" + list.getAttribute("data-checklist");
  var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
  var progress = document.querySelector("[data-checklist-progress]");
  var lang = document.documentElement.lang || "id";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function save() {
    var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    try { window.localStorage.setItem(key, JSON.stringify(ticked)); } catch (e) { /* private mode */ }
  }
  function render() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    if (progress) {
      progress.hidden = false;
      progress.textContent = lang === "en"
        ? done + " of " + boxes.length + " ready"
        : done + " dari " + boxes.length + " sudah siap";
    }
  }
  var saved = load();
  boxes.forEach(function (b) {
    b.checked = saved.indexOf(b.value) !== -1;
    b.addEventListener("change", function () { save(); render(); });
  });
  render();
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
})();
