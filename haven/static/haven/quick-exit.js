// Quick exit: the button at the top of every page, or Escape pressed twice.
// Hides the page at once, logs out on the server, and replaces this page in
// the history with a neutral site, so Back does not lead into Haven.
(function () {
  "use strict";
  var form = document.getElementById("quick-exit");
  if (!form) { return; }
  var neutral = form.getAttribute("data-neutral");
  var leaving = false;
  var lastEscape = 0;

  function leave(event) {
    if (event) { event.preventDefault(); }
    if (leaving) { return; }
    leaving = true;
    // Nothing of the page stays on screen while the logout finishes.
    document.body.replaceChildren();
    document.title = "";
    var done = function () { window.location.replace(neutral); };
    var timer = window.setTimeout(done, 1500);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual",
      keepalive: true,
    }).then(function () { window.clearTimeout(timer); done(); }, function () {
      window.clearTimeout(timer); done();
    });
  }

  form.addEventListener("submit", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { leave(event); }
    lastEscape = now;
  });
})();
