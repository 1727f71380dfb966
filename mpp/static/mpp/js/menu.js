// Phone-first header: on small screens the navigation (the public menu and, for staff, the
// staff menu) folds behind one "Menu" button. Without this script the menus stay visible.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-menu-toggle]");
  var navs = document.querySelectorAll("[data-menu]");
  if (!toggle || !navs.length) { return; }
  document.documentElement.classList.add("menu-js");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    for (var i = 0; i < navs.length; i++) { navs[i].classList.toggle("site-nav--open", open); }
  });
})();
