"""Sign-in and sign-out in a real browser: keyboard only, error focus, without JavaScript, and a clean console."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSORD

pytestmark = pytest.mark.browser

LOGG_INN = reverse("deltakere:logg_inn")
MIN_OVERSIKT = reverse("oppfolging:min_oversikt")
SKJERMBILDE = "/tmp/mv-min-oversikt.png"


def _url_monster(sti):
    """The live server's URL for `sti`, with any query string or fragment (a fragment survives redirects)."""
    return re.compile(r"^https?://[^/]+" + re.escape(sti) + r"(\?[^#]*)?(#.*)?$")


MIN_OVERSIKT_URL_MONSTER = _url_monster(MIN_OVERSIKT)
LOGG_INN_URL_MONSTER = _url_monster(LOGG_INN)

# What has focus, and how the focus is drawn.
FOKUS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id,
    klasse: e.className,
    tekst: e.textContent.trim(),
    outlineStyle: s.outlineStyle,
    outlineWidth: parseFloat(s.outlineWidth) || 0,
  };
}"""

# Content-Security-Policy violations, collected in every document before the page's own scripts run.
CSP_LYTTER = """
window.__cspBrudd = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspBrudd.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile);
});
"""


def _fokus(side):
    return side.evaluate(FOKUS)


def _har_synlig_fokusramme(fokus):
    return fokus["outlineStyle"] != "none" and fokus["outlineWidth"] > 0


def _tab_til(side, er_maalet, maks=10):
    """Presses Tab until `er_maalet(focus)` holds; fails after `maks` presses. Returns the focus."""
    besokt = []
    for _ in range(maks):
        side.keyboard.press("Tab")
        fokus = _fokus(side)
        if er_maalet(fokus):
            return fokus
        besokt.append(f"{fokus['tag']}#{fokus['id']} {fokus['tekst'][:30]!r}")
    pytest.fail(f"Tab never reached the element; focus went to: {besokt}")


def _er_inne_i_vinduet(boks, vindu):
    return (
        boks is not None
        and boks["x"] >= 0
        and boks["y"] >= 0
        and boks["x"] + boks["width"] <= vindu["width"]
        and boks["y"] + boks["height"] <= vindu["height"]
    )


def _logg_inn(side, email, passord=PASSORD):
    side.goto(LOGG_INN)
    side.get_by_label("E-post").fill(email)
    side.get_by_label("Passord").fill(passord)
    side.get_by_role("button", name="Logg inn", exact=True).click()


def _er_paa_min_oversikt(side):
    expect(side).to_have_url(MIN_OVERSIKT_URL_MONSTER)
    expect(side.get_by_role("heading", level=1)).to_have_text("Min oversikt")


def _logg_ut(side):
    side.locator("header").get_by_role("button", name="Logg ut", exact=True).click()
    expect(side).to_have_url(LOGG_INN_URL_MONSTER)
    expect(side.get_by_role("status")).to_contain_text("Du er logget ut")
    # The session is really gone: the start page asks for sign-in again.
    side.goto(MIN_OVERSIKT)
    expect(side).to_have_url(LOGG_INN_URL_MONSTER)
    expect(side.get_by_role("heading", level=1)).to_have_text("Logg inn")


def test_the_first_tab_on_the_sign_in_page_reaches_the_skip_link(side):
    side.goto(LOGG_INN)
    side.keyboard.press("Tab")
    assert _fokus(side)["tekst"] == "Hopp til hovedinnhold"


def test_a_keyboard_user_can_sign_in(side, bruker):
    side.goto(LOGG_INN)
    hopp_lenke = side.get_by_role("link", name="Hopp til hovedinnhold")
    vindu = side.viewport_size
    assert not _er_inne_i_vinduet(hopp_lenke.bounding_box(), vindu), "the skip link shows before it has focus"

    fokus = _tab_til(side, lambda f: f["tekst"] == "Hopp til hovedinnhold")
    assert fokus["tag"] == "a" and "mv-hopp-lenke" in fokus["klasse"]
    assert _har_synlig_fokusramme(fokus), fokus
    assert _er_inne_i_vinduet(hopp_lenke.bounding_box(), vindu), hopp_lenke.bounding_box()

    # The skip link moves focus to the main content, and the next Tab is the e-mail field.
    side.keyboard.press("Enter")
    assert _fokus(side)["id"] == "hovedinnhold"
    side.keyboard.press("Tab")
    fokus = _fokus(side)
    assert fokus["id"] == "id_username"
    assert _har_synlig_fokusramme(fokus), fokus
    side.keyboard.type(bruker.email)

    side.keyboard.press("Tab")
    fokus = _fokus(side)
    assert fokus["id"] == "id_password"
    assert _har_synlig_fokusramme(fokus), fokus
    side.keyboard.type(PASSORD)

    side.keyboard.press("Enter")
    _er_paa_min_oversikt(side)


def test_a_wrong_password_shows_a_norwegian_error_and_focuses_the_summary(side, bruker):
    _logg_inn(side, bruker.email, "feil-passord-123")

    oppsummering = side.locator(".mv-feiloppsummering")
    expect(oppsummering).to_contain_text("Feil e-post eller passord")
    expect(side.get_by_label("E-post")).to_have_value(bruker.email)
    expect(side.get_by_label("Passord")).to_have_value("")
    expect(oppsummering).to_be_focused()
    assert side.evaluate("document.activeElement.classList.contains('mv-feiloppsummering')")


def test_logg_ut_in_the_header_signs_out(side, bruker):
    _logg_inn(side, bruker.email)
    _er_paa_min_oversikt(side)
    _logg_ut(side)


def test_sign_in_and_sign_out_work_without_javascript(side_uten_js, bruker):
    side = side_uten_js
    _logg_inn(side, bruker.email, "feil-passord-123")
    assert side.evaluate("typeof htmx") == "undefined", "the page's scripts ran"
    expect(side.locator(".mv-feiloppsummering")).to_contain_text("Feil e-post eller passord")
    expect(side.get_by_label("E-post")).to_have_value(bruker.email)

    _logg_inn(side, bruker.email)
    _er_paa_min_oversikt(side)
    _logg_ut(side)


def test_no_console_errors_or_csp_violations(side, konsollfeil, bruker):
    side.add_init_script(CSP_LYTTER)

    side.goto(LOGG_INN)
    side.wait_for_load_state("load")
    assert side.evaluate("window.__cspBrudd") == []
    assert side.evaluate("typeof htmx") == "object", "htmx did not load"

    side.get_by_label("E-post").fill(bruker.email)
    side.get_by_label("Passord").fill(PASSORD)
    side.get_by_role("button", name="Logg inn", exact=True).click()
    _er_paa_min_oversikt(side)
    side.wait_for_load_state("load")
    assert side.evaluate("window.__cspBrudd") == []

    assert konsollfeil == []

    # Not asserted: a picture of the start page for a human to look at.
    side.screenshot(path=SKJERMBILDE, full_page=True)
