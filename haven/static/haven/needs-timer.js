// One-minute timer for the felt-sense exercises. Without this script the page
// simply says "take about a minute"; nothing is stored anywhere.
(function () {
  "use strict";
  var timers = document.querySelectorAll("[data-timer]");
  Array.prototype.forEach.call(timers, function (box) {
    var total = parseInt(box.getAttribute("data-seconds"), 10) || 60;
    var display = box.querySelector("[data-timer-display]");
    var progress = box.querySelector("[data-timer-progress]");
    var start = box.querySelector("[data-timer-start]");
    var stop = box.querySelector("[data-timer-stop]");
    var status = box.querySelector("[data-timer-status]");
    var fallback = box.parentNode.querySelector("[data-timer-fallback]");
    var ticker = null;
    var endsAt = 0;

    function show(seconds) {
      var minutes = Math.floor(seconds / 60);
      var rest = seconds % 60;
      display.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
      progress.value = total - seconds;
    }

    function finish(done) {
      window.clearInterval(ticker);
      ticker = null;
      start.hidden = false;
      stop.hidden = true;
      if (done) {
        show(0);
        status.textContent = box.getAttribute("data-done-text");
      } else {
        show(total);
        status.textContent = "";
      }
    }

    function tick() {
      var left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      show(left);
      if (left === 0) { finish(true); }
    }

    start.addEventListener("click", function () {
      endsAt = Date.now() + total * 1000;
      start.hidden = true;
      stop.hidden = false;
      status.textContent = box.getAttribute("data-running-text");
      show(total);
      ticker = window.setInterval(tick, 250);
      stop.focus();
    });
    stop.addEventListener("click", function () {
      finish(false);
      start.focus();
    });

    show(total);
    box.hidden = false;
    if (fallback) { fallback.hidden = true; }
  });
})();
