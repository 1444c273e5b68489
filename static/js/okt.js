// The idle lock in the browser. The server locks an idle session by itself (deltakere/okt.py); this
// adds, for a page left open:
// - activity on the page counts: typing a long note without saving is told to the server (a
//   keep-alive POST at most once per interval, and only after activity);
// - a warning before the limit, as GOV.UK's timeout warning: a modal dialog with one action, "Fortsett";
// - at the limit the page is locked where it is: hidden and inert, but still there, so what was typed
//   survives; the lock panel unlocks without leaving the page.
// Tabs share activity and state through localStorage. The time left always comes from the server
// (status endpoint); no clock is compared with the server's.
(function () {
  "use strict";

  var TILSTAND = "medvandrer.okt"; // {bruker, frist, laast}, written from the server's answers
  var AKTIVITET = "medvandrer.okt.aktivitet"; // last activity in any tab (ms)
  var SENDT = "medvandrer.okt.sendt"; // last keep-alive sent by any tab (ms)
  var HENDELSER = ["keydown", "input", "pointerdown", "scroll", "focus"];
  var VENT_MS = 10000; // longest wait for an answer from the server

  function lagre(nokkel, verdi) {
    try {
      localStorage.setItem(nokkel, JSON.stringify(verdi));
    } catch (e) {
      // No storage (private mode, full): each tab keeps to itself.
    }
  }

  function les(nokkel) {
    try {
      return JSON.parse(localStorage.getItem(nokkel));
    } catch (e) {
      return null;
    }
  }

  function start(rot) {
    var d = rot.dataset;
    var bruker = d.bruker;
    var varselMs = Number(d.varselSekunder) * 1000;
    var intervallMs = Number(d.intervallSekunder) * 1000;
    var csrf = document.querySelector('meta[name="csrf-token"]').content;
    var varsel = document.getElementById("mv-okt-varsel");
    var fortsettKnapp = document.getElementById("mv-okt-fortsett");
    var panel = document.getElementById("mv-laas");
    var skjema = document.getElementById("mv-laas-skjema");
    var passord = document.getElementById("mv-laas-passord");
    var kode = document.getElementById("mv-laas-kode");
    var generellFeil = document.getElementById("mv-laas-feil");

    var tilstand = "aktiv"; // "aktiv", "varsel" or "laast"
    var frist = Date.now() + Number(d.sekunderIgjen) * 1000; // when the server locks, as it last said
    var aktivitet = 0; // last activity in this tab
    var sendt = 0; // last keep-alive from this tab
    var skrevet = 0; // last time this tab's activity was written to localStorage
    var venter = false; // a status or keep-alive request is under way
    var stille = false; // focus moved by this script is not the user's activity
    var fokusFor = null; // where focus was before the warning or the lock
    var utlogging = false; // another tab signed out: only the password opens this page again
    var tittel = document.title;

    function sisteAktivitet() {
      return Math.max(aktivitet, Number(les(AKTIVITET)) || 0);
    }

    function sisteSendt() {
      return Math.max(sendt, Number(les(SENDT)) || 0);
    }

    function publiser(laast) {
      lagre(TILSTAND, { bruker: bruker, frist: frist, laast: laast });
    }

    // A status answer from the server. False when this page is no longer the session's.
    function oppdater(svar) {
      if (!svar.innlogget || String(svar.bruker) !== bruker) {
        forlat();
        return false;
      }
      frist = Date.now() + svar.sekunder_igjen * 1000;
      publiser(svar.laast);
      return true;
    }

    // A request that hangs must not keep the page from locking: give up after a while.
    function tidsfrist() {
      return AbortSignal.timeout ? AbortSignal.timeout(VENT_MS) : undefined;
    }

    function hentStatus() {
      return fetch(d.statusUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: tidsfrist(),
      });
    }

    function post(url, body) {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        body: body,
        // X-Requested-With: a lockout (django-axes) answers in JSON, not with its page.
        headers: { Accept: "application/json", "X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest" },
        signal: tidsfrist(),
      });
    }

    function holdAktiv() {
      sendt = Date.now();
      lagre(SENDT, sendt);
      return post(d.aktivUrl);
    }

    // Run a request to the server, take in its answer, then decide. Offline, decide on what is known.
    function spor(foresporsel) {
      venter = true;
      foresporsel
        .then(function (svar) {
          return svar.json();
        })
        .then(function (svar) {
          venter = false;
          if (oppdater(svar)) vurder();
        })
        .catch(function () {
          venter = false;
          vurder();
        });
    }

    function vurder() {
      var igjen = frist - Date.now();
      if (igjen <= 0) laas();
      else if (tilstand === "laast") {
        if (!utlogging) apne();
      }
      else if (igjen <= varselMs) {
        if (tilstand === "aktiv") visVarsel();
      } else if (tilstand === "varsel") lukkVarsel();
    }

    function tikk() {
      if (venter || tilstand === "laast") return;
      var naa = Date.now();
      var nyAktivitet = sisteAktivitet() > sisteSendt();
      var igjen = frist - naa;
      if (tilstand === "aktiv" && nyAktivitet && (naa - sisteSendt() >= intervallMs || igjen <= varselMs)) {
        // Activity since the last keep-alive: tell it, at most once per interval, and always
        // rather than warn someone who is at work.
        spor(holdAktiv());
      } else if ((tilstand === "aktiv" && igjen <= varselMs) || igjen <= 0) {
        // Ask before warning or locking: another tab may have kept the session alive.
        spor(hentStatus());
      }
    }

    function flyttFokus(element) {
      stille = true;
      element.focus();
      stille = false;
    }

    function gjenopprettFokus() {
      var maal = fokusFor;
      fokusFor = null;
      if (!maal || maal === document.body || !document.contains(maal)) maal = document.getElementById("hovedinnhold");
      if (maal) flyttFokus(maal);
    }

    function visVarsel() {
      tilstand = "varsel";
      fokusFor = document.activeElement;
      stille = true;
      varsel.showModal();
      stille = false;
      flyttFokus(fortsettKnapp);
    }

    function lukkVarsel() {
      tilstand = "aktiv";
      stille = true; // the browser may move focus back as the dialog closes
      if (varsel.open) varsel.close();
      stille = false;
      gjenopprettFokus();
    }

    function fortsett() {
      lukkVarsel();
      spor(holdAktiv());
    }

    function settInert(inert) {
      Array.prototype.forEach.call(document.body.children, function (barn) {
        if (barn !== rot) barn.inert = inert;
      });
    }

    function laas(fortell) {
      if (tilstand === "laast") return;
      if (tilstand === "aktiv") fokusFor = document.activeElement;
      tilstand = "laast";
      if (varsel.open) varsel.close();
      tittel = document.title;
      document.title = "Skjermen er låst – Medvandrer";
      settInert(true);
      document.body.classList.add("mv-laast");
      panel.hidden = false;
      visFeil({});
      passord.value = "";
      if (kode) kode.value = "";
      flyttFokus(passord);
      if (fortell !== false) publiser(true);
    }

    function apne() {
      tilstand = "aktiv";
      panel.hidden = true;
      document.body.classList.remove("mv-laast");
      settInert(false);
      document.title = tittel;
      passord.value = "";
      if (kode) kode.value = "";
      visFeil({});
      gjenopprettFokus();
    }

    // Another tab signs out, or someone else has signed in there: lock at once, and leave as soon as the
    // server has ended the session (until then, going to sign-in would come straight back here).
    function naarUtlogget(forsok) {
      hentStatus()
        .then(function (svar) {
          return svar.json();
        })
        .then(function (svar) {
          if (!svar.innlogget || String(svar.bruker) !== bruker) forlat();
          else if (forsok > 0) setTimeout(naarUtlogget, 500, forsok - 1);
        })
        .catch(function () {
          if (forsok > 0) setTimeout(naarUtlogget, 500, forsok - 1);
        });
    }

    // The session has ended, or is no longer this user's: hide the page and go to sign-in.
    function forlat() {
      tilstand = "laast";
      settInert(true);
      document.body.classList.add("mv-laast");
      panel.hidden = true;
      location.replace(d.loggInnUrl + "?next=" + encodeURIComponent(location.pathname + location.search));
    }

    function visFeil(feil, generell) {
      var forste = null;
      [
        ["passord", passord],
        ["kode", kode],
      ].forEach(function (par) {
        var felt = par[1];
        if (!felt) return;
        var tekst = feil[par[0]];
        var boks = document.getElementById(felt.id + "-feil");
        boks.textContent = tekst || "";
        boks.hidden = !tekst;
        felt.classList.toggle("is-invalid", Boolean(tekst));
        var ider = [felt.dataset.hjelp, tekst ? boks.id : null].filter(Boolean);
        if (ider.length) felt.setAttribute("aria-describedby", ider.join(" "));
        else felt.removeAttribute("aria-describedby");
        if (tekst) {
          felt.setAttribute("aria-invalid", "true");
          felt.value = "";
          forste = forste || felt;
        } else {
          felt.removeAttribute("aria-invalid");
        }
      });
      generellFeil.textContent = generell || "";
      generellFeil.hidden = !generell;
      if (forste) flyttFokus(forste);
    }

    skjema.addEventListener("submit", function (event) {
      event.preventDefault();
      post(d.laasOppUrl, new FormData(skjema))
        .then(function (svar) {
          if (svar.status === 401 || svar.status === 429) {
            // Signed out (too many wrong passwords locks the account): the sign-in page says why.
            forlat();
            return null;
          }
          return svar.json().then(function (data) {
            if (svar.ok) {
              utlogging = false;
              if (oppdater(data)) apne();
            } else {
              visFeil(data.feil || {});
            }
          });
        })
        .catch(function () {
          visFeil({}, "Fikk ikke kontakt med Medvandrer. Prøv igjen om litt.");
        });
    });

    fortsettKnapp.addEventListener("click", fortsett);
    varsel.addEventListener("cancel", function (event) {
      // Escape means the same as "Fortsett" (as in GOV.UK's pattern), and never leaves a lock half-made.
      event.preventDefault();
      if (tilstand === "varsel") fortsett();
    });

    function aktiv() {
      if (stille || tilstand !== "aktiv") return;
      aktivitet = Date.now();
      if (aktivitet - skrevet > 1000) {
        skrevet = aktivitet;
        lagre(AKTIVITET, aktivitet);
      }
    }
    HENDELSER.forEach(function (type) {
      document.addEventListener(type, aktiv, { capture: true, passive: true });
    });

    window.addEventListener("storage", function (event) {
      if (event.key !== TILSTAND || !event.newValue) return;
      var ny = JSON.parse(event.newValue);
      if (String(ny.bruker) !== bruker) {
        utlogging = true;
        laas(false);
        naarUtlogget(20);
      } else if (ny.laast) {
        laas();
      } else if (tilstand === "laast") {
        if (!utlogging) spor(hentStatus()); // unlocked in another tab: the server confirms first
      } else {
        frist = ny.frist;
        vurder();
      }
    });

    document.addEventListener("visibilitychange", tikk);
    publiser(false);
    setInterval(tikk, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var rot = document.getElementById("mv-okt");
    if (rot) start(rot);
  });

  // Signing out in one tab (also from the lock page) takes the session's pages away in the others.
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-logg-ut")) lagre(TILSTAND, { bruker: null, frist: 0, laast: true });
  });
})();
