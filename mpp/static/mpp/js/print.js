// Receipt view: a print button, and automatic printing when opened from the kiosk.
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
  if (document.body.hasAttribute("data-autoprint")) {
    window.addEventListener("load", function () {
      window.print();
      window.setTimeout(function () { window.history.back(); }, 1500);
    });
  }
})();
