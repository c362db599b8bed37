// Live coach: re-check the message while the person types (debounced).
// The page works without this script: the buttons submit the form.
(function () {
  "use strict";
  var form = document.getElementById("practise-form");
  if (!form || !window.fetch) { return; }
  var results = document.getElementById("practise-results");
  var message = form.querySelector("textarea[name=message]");
  var url = form.getAttribute("data-fragment-url");
  var timer = null;
  var latest = 0;

  function check() {
    if (!message.value.trim()) { return; }
    var ticket = ++latest;
    var body = new FormData(form);
    body.set("action", "check");
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        // Answers can arrive out of order; only the newest one counts.
        if (ticket === latest) { results.innerHTML = html; }
      })
      .catch(function () { /* offline: the submit button still works */ });
  }

  message.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 350);
  });
})();
