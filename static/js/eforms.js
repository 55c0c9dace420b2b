// Enhancements only: every e-form page works without JavaScript (all
// questions shown, with a note on the ones that depend on another answer).
(function () {
  "use strict";
  // Show a question only when the answer it depends on (on this page) matches.
  function currentValues(name) {
    var values = [];
    document.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      values.push(input.value);
    });
    return values;
  }
  var dependents = document.querySelectorAll("[data-show-if-name]");
  function refresh() {
    dependents.forEach(function (question) {
      var shown = currentValues(question.dataset.showIfName).indexOf(question.dataset.showIfValue) !== -1;
      question.hidden = !shown;
    });
  }
  dependents.forEach(function (question) {
    var note = question.querySelector("[data-condition-note]");
    if (note) { note.hidden = true; }
    document.querySelectorAll('[name="' + question.dataset.showIfName + '"]').forEach(function (input) {
      input.addEventListener("change", refresh);
    });
  });
  refresh();
  // Fill the list of communes when a province is chosen.
  document.querySelectorAll("select[data-communes]").forEach(function (select) {
    var list = document.getElementById(select.dataset.communes);
    if (!list || !window.fetch) { return; }
    select.addEventListener("change", function () {
      list.textContent = "";
      if (!select.value) { return; }
      fetch("/api/administrative-units/?province=" + encodeURIComponent(select.value))
        .then(function (response) { return response.ok ? response.json() : { communes: [] }; })
        .then(function (data) {
          data.communes.forEach(function (unit) {
            var option = document.createElement("option");
            option.value = unit.name;
            list.appendChild(option);
          });
        })
        .catch(function () { /* the server checks the name anyway */ });
    });
  });
})();
