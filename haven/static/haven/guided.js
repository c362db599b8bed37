// A calm countdown for one step of a guided exercise. Without this script the
// page says "stay with this for about N seconds" and the person goes on by hand.
// Nothing moves on by itself: when the time is up, the "Next" button gets focus.
(function () {
  "use strict";
  var box = document.querySelector("[data-guided-timer]");
  if (!box) { return; }
  var total = parseInt(box.getAttribute("data-seconds"), 10) || 30;
  var display = box.querySelector("[data-timer-display]");
  var progress = box.querySelector("[data-timer-progress]");
  var status = box.querySelector("[data-timer-status]");
  var fallback = document.querySelector("[data-timer-fallback]");
  var next = document.querySelector("[data-testid=guided-next]");
  var endsAt = Date.now() + total * 1000;
  var ticker = null;

  function show(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    display.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
    progress.value = total - seconds;
  }

  function tick() {
    var left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    show(left);
    if (left === 0) {
      window.clearInterval(ticker);
      status.textContent = box.getAttribute("data-done-text");
      if (next) { next.focus(); }
    }
  }

  show(total);
  box.hidden = false;
  if (fallback) { fallback.hidden = true; }
  ticker = window.setInterval(tick, 250);
})();
