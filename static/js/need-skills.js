// Skills and fields proposed from a need's text, as chips to accept. The project form carries
// data-skills-from-text="<url>"; as the liaison writes (debounced), the title, summary and
// description are posted there and each proposal becomes a chip. Accepting a chip selects the
// option in the form's own select, so without JavaScript the form is exactly the same.
(function () {
  "use strict";
  var DELAY = 900;
  var MIN_CHARS = 40;
  function start(form) {
    var url = form.dataset.skillsFromText;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var sources = ["id_title", "id_summary", "id_description"]
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    var targets = {
      required: document.getElementById("id_required_skills"),
      nice: document.getElementById("id_nice_to_have_skills"),
      fields: document.getElementById("id_fields_of_science")
    };
    if (!url || !token || !sources.length || !targets.required) { return; }
    var box = document.createElement("div");
    box.className = "need-chips";
    box.setAttribute("aria-live", "polite");
    box.hidden = true;
    var anchor = sources[sources.length - 1];
    (anchor.closest("div") || anchor).after(box);
    var timer = null;
    var lastText = "";

    function isChosen(select, id) {
      var option = select && select.querySelector('option[value="' + id + '"]');
      return !option || option.selected;
    }
    function chip(select, item, kindLabel, addLabel) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "chip";
      button.textContent = "+ " + item.label + " (" + kindLabel + ")";
      button.title = addLabel;
      button.addEventListener("click", function () {
        var option = select.querySelector('option[value="' + item.id + '"]');
        if (option) {
          option.selected = true;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
        button.remove();
        if (!box.querySelector(".chip")) { box.hidden = true; }
      });
      return button;
    }
    function show(data) {
      box.replaceChildren();
      var labels = data.labels || {};
      var heading = document.createElement("p");
      heading.className = "help";
      heading.textContent = labels.title || "";
      box.appendChild(heading);
      [["required", labels.required], ["nice", labels.nice], ["fields", labels.field]].forEach(function (pair) {
        var select = targets[pair[0]];
        (data[pair[0]] || []).forEach(function (item) {
          if (select && !isChosen(select, item.id)) {
            box.appendChild(chip(select, item, pair[1] || "", labels.add || ""));
          }
        });
      });
      box.hidden = !box.querySelector(".chip");
    }
    function ask() {
      var text = sources.map(function (el) { return el.value; }).join("\n").trim();
      if (text.length < MIN_CHARS || text === lastText) { return; }
      lastText = text;
      var body = new FormData();
      body.append("text", text.slice(0, 6000));
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { show(data); } })
        .catch(function () { /* no suggestions: the form works as before */ });
    }
    sources.forEach(function (el) {
      el.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, DELAY);
      });
    });
    ask();
  }
  function init() {
    document.querySelectorAll("form[data-skills-from-text]").forEach(start);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
