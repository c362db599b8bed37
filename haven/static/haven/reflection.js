// Reflection pages: keep what is typed or chosen saved on the server while the
// person works, so nothing is lost when they leave halfway. Nothing is ever
// kept in the browser itself (no localStorage or sessionStorage: see
// SECURITY.md). Without this script the pages are plain forms with Save
// buttons that do the same job.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }

  var TYPING_PAUSE = 1500; // save after a pause in typing...
  var MAX_WAIT = 5000;     // ...and at least every few seconds while typing on

  function say(form, text, problem) {
    var status = form.querySelector("[data-autosave-status]");
    if (!status || !text) { return; }
    status.textContent = text;
    status.classList.toggle("problem", Boolean(problem));
  }

  function post(url, form, fields, keepalive) {
    var body = new FormData();
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    body.append("csrfmiddlewaretoken", token ? token.value : "");
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      // Logged out (401 from the rescue guard, or a redirect to the login
      // page), no consent, or a stale CSRF token: the Save button still works.
      if (response.status === 401 || response.status === 403 || response.redirected ||
          type.indexOf("application/json") !== 0) {
        return { kind: "logged-out" };
      }
      return response.json().then(function (data) {
        if (response.status === 409) { return { kind: "conflict", data: data }; }
        if (!response.ok) { return { kind: "error", data: data }; }
        return { kind: "saved", data: data };
      });
    }, function () { return { kind: "offline" }; });
  }

  function button(text) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "secondary";
    element.textContent = text;
    return element;
  }

  // --- free text (history): one saver per textarea --------------------------

  function textSaver(form, url, textarea) {
    var prompt = textarea.getAttribute("data-prompt");
    var revision = form.querySelector("input[name='" + prompt + "-revision']");
    var section = form.getAttribute("data-section");
    var saved = textarea.value; // what the server holds, as far as we know
    var timer = null;
    var firstChange = 0;
    var busy = false;
    var again = false;
    var paused = false; // after a conflict, until the person decides

    function schedule() {
      if (paused) { return; }
      var now = Date.now();
      if (!firstChange) { firstChange = now; }
      window.clearTimeout(timer);
      timer = window.setTimeout(save, Math.min(TYPING_PAUSE, Math.max(0, MAX_WAIT - (now - firstChange))));
    }

    function showConflict(data) {
      var box = document.createElement("div");
      box.className = "conflict";
      box.setAttribute("role", "note");
      var message = document.createElement("p");
      message.textContent = data.message;
      var quote = document.createElement("blockquote");
      quote.className = "prose";
      quote.textContent = data.text;
      var actions = document.createElement("div");
      actions.className = "actions";
      var useSaved = button(form.getAttribute("data-msg-use-saved"));
      var keepMine = button(form.getAttribute("data-msg-keep-mine"));
      function settle() {
        paused = false;
        revision.value = data.revision;
        box.parentNode.removeChild(box);
        textarea.focus();
      }
      useSaved.addEventListener("click", function () {
        textarea.value = data.text;
        saved = data.text;
        settle();
      });
      keepMine.addEventListener("click", function () {
        // The person has seen the other version and chose theirs: save it over
        // the revision they have now seen.
        saved = data.text;
        settle();
        save();
      });
      actions.appendChild(useSaved);
      actions.appendChild(keepMine);
      box.appendChild(message);
      box.appendChild(quote);
      box.appendChild(actions);
      textarea.parentNode.insertBefore(box, textarea);
    }

    function save(keepalive) {
      window.clearTimeout(timer);
      timer = null;
      if (paused || textarea.value === saved) { firstChange = 0; return; }
      if (busy) { again = true; return; }
      busy = true;
      firstChange = 0;
      var text = textarea.value;
      say(form, form.getAttribute("data-msg-saving"));
      post(url, form, { section: section, prompt: prompt, text: text, revision: revision.value },
           keepalive).then(function (result) {
        busy = false;
        if (result.kind === "saved") {
          saved = text;
          if (result.data.revision !== null && result.data.revision !== undefined) {
            revision.value = result.data.revision;
          }
          say(form, result.data.message);
        } else if (result.kind === "conflict") {
          paused = true;
          showConflict(result.data);
          say(form, result.data.message, true);
        } else if (result.kind === "logged-out") {
          say(form, form.getAttribute("data-msg-logged-out"), true);
        } else {
          say(form, form.getAttribute("data-msg-offline"), true);
        }
        if (again) { again = false; if (result.kind === "saved") { save(); } }
      });
    }

    textarea.addEventListener("input", schedule);
    textarea.addEventListener("blur", function () { save(); });
    return {
      flush: function () { save(true); },
      cancel: function () { window.clearTimeout(timer); timer = null; },
      busy: function () { return busy; }
    };
  }

  function historyForm(form) {
    var url = form.getAttribute("data-autosave-url");
    var savers = Array.prototype.map.call(
      form.querySelectorAll("textarea[data-prompt]"),
      function (textarea) { return textSaver(form, url, textarea); }
    );
    var submitting = false;
    function flushAll() {
      if (!submitting) { savers.forEach(function (saver) { saver.flush(); }); }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { flushAll(); }
    });
    window.addEventListener("pagehide", flushAll);
    form.addEventListener("submit", function (event) {
      savers.forEach(function (saver) { saver.cancel(); });
      // Let a save that is on its way finish first, so the form sends the
      // newest revision instead of meeting its own save as a conflict.
      var waiting = savers.some(function (saver) { return saver.busy(); });
      if (!waiting || submitting) { submitting = true; return; }
      event.preventDefault();
      var submitter = event.submitter;
      var tries = 0;
      var poll = window.setInterval(function () {
        tries += 1;
        if (tries < 50 && savers.some(function (saver) { return saver.busy(); })) { return; }
        window.clearInterval(poll);
        submitting = true;
        if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
      }, 100);
    });
  }

  // --- answers (questionnaire): each choice saved as soon as it is made --------

  function answerForm(form) {
    var url = form.getAttribute("data-answer-autosave-url");
    var revision = form.querySelector("input[name=revision]");
    var queue = [];
    var busy = false;

    function next() {
      if (busy || !queue.length) { return; }
      var job = queue.shift();
      busy = true;
      say(form, form.getAttribute("data-msg-saving"));
      post(url, form, { item: job.item, value: job.value, revision: revision.value })
        .then(function (result) {
          busy = false;
          if (result.kind === "saved") {
            revision.value = result.data.revision;
            say(form, result.data.message);
          } else if (result.kind === "conflict") {
            revision.value = result.data.revision;
            var stored = form.querySelector(
              "input[name='" + result.data.item + "'][value='" + result.data.value + "']");
            if (stored) { stored.checked = true; }
            say(form, result.data.message, true);
          } else {
            // The buttons below save every choice on the page in one go.
            queue = [];
            say(form, form.getAttribute(
              result.kind === "logged-out" ? "data-msg-logged-out" : "data-msg-offline"), true);
          }
          next();
        });
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type !== "radio") { return; }
      queue = queue.filter(function (job) { return job.item !== input.name; });
      queue.push({ item: input.name, value: input.value });
      next();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave-url]"), historyForm);
  Array.prototype.forEach.call(
    document.querySelectorAll("form[data-answer-autosave-url]"), answerForm);
})();
