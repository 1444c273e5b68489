// The plan page: its small forms save inline (htmx). Every save raises the plan's version; the swapped-in part
// carries the new one (data-planversjon), and the other small forms on the page take the highest version seen.
// A change made by someone else is not on this page, so it is still caught. Without JavaScript every form
// posts the whole page.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function () {
    var hoyeste = 0;
    document.querySelectorAll("[data-planversjon]").forEach(function (del) {
      hoyeste = Math.max(hoyeste, parseInt(del.getAttribute("data-planversjon"), 10) || 0);
    });
    if (!hoyeste) return;
    document.querySelectorAll("input.mv-planversjon").forEach(function (felt) {
      felt.value = String(hoyeste);
    });
  });
})();
