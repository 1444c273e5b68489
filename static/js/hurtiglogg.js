// The quick log (oppfolging.views.hurtiglogg): the search field becomes an ARIA combobox (the WAI-ARIA APG
// "list autocomplete" pattern). Typing fetches the people found (a POST, so the name is never in a URL); ArrowDown
// and ArrowUp move through them, Enter or a click chooses one, Escape closes the list. With the list closed, Enter
// saves the form. Without JavaScript the page works as a plain search step (the "Søk" button), which this removes.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var skjema = document.getElementById("hurtiglogg");
    if (!skjema) return;
    var felt = skjema.querySelector("[data-hurtigsok]");
    var liste = document.getElementById("hurtig-treff");
    var skjult = skjema.querySelector("[data-deltaker]");
    var valgtTekst = skjema.querySelector("[data-valgt]");
    var lagre = skjema.querySelector('button[value="lagre"]');
    if (!felt || !liste || !skjult) return; // the plain search step's radio buttons are on the page: leave it be

    skjema.querySelectorAll("[data-uten-js]").forEach(function (el) { el.remove(); });
    skjema.querySelectorAll("[data-minutter]").forEach(function (knapp) {
      knapp.hidden = false;
      knapp.addEventListener("click", function () {
        var minutter = skjema.querySelector('[name="varighet"]');
        minutter.value = knapp.getAttribute("data-minutter");
        minutter.focus();
      });
    });

    felt.setAttribute("role", "combobox");
    felt.setAttribute("aria-autocomplete", "list");
    felt.setAttribute("aria-controls", liste.id);
    felt.setAttribute("aria-expanded", "false");

    var aktiv = -1;
    var tidtaker = null;
    var sisteSok = null;
    var valgtNavn = skjult.value ? felt.value : "";

    function valg() {
      return Array.prototype.slice.call(liste.querySelectorAll('[role="option"]:not([aria-disabled="true"])'));
    }
    function lukk() {
      liste.hidden = true;
      felt.setAttribute("aria-expanded", "false");
      felt.removeAttribute("aria-activedescendant");
      aktiv = -1;
    }
    function marker(indeks) {
      var alle = valg();
      if (!alle.length) return;
      aktiv = (indeks + alle.length) % alle.length;
      alle.forEach(function (el, i) {
        el.setAttribute("aria-selected", i === aktiv ? "true" : "false");
        el.classList.toggle("active", i === aktiv);
      });
      felt.setAttribute("aria-activedescendant", alle[aktiv].id);
      alle[aktiv].scrollIntoView({ block: "nearest" });
    }
    function velg(el) {
      skjult.value = el.getAttribute("data-id");
      valgtNavn = el.getAttribute("data-navn");
      felt.value = valgtNavn;
      valgtTekst.textContent = "Valgt: " + el.textContent + ". Trykk Enter for å logge kontakten.";
      lukk();
      felt.focus();
    }
    function sok() {
      var tekst = felt.value.trim();
      if (tekst === sisteSok) return;
      sisteSok = tekst;
      if (!tekst) { liste.innerHTML = ""; lukk(); return; }
      var data = new FormData();
      data.append("q", tekst);
      data.append("csrfmiddlewaretoken", skjema.querySelector('[name="csrfmiddlewaretoken"]').value);
      fetch(skjema.getAttribute("data-sok-url"), { method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" } })
        .then(function (svar) { return svar.ok ? svar.text() : Promise.reject(svar.status); })
        .then(function (html) {
          if (tekst !== felt.value.trim()) return; // an answer to an older keystroke
          liste.innerHTML = html;
          aktiv = -1;
          felt.removeAttribute("aria-activedescendant");
          var tom = !liste.querySelector('[role="option"]');
          liste.hidden = tom;
          felt.setAttribute("aria-expanded", tom ? "false" : "true");
        })
        .catch(function () { sisteSok = null; });
    }

    felt.addEventListener("input", function () {
      if (skjult.value && felt.value !== valgtNavn) { // typing again: the person chosen is no longer chosen
        skjult.value = "";
        valgtTekst.textContent = "";
      }
      clearTimeout(tidtaker);
      tidtaker = setTimeout(sok, 150);
    });
    felt.addEventListener("keydown", function (e) {
      var apen = !liste.hidden;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!apen && valg().length) { liste.hidden = false; felt.setAttribute("aria-expanded", "true"); }
        marker(e.key === "ArrowDown" ? aktiv + 1 : aktiv - 1);
      } else if (e.key === "Enter") {
        if (apen && aktiv >= 0) {
          e.preventDefault();
          velg(valg()[aktiv]);
        } else if (apen && valg().length === 1 && !skjult.value) {
          e.preventDefault();
          velg(valg()[0]);
        } else if (skjult.value) {
          e.preventDefault();
          skjema.requestSubmit(lagre);
        }
      } else if (e.key === "Escape" && apen) {
        e.preventDefault();
        lukk();
      }
    });
    felt.addEventListener("blur", function () { setTimeout(lukk, 200); });
    liste.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the field
    liste.addEventListener("click", function (e) {
      var el = e.target.closest('[role="option"]:not([aria-disabled="true"])');
      if (el) velg(el);
    });

    // The confirmation: set again once the page is loaded, so a screen reader announces it.
    var kvittering = document.querySelector("[data-kvittering]");
    if (kvittering) {
      var tekst = kvittering.textContent;
      kvittering.textContent = "";
      setTimeout(function () { kvittering.textContent = tekst; }, 100);
    }
    // Ready for the next person: the cursor in the search field (unless an error summary took focus).
    if (!document.querySelector(".mv-feiloppsummering")) felt.focus();
  });
})();
