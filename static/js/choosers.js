// Turns every <select data-chooser> of the edit forms into a searchable Tom Select picker
// (static/vendor/tom-select). Options may carry extra search text (other language, synonyms,
// codes) in data-search="…", which Tom Select reads into the option's `search` field. A
// <select data-browser-timezone> left empty is set to the browser's zone first. Without
// JavaScript the plain select posts the same values.
(function () {
  "use strict";

  function proposeBrowserZone(select) {
    if (select.value) { return; }
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
    if (zone && known) { select.value = zone; }
  }

  // The expert's skills are a typed "skill: years" list; the finder adds a known skill as a line.
  function addSkillLine(textarea, name) {
    var terms = textarea.value.split(/[\n,]/).map(function (entry) {
      return entry.split(":")[0].trim().toLowerCase();
    });
    if (terms.indexOf(name.toLowerCase()) === -1) {
      var text = textarea.value.replace(/\s+$/, "");
      textarea.value = (text ? text + "\n" : "") + name + ": ";
    }
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  function finderSettings(select, settings) {
    var textarea = document.getElementById(select.dataset.skillFinder);
    var wrapper = select.closest("[hidden]");
    if (!textarea) { return settings; }
    if (wrapper) { wrapper.hidden = false; }
    settings.allowEmptyOption = false;
    settings.placeholder = select.dataset.chooserPlaceholder || "";
    settings.onChange = function (value) {
      if (!value) { return; }
      this.clear(true);
      addSkillLine(textarea, value);
    };
    return settings;
  }

  function enhance(select) {
    if ("browserTimezone" in select.dataset) { proposeBrowserZone(select); }
    if (typeof window.TomSelect === "undefined" || select.tomselect) { return; }
    var empty = select.dataset.chooserEmpty || "";
    var settings = {
      searchField: ["text", "search"],
      maxOptions: null,
      allowEmptyOption: !select.multiple,
      closeAfterSelect: !select.multiple,
      plugins: select.multiple ? { remove_button: { title: select.dataset.chooserRemove || "" } } : [],
      render: {
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(empty) + "</div>";
        }
      }
    };
    if ("skillFinder" in select.dataset) { settings = finderSettings(select, settings); }
    new window.TomSelect(select, settings);
    // The label now names Tom Select's combobox; the original select stays in the page only to
    // be posted (not focusable), so assistive technology should not meet it a second time.
    select.setAttribute("aria-hidden", "true");
  }

  function start() {
    document.querySelectorAll("select[data-chooser]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
