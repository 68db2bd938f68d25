// "Add from the library": a filter over the checkboxes of each picker. Without JavaScript the
// filter stays hidden and every tag is listed, grouped by interpretation.
(function () {
  "use strict";

  function matches(element, words) {
    var text = element.textContent.toLowerCase();
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function narrow(picker, query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var anyShown = false;
    picker.querySelectorAll("[data-library-group]").forEach(function (group) {
      var legend = group.querySelector("legend");
      var wholeGroup = legend && words.length > 0 && matches(legend, words);
      var groupShown = false;
      group.querySelectorAll("[data-library-option]").forEach(function (option) {
        var shown = wholeGroup || matches(option, words);
        option.hidden = !shown;
        groupShown = groupShown || shown;
      });
      group.hidden = !groupShown;
      anyShown = anyShown || groupShown;
    });
    var empty = picker.querySelector("[data-library-empty]");
    if (empty) {
      empty.hidden = anyShown;
    }
  }

  document.querySelectorAll("[data-library-picker]").forEach(function (picker) {
    var filter = picker.querySelector("[data-library-filter]");
    if (!filter) {
      return;
    }
    filter.hidden = false;
    filter.addEventListener("input", function () { narrow(picker, filter.value); });
    // Enter in the filter would send the whole form, saving the dream half-written.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  });
})();
