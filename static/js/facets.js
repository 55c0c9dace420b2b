// The catalogue's filters: open on wide screens, behind "Filter" on narrow
// ones (the CSS does the same without JavaScript where it can).
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  document.querySelectorAll("[data-facets-disclosure]").forEach(function (details) {
    function sync() { if (wide.matches) { details.open = true; } }
    sync();
    wide.addEventListener("change", sync);
  });
})();
