// "Copiar" buttons: <button data-copy-target="input-id" data-copied-label="Copiada">.
// A static file because the Content-Security-Policy refuses inline scripts.
(function () {
  "use strict";
  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var text = target.value !== undefined ? target.value : target.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied-label") || label;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { target.select(); });
    } else {
      target.select();
      if (document.execCommand("copy")) { done(); }
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (button) { copy(button); }
  });
})();
