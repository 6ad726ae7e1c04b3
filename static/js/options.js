// Fills every <select data-options="url"> with the options of a cached JSON list of
// [value, label] pairs; the page renders only the blank choice and the chosen one.
(function () {
  "use strict";
  function fill(select, items) {
    var chosen = new Set(Array.from(select.selectedOptions, function (o) { return o.value; }));
    var blank = Array.from(select.options).filter(function (o) { return o.value === ""; });
    var fragment = document.createDocumentFragment();
    blank.forEach(function (o) { fragment.appendChild(o); });
    items.forEach(function (item) {
      var option = new Option(item[1], item[0], false, chosen.has(item[0]));
      fragment.appendChild(option);
    });
    select.replaceChildren(fragment);
  }
  function load(select) {
    fetch(select.dataset.options, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (items) { if (items) { fill(select, items); } })
      .catch(function () { /* keep the rendered choices: the form still works */ });
  }
  function start() {
    document.querySelectorAll("select[data-options]").forEach(load);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
