// A "Print" button (<button type="button" data-print>) opens the browser's print dialogue; the
// page's print style sheet leaves out the menus. Kept out of the markup (no onclick=) so that the
// Content-Security-Policy can refuse every inline script.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
