// The register: put the cursor in the search field when the register is opened, so a name can be typed at
// once. Only there: not after a search or a page link (the address has a #fragment or a page), and not
// when the page shows an error summary (medvandrer.js moves focus to it) or something else has focus.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var felt = document.querySelector("[data-fokus-ved-apning]");
    if (!felt || window.location.hash || document.querySelector(".mv-feiloppsummering")) return;
    var parametre = new URLSearchParams(window.location.search);
    if (parametre.has("etter") || parametre.has("foer") || parametre.has("side")) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    felt.focus();
    felt.select();
  });
})();
