// Idle rotation of the display board: when no number has been called for a while, show the
// slides named in data-board-slides (space-separated URLs of standalone pages; the part marked
// [data-slide] is shown) for a few seconds each, then the queue again. Any new call hides the
// slide at once. The board's own script is untouched: we only watch its "now calling" number.
(function () {
  "use strict";
  var box = document.querySelector("[data-board-slides]");
  var now = document.querySelector("[data-now-number]");
  if (!box || !now || !window.fetch || !window.DOMParser) { return; }
  var urls = (box.getAttribute("data-board-slides") || "").split(/\s+/).filter(Boolean);
  var idleMs = (parseInt(box.getAttribute("data-idle-seconds"), 10) || 90) * 1000;
  var showMs = (parseInt(box.getAttribute("data-show-seconds"), 10) || 20) * 1000;
  var next = 0;
  var timer = null;

  function hide() {
    box.hidden = true;
    box.textContent = "";
  }

  function wait(ms, fn) {
    window.clearTimeout(timer);
    timer = window.setTimeout(fn, ms);
  }

  function show() {
    if (!urls.length) { return; }
    var url = urls[next % urls.length];
    next += 1;
    window.fetch(url, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(url); } return r.text(); })
      .then(function (html) {
        var slide = new window.DOMParser().parseFromString(html, "text/html")
          .querySelector("[data-slide]");
        if (!slide) { throw new Error(url); }
        box.textContent = "";
        box.appendChild(document.importNode(slide, true));
        box.hidden = false;
        wait(showMs, function () { hide(); wait(idleMs, show); });
      })
      .catch(function () { hide(); wait(idleMs, show); });
  }

  // The board re-renders its state every few seconds; only a different number is a call.
  var shown = now.textContent;
  new window.MutationObserver(function () {
    if (now.textContent === shown) { return; }
    shown = now.textContent;
    hide();
    wait(idleMs, show);
  }).observe(now, { childList: true, characterData: true, subtree: true });
  wait(idleMs, show);
}());
