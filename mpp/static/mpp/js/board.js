// Display board: renders the state, and announces each call: a chime, then
// "Nomor antrian A nol dua belas, silakan menuju loket lima" from audio segments rendered
// on the server (no Indonesian system voice needed), or the browser's speech synthesis.
// Announcements go through one queue: they never overlap and none is dropped.
(function () {
  "use strict";
  var root = document.querySelector("[data-board]");
  if (!root || !window.MPPLive) { return; }
  var en = root.getAttribute("data-lang") === "en";
  var T = en ? {
    counter: "Counter", booth: "Booth ", floor: ", floor ", fl: "Fl. ", nobody: "Nobody is waiting", on: "Sound on", off: "Turn sound on",
    live: "Live", poll: "Updating every few seconds", down: "No connection; retrying…",
    blocked: "Sound is off: press the button to allow sound.",
    browserVoice: "Recorded voice not available: using the browser's voice.",
    noVoice: "No voice available on this computer: only the chime plays."
  } : {
    counter: "Loket", booth: "Gerai ", floor: ", lantai ", fl: "Lt. ", nobody: "Tidak ada yang menunggu", on: "Suara aktif", off: "Aktifkan suara",
    live: "Langsung", poll: "Diperbarui setiap beberapa detik", down: "Tidak ada koneksi; mencoba lagi…",
    blocked: "Suara mati: tekan tombol untuk mengizinkan suara.",
    browserVoice: "Suara rekaman tidak tersedia: memakai suara browser.",
    noVoice: "Tidak ada suara di komputer ini: hanya bunyi bel."
  };
  var voiceUrl = root.getAttribute("data-voice-url");
  var mode = root.getAttribute("data-voice-mode");      // rekaman | browser | mati
  var recordedAvailable = root.getAttribute("data-voice") === "1";
  var lastCall = parseInt(root.getAttribute("data-last-call"), 10) || 0;
  var soundButton = root.querySelector("[data-sound]");
  var soundNote = root.querySelector("[data-sound-note]");
  var statusEl = root.querySelector("[data-status]");
  var nowPanel = root.querySelector("[data-now]");
  var queue = [];
  var playing = false;
  var ctx = null;
  var buffers = {};
  var skewMs = 0;
  var offsetMinutes = 7 * 60;
  var lastOk = Date.now();
  // Visible to tests and to staff debugging a board: what was announced, how and when.
  var log = [];
  window.MPPBoard = { log: log, queue: queue };

  function audioContext() {
    var AC = window.AudioContext || window.webkitAudioContext;
    if (!ctx && AC) { ctx = new AC(); }
    return ctx;
  }

  function soundOn() { return ctx && ctx.state === "running"; }

  function updateSoundUi() {
    if (!soundButton || !soundNote) { return; }  // public screen: sound is set up by staff
    var on = soundOn() || mode === "mati";
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    soundButton.textContent = on ? T.on : T.off;
    soundButton.hidden = mode === "mati";
    var note = "";
    if (!soundOn() && mode !== "mati") { note = T.blocked; }
    else if (mode === "rekaman" && !recordedAvailable) { note = window.speechSynthesis ? T.browserVoice : T.noVoice; }
    soundNote.textContent = note;
  }

  if (soundButton) soundButton.addEventListener("click", function () {
    var c = audioContext();
    if (c && c.resume) { c.resume().then(updateSoundUi, updateSoundUi); }
    if (window.speechSynthesis) {       // unlock speech on browsers that need a gesture
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(""));
    }
    updateSoundUi();
  });
  // Where the browser allows sound without a click (a kiosk-mode display PC), start at once.
  audioContext();
  if (ctx && ctx.resume) { ctx.resume().then(updateSoundUi, updateSoundUi); }
  updateSoundUi();

  function segment(name) {
    if (buffers[name]) { return Promise.resolve(buffers[name]); }
    return window.fetch(voiceUrl + name + ".wav", { cache: "force-cache" })
      .then(function (r) { if (!r.ok) { throw new Error("segment " + name); } return r.arrayBuffer(); })
      .then(function (data) {
        return new Promise(function (resolve, reject) { ctx.decodeAudioData(data, resolve, reject); });
      })
      .then(function (buffer) { buffers[name] = buffer; return buffer; });
  }

  function playBuffers(list, gaps) {
    // Schedule the segments back to back on the audio clock: no gaps from network or timers.
    var t = ctx.currentTime + 0.05;
    list.forEach(function (buffer, i) {
      var src = ctx.createBufferSource();
      src.buffer = buffer;
      src.connect(ctx.destination);
      src.start(t);
      t += buffer.duration + (gaps[i] || 0.02);
    });
    var ms = (t - ctx.currentTime) * 1000;
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  function playSegments(names) {
    return Promise.all(names.map(segment)).then(function (list) {
      // A short pause after the chime, after "nomor antrian", and before "silakan".
      var gaps = names.map(function (n, i) {
        var next = names[i + 1] || "";
        if (n === "chime") { return 0.3; }
        if (n === "nomor-antrian") { return 0.12; }
        if (next === "silakan-menuju-loket") { return 0.35; }
        return 0.03;
      });
      return playBuffers(list, gaps);
    });
  }

  function speak(text) {
    return new Promise(function (resolve) {
      if (!window.speechSynthesis) { resolve(); return; }
      var u = new window.SpeechSynthesisUtterance(text);
      u.lang = "id-ID";
      var voices = window.speechSynthesis.getVoices() || [];
      var id = voices.filter(function (v) { return (v.lang || "").toLowerCase().indexOf("id") === 0; })[0];
      if (id) { u.voice = id; }
      u.rate = 0.9;
      var done = false;
      function finish() { if (!done) { done = true; resolve(); } }
      u.onend = finish;
      u.onerror = finish;
      window.setTimeout(finish, 15000);   // never let a silent engine block the queue
      window.speechSynthesis.speak(u);
    });
  }

  function announce(call) {
    var entry = { id: call.id, number: call.number, counter: call.counter, mode: mode, started: Date.now() };
    log.push(entry);
    if (mode === "mati" || !soundOn()) {
      entry.how = "silent";
      return Promise.resolve();
    }
    if (mode === "rekaman" && recordedAvailable) {
      entry.how = "recorded";
      entry.segments = ["chime"].concat(call.segments);
      return playSegments(entry.segments).catch(function () {
        entry.how = "browser-fallback";
        return speak(call.text);
      });
    }
    entry.how = "browser";
    return playSegments(["chime"]).catch(function () {}).then(function () { return speak(call.text); });
  }

  function pump() {
    if (playing || !queue.length) { return; }
    playing = true;
    var call = queue.shift();
    announce(call).catch(function () {}).then(function () {
      log[log.length - 1].ended = Date.now();
      window.setTimeout(function () { playing = false; pump(); }, 700);
    });
  }

  function text(el, value) { if (el) { el.textContent = value; } }

  function render(state) {
    lastOk = Date.now();
    var serverNow = Date.parse(state.now);
    if (!isNaN(serverNow)) { skewMs = serverNow - Date.now(); }
    var m = /([+-])(\d\d):(\d\d)$/.exec(state.now || "");
    if (m) { offsetMinutes = (m[1] === "-" ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3], 10)); }
    recordedAvailable = !!state.voice;
    var calls = state.calls || [];
    var top = calls[0];
    text(root.querySelector("[data-now-number]"), top ? top.number : "–");
    text(root.querySelector("[data-now-counter]"), top ? T.counter + " " + top.counter : "");
    text(root.querySelector("[data-now-agency]"), top ? top.agency : "");
    text(root.querySelector("[data-now-where]"), top && top.booth ? T.booth + top.booth + T.floor + top.floor : "");
    var closed = root.querySelector("[data-closed]");
    if (closed) { closed.textContent = state.closed || ""; closed.hidden = !state.closed; }
    var list = root.querySelector("[data-calls]");
    list.textContent = "";
    calls.slice(1, 6).forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("span"); a.textContent = c.number;
      var b = document.createElement("span"); b.textContent = T.counter + " " + c.counter;
      var w = document.createElement("span"); w.textContent = c.booth ? c.booth + " · " + T.fl + c.floor : "";
      li.appendChild(a); li.appendChild(b); li.appendChild(w); list.appendChild(li);
    });
    var waiting = root.querySelector("[data-waiting]");
    waiting.textContent = "";
    (state.waiting || []).forEach(function (w) {
      var li = document.createElement("li");
      var b = document.createElement("b"); b.textContent = w.count;
      li.appendChild(b); li.appendChild(document.createTextNode(w.prefix + " · " + w.agency));
      waiting.appendChild(li);
    });
    if (!(state.waiting || []).length) {
      var none = document.createElement("li"); none.textContent = T.nobody; waiting.appendChild(none);
    }
    var fresh = calls.filter(function (c) { return c.id > lastCall; }).sort(function (a, b) { return a.id - b.id; });
    if (fresh.length) {
      lastCall = fresh[fresh.length - 1].id;
      fresh.forEach(function (c) { queue.push(c); });
      nowPanel.classList.remove("board-now--flash");
      void nowPanel.offsetWidth;          // restart the animation
      nowPanel.classList.add("board-now--flash");
      pump();
    }
    updateSoundUi();
  }

  function setMode(m) {
    statusEl.setAttribute("data-mode", m);
    statusEl.textContent = T[m] || m;
  }

  window.MPPLive.connect({
    liveUrl: root.getAttribute("data-live-url"),
    pollMs: 3000,
    minGapMs: 300,
    refresh: function () {
      return window.MPPLive.getJSON(root.getAttribute("data-state-url")).then(render);
    },
    onMode: setMode
  });

  // Clock in the mall's zone, from the server's time (a display PC's clock may be wrong).
  var clock = root.querySelector("[data-clock]");
  function tick() {
    var d = new Date(Date.now() + skewMs + offsetMinutes * 60000);
    var hh = String(d.getUTCHours()).padStart(2, "0");
    var mm = String(d.getUTCMinutes()).padStart(2, "0");
    clock.textContent = hh + "." + mm;
    if (Date.now() - lastOk > 60000) { setMode("down"); }
  }
  tick();
  window.setInterval(tick, 1000);

  // Watchdog: reload twice a day when nothing is being announced (boards run for days).
  window.setInterval(function () {
    if (!playing && !queue.length) { window.location.reload(); }
  }, 12 * 60 * 60 * 1000);
})();
