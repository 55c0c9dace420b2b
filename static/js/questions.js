/* Q&A forms: show only the topic's own choice (procedure code, sector or
   agency) once a topic is picked, and move focus to the error summary.
   Without JavaScript every choice stays visible and the form still works. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }
  var form = document.querySelector(".ask-form");
  if (!form) { return; }
  var radios = form.querySelectorAll("input[name='topic']");
  var groups = form.querySelectorAll(".ask-form__topic");
  function update() {
    var chosen = form.querySelector("input[name='topic']:checked");
    var topic = chosen ? chosen.value : "";
    groups.forEach(function (group) {
      group.hidden = group.getAttribute("data-topic") !== topic;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
