// Panels marked <details data-fold="narrow" open> (the main menu, list filters) are open in the
// markup, so they work without script. On a narrow screen this folds them behind their summary,
// shown there as a button; on a wide screen, where the summary is hidden, they stay open.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 700px)");

  function fold() {
    var panels = document.querySelectorAll('details[data-fold="narrow"]');
    for (var i = 0; i < panels.length; i += 1) {
      // A panel holding an error stays open: the reader must see what to correct.
      panels[i].open = !narrow.matches || panels[i].querySelector(".errorlist") !== null;
    }
  }

  fold();
  if (narrow.addEventListener) {
    narrow.addEventListener("change", fold);
  }
})();
