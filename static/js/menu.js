// The compact header: under 640 px the main navigation folds behind the "Menú" button.
// Without this script the navigation simply stays open (the CSS folds it only when the
// header carries .has-menu, which this file adds).
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var header = document.querySelector(".site-header");
  if (!button || !header) { return; }
  header.classList.add("has-menu");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    header.classList.toggle("menu-open", !open);
  });
})();
