// The samtale form. Only enhances: without JavaScript the motivation fieldset is always shown (with its hint),
// and the "Lagre som utkast" button keeps a draft.
// 1. The motivation fieldset is shown only when the type is motivasjonssamtale (kept shown when it has errors).
// 2. What is typed is saved as a draft on the server two seconds after the user stops typing, for this user and
//    this person only, so a crash or a closed tab loses nothing. Saving the samtale removes the draft.
(function () {
  "use strict";
  var skjema = document.getElementById("samtaleskjema");
  if (!skjema) return;

  var type = skjema.querySelector("select[name=type]");
  var motivasjon = document.getElementById("motivasjon");
  function visMotivasjon() {
    if (!type || !motivasjon) return;
    var harFeil = motivasjon.querySelector(".is-invalid");
    motivasjon.hidden = type.value !== "motivasjon" && !harFeil;
  }
  if (type) {
    type.addEventListener("change", visMotivasjon);
    visMotivasjon();
  }

  var url = skjema.getAttribute("data-utkast-url");
  var status = document.getElementById("utkast-status");
  if (!url || !window.fetch || !window.FormData) return;
  var tidtaker = null;
  var sendt = false;
  function lagre() {
    if (sendt) return;
    var data = new FormData(skjema);
    var csrf = skjema.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "", "X-Medvandrer-Utkast": "1" },
    })
      .then(function (svar) { return svar.ok ? svar.json() : null; })
      .then(function (svar) {
        if (svar && svar.lagret && status) status.textContent = "Utkast lagret kl. " + svar.tid + ". Bare du ser det.";
      })
      .catch(function () { /* the next keystroke tries again; the idle lock keeps the page as it is */ });
  }
  function planlegg() {
    if (tidtaker) window.clearTimeout(tidtaker);
    tidtaker = window.setTimeout(lagre, 2000);
  }
  skjema.addEventListener("input", planlegg);
  skjema.addEventListener("change", planlegg);
  skjema.addEventListener("submit", function () {
    sendt = true; // the samtale itself is being saved: no draft after it
    if (tidtaker) window.clearTimeout(tidtaker);
  });
})();
