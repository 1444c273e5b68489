// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // After a failed submit, move focus to the error summary so screen readers announce it (as GOV.UK
    // Frontend does: focusable only for this, and no longer once focus has left it).
    var summary = document.querySelector(".mv-feiloppsummering");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.addEventListener("blur", function () {
        summary.removeAttribute("tabindex");
      });
      summary.focus();
      // A link in the summary focuses its field, with the field's label or question in view.
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) return;
        var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (!field) return;
        event.preventDefault();
        var fieldset = field.closest("fieldset");
        var label = (fieldset && fieldset.querySelector("legend")) || document.querySelector("label[for='" + field.id + "']");
        (label || field).scrollIntoView();
        field.focus({ preventScroll: true });
      });
    }
  });
})();
