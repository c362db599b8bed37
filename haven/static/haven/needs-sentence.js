// Sentence builder: choosing a wording fills in the sentence at once.
// Without this script the "Use this wording" button does the same by reloading.
// Text the person changed by hand is never overwritten silently.
(function () {
  "use strict";
  var form = document.getElementById("sentence-builder");
  if (!form) { return; }
  var sentence = form.querySelector("textarea[name=sentence]");
  var ownWords = form.querySelector("input[name=own_words]");
  var radios = form.querySelectorAll("input[type=radio][data-template]");
  var button = form.querySelector("[data-wording-button]");
  if (!sentence || !radios.length) { return; }

  function fragment() {
    if (ownWords) { return ownWords.value.trim().replace(/[.!?]+$/, ""); }
    return form.getAttribute("data-fragment") || "";
  }

  function build(radio) {
    return radio.getAttribute("data-template").replace("{need}", fragment());
  }

  // The sentence counts as untouched while it equals one of the built ones.
  function untouched() {
    var current = sentence.value.trim();
    if (!current) { return true; }
    for (var i = 0; i < radios.length; i++) {
      if (build(radios[i]) === current) { return true; }
    }
    return false;
  }

  var lastBuilt = sentence.value.trim();

  function apply(radio, force) {
    if (force || untouched() || sentence.value.trim() === lastBuilt) {
      sentence.value = build(radio);
      lastBuilt = sentence.value;
    }
  }

  for (var i = 0; i < radios.length; i++) {
    radios[i].addEventListener("change", function (event) { apply(event.target, false); });
  }
  if (ownWords) {
    ownWords.addEventListener("input", function () {
      var checked = form.querySelector("input[type=radio][data-template]:checked");
      if (checked) { apply(checked, false); }
    });
  }
  // Replacing hand-written text on purpose still keeps it one tap away.
  var undoBox = null;
  function offerUndo(previous) {
    if (undoBox) { undoBox.parentNode.removeChild(undoBox); }
    undoBox = document.createElement("div");
    undoBox.className = "notice";
    undoBox.setAttribute("role", "status");
    undoBox.setAttribute("data-testid", "previous-version");
    var text = document.createElement("p");
    text.textContent = form.getAttribute("data-msg-replaced");
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "secondary";
    undo.textContent = form.getAttribute("data-msg-undo");
    undo.addEventListener("click", function () {
      sentence.value = previous;
      lastBuilt = "";
      undoBox.parentNode.removeChild(undoBox);
      undoBox = null;
      sentence.focus();
    });
    undoBox.appendChild(text);
    undoBox.appendChild(undo);
    sentence.parentNode.insertBefore(undoBox, sentence);
  }

  if (button) {
    // The button still works with the script: it replaces hand-made changes on purpose.
    button.addEventListener("click", function (event) {
      var checked = form.querySelector("input[type=radio][data-template]:checked");
      if (!checked) { return; }
      event.preventDefault();
      var before = sentence.value;
      var handMade = !untouched() && before.trim() !== lastBuilt.trim();
      apply(checked, true);
      if (handMade) { offerUndo(before); }
      sentence.focus();
    });
  }
})();
