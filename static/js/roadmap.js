// The investor roadmap: ticking a condition updates the total at once.
// Enhancement only: without JavaScript the form is a plain GET form and the
// server computes the same figures (cms_pages/roadmap.py).
(function () {
  "use strict";
  document.querySelectorAll("[data-roadmap-form]").forEach(function (form) {
    var section = form.closest("[data-roadmap]");
    var button = form.querySelector("[data-roadmap-submit]");
    if (!section || !button || !window.fetch || !window.DOMParser) { return; }
    button.hidden = true;
    var pending = null;
    form.addEventListener("change", function () {
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = form.action.split("#")[0].split("?")[0] + "?" + query;
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url, { signal: pending.signal, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById(section.id);
          if (!fresh) { throw new Error("no roadmap"); }
          // Replace only the figures: the form keeps focus and ticks.
          ["[data-roadmap-total]", "[data-roadmap-steps]"].forEach(function (selector) {
            var now = section.querySelector(selector);
            var next = fresh.querySelector(selector);
            if (now && next) { now.replaceWith(next); }
          });
          window.history.replaceState(null, "", url + "#" + section.id);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") { form.submit(); }
        });
    });
  });
})();
