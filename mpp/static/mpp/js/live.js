// Live updates for the board, the phone ticket page and the officer console.
// A Server-Sent Events stream brings small "something changed" nudges; the page then
// fetches fresh state. When the stream is down the page polls instead, and every
// reconnect fetches the full state, so lost messages heal themselves.
(function () {
  "use strict";

  // Does a board nudge concern a page that shows `scope`? A nudge names the service of the
  // ticket it is about and the counter involved (mpp/queueing/domain/common.py, nudge_board);
  // one that names neither (a ticket's own channel, an older server) concerns every page, and
  // so does every nudge while the page does not know its scope yet.
  function concerns(scope, nudge) {
    if (!scope) { return true; }
    var service = nudge.service, counter = nudge.counter;
    if (service == null && counter == null) { return true; }
    return (service != null && scope.services.indexOf(service) !== -1) ||
      (counter != null && scope.counters.indexOf(counter) !== -1);
  }

  function connect(options) {
    var liveUrl = options.liveUrl;
    var refresh = options.refresh;           // function () -> Promise
    // function () -> what this page shows ({services: [ids], counters: [ids]}), or null for
    // everything: the page then refreshes only for the nudges that concern it
    var scope = options.scope || function () { return null; };
    var onMode = options.onMode || function () {};
    var pollMs = options.pollMs || 5000;
    var source = null;
    var pollTimer = null;
    var pending = null;
    var lastRefresh = 0;
    var minGap = options.minGapMs || 400;
    var failures = 0;

    function schedule(delay) {
      // Coalesce bursts of nudges into one fetch at most every `minGap` ms.
      if (pending) { return; }
      var wait = Math.max(delay || 0, lastRefresh + minGap - Date.now());
      pending = window.setTimeout(function () {
        pending = null;
        lastRefresh = Date.now();
        Promise.resolve(refresh()).catch(function () { onMode("down"); });
      }, Math.max(0, wait));
    }

    function startPolling() {
      if (pollTimer) { return; }
      onMode("poll");
      pollTimer = window.setInterval(function () { schedule(0); }, pollMs);
    }

    function stopPolling() {
      if (pollTimer) { window.clearInterval(pollTimer); pollTimer = null; }
    }

    function open() {
      if (!window.EventSource || !liveUrl) { startPolling(); return; }
      source = new window.EventSource(liveUrl);
      source.addEventListener("hello", function () {
        failures = 0;
        stopPolling();
        onMode("live");
        schedule(0);                 // resync after every (re)connect
      });
      source.addEventListener("nudge", function (event) {
        var data = {};
        try { data = JSON.parse(event.data); } catch (e) { /* ignore */ }
        if (!concerns(scope(), data)) { return; }
        schedule(data.kind === "called" ? 0 : 150);
      });
      source.onerror = function () {
        failures += 1;
        // EventSource retries by itself after a network error; poll meanwhile. When the
        // server refused the stream (closed), or after repeated failures, try again later,
        // so a dead proxy does not keep us in a tight loop.
        startPolling();
        if (source && (source.readyState === 2 || failures >= 5)) {
          source.close();
          source = null;
          window.setTimeout(open, Math.min(60000, 5000 * failures));
        }
      };
    }

    open();
    schedule(0);
    return { refresh: function () { schedule(0); } };
  }

  function getJSON(url) {
    return window.fetch(url, { headers: { "Accept": "application/json" }, cache: "no-store", credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  window.MPPLive = { connect: connect, getJSON: getJSON };
})();
