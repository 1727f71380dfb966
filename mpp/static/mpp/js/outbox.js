// The outbox refreshes its first page every few seconds, so staff (and demo visitors) see
// messages arrive while they use the kiosk, the console or the board in another window.
(function () {
  "use strict";
  var box = document.getElementById("outbox");
  if (!box || !box.dataset.refreshUrl || !window.fetch) {
    return;
  }
  var url = box.dataset.refreshUrl;
  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null && html !== box.dataset.last) {
          box.dataset.last = html;
          box.innerHTML = html;
        }
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 4000);
})();
