// Long forms (my side of the cycle): keep a draft on the server while the
// person writes, and warn before leaving with unsaved text. Nothing is kept in
// the browser itself (SECURITY.md). Without this script the form's Save button
// does the same job, and an expired session keeps the text (rescue).
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }
  var TYPING_PAUSE = 1500;

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-url]"), function (form) {
    var url = form.getAttribute("data-draft-url");
    var status = form.querySelector("[data-autosave-status]");
    var revision = form.querySelector("input[name=revision]");
    var timer = null;
    var dirty = false;
    var busy = false;
    var again = false;
    var submitting = false;

    function say(text, problem) {
      if (!status || !text) { return; }
      status.textContent = text;
      status.classList.toggle("problem", Boolean(problem));
    }

    function save(keepalive) {
      window.clearTimeout(timer);
      timer = null;
      if (!dirty || submitting) { return; }
      if (busy) { again = true; return; }
      busy = true;
      dirty = false;
      say(form.getAttribute("data-msg-saving"));
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        keepalive: Boolean(keepalive),
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected || type.indexOf("application/json") !== 0) {
          return { kind: "logged-out" };
        }
        return response.json().then(function (data) {
          return { kind: response.status === 409 ? "conflict" : (response.ok ? "saved" : "error"), data: data };
        });
      }, function () { return { kind: "offline" }; }).then(function (result) {
        busy = false;
        if (result.kind === "saved" || result.kind === "conflict") {
          if (revision && result.data.revision !== undefined && result.data.revision !== null) {
            revision.value = result.data.revision;
          }
          say(result.data.message, result.kind === "conflict");
        } else {
          dirty = true; // still to be saved
          say(form.getAttribute(result.kind === "logged-out" ? "data-msg-logged-out" : "data-msg-offline"), true);
        }
        if (again) { again = false; save(); }
      });
    }

    function changed() {
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(save, TYPING_PAUSE);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { submitting = true; window.clearTimeout(timer); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(true); }
    });
    window.addEventListener("beforeunload", function (event) {
      if ((dirty || busy) && !submitting) {
        save(true);
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
