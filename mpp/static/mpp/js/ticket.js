// The ticket page on the citizen's phone (and at the kiosk): follows the ticket live.
(function () {
  "use strict";
  var root = document.querySelector("[data-ticket]");
  if (!root || !window.MPPLive) { return; }
  var en = root.getAttribute("data-lang") === "en";
  var T = en ? {
    called: "It is your turn: please go to counter ", ahead: "", min: " min", soon: "soon", nobody: "after an officer opens the counter",
    live: "Updates automatically.", poll: "Updating every few seconds.", down: "No connection; retrying…",
    counter: "counter "
  } : {
    called: "Giliran Anda: silakan menuju loket ", ahead: "", min: " menit", soon: "segera", nobody: "setelah petugas membuka loket",
    live: "Diperbarui otomatis.", poll: "Diperbarui setiap beberapa detik.", down: "Tidak ada koneksi; mencoba lagi…",
    counter: "loket "
  };
  function field(name) { return root.querySelector("[data-field='" + name + "']"); }
  var status = field("status");
  var lastStatus = null;
  var live = field("live");

  function render(s) {
    var called = s.called_to && (s.status === "called");
    status.className = "ticket-status ticket-status--" + s.status;
    status.textContent = called ? T.called + s.called_to : s.status_display;
    if (called && lastStatus !== "called" && lastStatus !== null && navigator.vibrate) {
      navigator.vibrate([300, 150, 300]);
    }
    lastStatus = s.status;
    var wait = field("wait");
    if (s.wait) {
      wait.hidden = false;
      field("ahead").textContent = s.wait.people_ahead;
      var range = s.wait.minutes ? (s.wait.minutes_low + "–" + s.wait.minutes_high + T.min) : T.soon;
      // Honest: with nobody at the counters yet, the estimate only starts when one opens.
      field("estimate").textContent = s.wait.counters_open ? range : (s.wait.minutes ? range + ", " : "") + T.nobody;
    } else {
      wait.hidden = true;
    }
    var serving = field("serving");
    var list = field("serving-list");
    list.textContent = "";
    (s.serving_now || []).forEach(function (x) {
      var li = document.createElement("li");
      li.textContent = x.number + " → " + T.counter + x.counter;
      list.appendChild(li);
    });
    serving.hidden = !(s.serving_now || []).length;
  }

  // Refresh only for the mall's nudges that change this ticket's line or counters (the scope
  // comes with every state; before the first one, every nudge refreshes).
  var scope = null;
  window.MPPLive.connect({
    liveUrl: root.getAttribute("data-live-url"),
    pollMs: 8000,
    scope: function () { return scope; },
    refresh: function () {
      return window.MPPLive.getJSON(root.getAttribute("data-state-url")).then(function (s) {
        scope = s.scope || null;
        render(s);
      });
    },
    onMode: function (mode) { live.hidden = false; live.textContent = T[mode] || ""; }
  });

  // At the kiosk, go back to the start after a while so the next visitor starts clean.
  var back = root.getAttribute("data-kiosk-return");
  if (back) {
    var timer = window.setTimeout(function () { window.location.href = back; }, 45000);
    document.addEventListener("click", function () { window.clearTimeout(timer); timer = window.setTimeout(function () { window.location.href = back; }, 45000); });
  }
})();
