// Officer console: keyboard shortcuts and a live waiting list.
// Everything works without this script (plain forms); it only adds speed.
(function () {
  "use strict";
  var root = document.querySelector("[data-console]");
  if (!root) { return; }

  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  var busy = false;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = (event.key || "").toLowerCase();
    var button = root.querySelector("button[data-key='" + key + "']");
    if (button && button.disabled) { event.preventDefault(); return; }  // not valid now
    if (button) {
      event.preventDefault();
      if (busy) { return; }          // one press, one action
      busy = true;
      button.click();
      return;
    }
    var field = root.querySelector("[data-focus-key='" + key + "']");
    if (field) {
      event.preventDefault();
      var details = field.closest("details");
      if (details) { details.open = true; }
      field.focus();
    }
  });
  // Disable the buttons while a form is being submitted (no double submissions).
  // Delegated, so the action buttons re-rendered by the live refresh are covered too.
  root.addEventListener("submit", function (event) {
    var form = event.target;
    busy = true;
    window.setTimeout(function () {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    }, 0);
  });

  var parts = root.querySelectorAll("[data-console-live]");
  if (!window.MPPLive || !parts.length) { return; }
  // The mall's stream nudges for every ticket in the building; this console shows only its own
  // counter and the tickets of its services, so it refreshes for those. Every open console
  // refreshing for every nudge made the hall's consoles the busiest readers of the database.
  function ids(value) {
    return (value || "").split(" ").filter(Boolean).map(Number);
  }
  var scope = {
    services: ids(root.getAttribute("data-services")),
    counters: ids(root.getAttribute("data-counter"))
  };
  window.MPPLive.connect({
    liveUrl: root.getAttribute("data-live-url"),
    pollMs: 10000,
    scope: function () { return scope; },
    refresh: function () {
      return window.fetch(root.getAttribute("data-fragment-url"), { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (html) {
          var fresh = document.createElement("div");
          fresh.innerHTML = html;
          parts.forEach(function (part) {
            var name = part.getAttribute("data-part");
            var replacement = fresh.querySelector("[data-part='" + name + "']");
            if (replacement) { part.innerHTML = replacement.innerHTML; }
          });
          // The counter's services as the server has them now: a service an administrator
          // added mid-day concerns this console from this refresh on, without a reload.
          var freshScope = fresh.querySelector("[data-scope]");
          if (freshScope) { scope.services = ids(freshScope.getAttribute("data-services")); }
          var current = root.querySelector("[data-current]");
          var code = current ? current.getAttribute("data-current") : "";
          root.querySelectorAll("[data-current-code]").forEach(function (input) { input.value = code; });
        });
    }
  });
})();
