// The pause: a countdown (20 minutes, or until the chosen return time), a
// breathing animation and a copy button for the return message. Without this
// script the pages show the return time in plain text; nothing is stored here.
(function () {
  "use strict";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function clock(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-countdown]"), function (box) {
    var display = box.querySelector("[data-countdown-display]");
    var progress = box.querySelector("[data-countdown-progress]");
    var start = box.querySelector("[data-countdown-start]");
    var status = box.querySelector("[data-countdown-status]");
    var fallback = box.parentNode.querySelector("[data-timer-fallback]");
    var total = parseInt(box.getAttribute("data-seconds"), 10) || 0;
    var until = box.getAttribute("data-until");
    var endsAt = until ? Date.parse(until) : 0;
    var ticker = null;

    function show(left) {
      display.textContent = clock(left);
      if (progress) { progress.value = Math.max(0, total - left); }
    }

    function tick() {
      var left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      show(left);
      if (left === 0) {
        window.clearInterval(ticker);
        ticker = null;
        status.textContent = box.getAttribute("data-done-text");
        if (start) { start.hidden = false; }
      }
    }

    function run() {
      tick();
      ticker = window.setInterval(tick, 250);
    }

    if (start) {
      start.addEventListener("click", function () {
        endsAt = Date.now() + total * 1000;
        start.hidden = true;
        status.textContent = box.getAttribute("data-running-text");
        run();
      });
      show(total);
    } else if (endsAt) {
      run();
    }
    box.hidden = false;
    if (fallback) { fallback.hidden = true; }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-breathe]"), function (box) {
    var circle = box.querySelector("[data-breathe-circle]");
    var word = box.querySelector("[data-breathe-word]");
    var inSeconds = parseInt(box.getAttribute("data-in"), 10) || 4;
    var outSeconds = parseInt(box.getAttribute("data-out"), 10) || 6;
    var breathingIn = false;

    function phase() {
      breathingIn = !breathingIn;
      var seconds = breathingIn ? inSeconds : outSeconds;
      word.textContent = box.getAttribute(breathingIn ? "data-in-text" : "data-out-text");
      if (!reduceMotion) {
        circle.style.transitionDuration = seconds + "s";
        circle.classList.toggle("breath-in", breathingIn);
      }
      window.setTimeout(phase, seconds * 1000);
    }

    if (reduceMotion) { box.classList.add("still"); }
    box.hidden = false;
    phase();
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      function done() { if (status) { status.textContent = button.getAttribute("data-copied-text"); } }
      source.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
