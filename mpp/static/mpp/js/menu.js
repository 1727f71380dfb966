// Phone-first header: on small screens the navigation folds behind a "Menu" button.
// Without this script the navigation simply stays visible.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-menu-toggle]");
  var nav = document.querySelector("[data-menu]");
  if (!toggle || !nav) { return; }
  document.documentElement.classList.add("menu-js");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("site-nav--open", open);
  });
})();
