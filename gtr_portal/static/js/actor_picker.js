// A box above each actor list: type a name or a code, in French or English, with or without
// accents, and the list keeps the actors that match (the chosen ones always stay). Without
// JavaScript the list is a plain multiple choice.
(function () {
  "use strict";
  function plain(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("select[data-actor-picker]").forEach(function (select) {
    var label = select.getAttribute("data-search-label");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "actor-search";
    box.setAttribute("aria-label", label);
    box.placeholder = label;
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var query = plain(box.value.trim());
      Array.prototype.forEach.call(select.options, function (option) {
        var words = option.getAttribute("data-search") || plain(option.text);
        option.hidden = query !== "" && !option.selected && words.indexOf(query) === -1;
      });
    });
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();  // Enter picks the first match instead of sending the form
      var first = Array.prototype.find.call(select.options, function (o) { return !o.hidden && !o.selected; });
      if (first) { first.selected = true; box.value = ""; box.dispatchEvent(new Event("input")); }
    });
  });
})();
