// Kiosk screens: after a while without a touch, go back to the first screen so the next
// visitor starts clean (and in Indonesian: the kiosk pages always render in Indonesian).
(function () {
  "use strict";
  var body = document.body;
  var home = body.getAttribute("data-kiosk-home");
  var seconds = parseInt(body.getAttribute("data-idle-seconds") || "45", 10);
  if (!home || !seconds) { return; }
  var atHome = window.location.pathname === home;
  var timer = null;
  function reset() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () {
      if (atHome) { window.scrollTo(0, 0); reset(); } else { window.location.replace(home); }
    }, seconds * 1000);
  }
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, reset, { passive: true });
  });
  reset();
})();
