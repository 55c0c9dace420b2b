/* Small page enhancements that used to be inline scripts (kept out of the
   HTML so the Content-Security-Policy needs no 'unsafe-inline'):
   - buttons marked data-print appear and print the page;
   - an error summary takes the focus, so screen readers announce it. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  var summary = document.querySelector(".error-summary[data-autofocus]");
  if (summary) {
    summary.focus();
  }
})();
