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

  // The "your version" box starts as the coach's suggestion for the message it
  // was made for. Untouched, it belongs to that message and goes when the
  // message changes; once the person edits it, it is their text and stays.
  function untouchedDraft() {
    var draft = results.querySelector("textarea[name=draft]");
    return draft && draft.value === draft.defaultValue ? draft : null;
  }

  function check() {
    if (!message.value.trim()) {
      latest++;
      if (untouchedDraft() || !results.querySelector("textarea[name=draft]")) { results.innerHTML = ""; }
      return;
    }
    var ticket = ++latest;
    var body = new FormData(form);
    body.set("action", "check");
    if (untouchedDraft()) { body.delete("draft"); }
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
    // A suggestion for the old text must not stay on screen while the new one is checked.
    var stale = untouchedDraft();
    if (stale) {
      var card = stale.closest("section");
      if (card) { card.hidden = true; }
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 350);
  });
})();
