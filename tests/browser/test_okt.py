"""The idle lock in a real browser (static/js/okt.js): warning, lock, unlock with what was typed, and sign-out;
and without JavaScript, the server's lock page.

The idle limit is short here (TOMGANG seconds, the warning VARSEL seconds before), so the tests with
JavaScript wait for real time to pass (about TOMGANG seconds each). Without JavaScript nothing runs in the
page, and the tests move the time of the last action back in the session instead.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from deltakere.models import Deltaker, Rolle
from deltakere.okt import SIST_AKTIV
from tests.factories import PASSORD, DeltakerFactory, ansatt

pytestmark = pytest.mark.browser

TOMGANG = 8
VARSEL = 4
LENGE_MS = (TOMGANG + 6) * 1000  # long enough for the warning or the lock to come

LOGG_INN = reverse("deltakere:logg_inn")
NY_DELTAKER = reverse("deltakere:ny_deltaker")


@pytest.fixture(autouse=True)
def _kort_tomgang(settings):
    settings.SESSION_IDLE_SECONDS = TOMGANG
    settings.SESSION_WARNING_SECONDS = VARSEL


@pytest.fixture
def kollega(senter):
    return ansatt(senter, Rolle.SOSIONOM, bruker__navn="Berit Brekke")


def _logg_inn(side, email, passord=PASSORD):
    side.goto(LOGG_INN)
    side.get_by_label("E-post").fill(email)
    side.get_by_label("Passord").fill(passord)
    side.get_by_role("button", name="Logg inn", exact=True).click()
    expect(side.get_by_role("heading", level=1)).to_have_text("Min oversikt")


def _laaspanel(side):
    return side.get_by_role("dialog", name="Skjermen er låst")


def _vent_paa_laas(side):
    panel = _laaspanel(side)
    expect(panel).to_be_visible(timeout=LENGE_MS)
    return panel


def _tiden_gaar(side):
    """Without JavaScript: the session's last action moves back past the idle limit."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    cookie = next(c for c in side.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=cookie["value"])
    session[SIST_AKTIV] -= TOMGANG + 1
    session.save()


def _sekunder_igjen(side):
    return side.evaluate("fetch('/okt/status/').then((svar) => svar.json()).then((s) => s.sekunder_igjen)")


def test_a_warning_comes_first_and_fortsett_keeps_the_session(side, bruker):
    _logg_inn(side, bruker.email)
    side.goto(NY_DELTAKER)
    fornavn = side.locator("#id_fornavn")
    fornavn.focus()

    varsel = side.get_by_role("alertdialog", name="Er du fortsatt her?")
    expect(varsel).to_be_visible(timeout=LENGE_MS)
    expect(varsel).to_have_accessible_description(re.compile("Skjermen låses om 4 sekunder"))
    fortsett = varsel.get_by_role("button", name="Fortsett")
    expect(fortsett).to_be_focused()
    assert side.evaluate("document.activeElement.closest('dialog') === document.getElementById('mv-okt-varsel')")
    assert _sekunder_igjen(side) <= VARSEL

    side.keyboard.press("Enter")
    expect(varsel).to_be_hidden()
    expect(fornavn).to_be_focused()
    side.wait_for_function(
        "(grense) => fetch('/okt/status/').then((svar) => svar.json()).then((s) => s.sekunder_igjen > grense)",
        arg=VARSEL + 1,
        polling=250,
    )
    expect(_laaspanel(side)).to_be_hidden()


def test_at_the_limit_the_page_is_hidden_and_only_the_right_password_unlocks(side, bruker, senter):
    deltaker = DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Fjellstad")
    _logg_inn(side, bruker.email)
    side.goto(reverse("deltakere:sak", args=[deltaker.pk]))
    navn = side.get_by_role("heading", level=1, name=re.compile("Tiril Fjellstad"))
    expect(navn).to_be_visible()

    panel = _vent_paa_laas(side)
    expect(navn).to_be_hidden()
    treff = side.get_by_text("Fjellstad").all()
    assert len(treff) >= 2  # the heading and the breadcrumb: still in the page, not shown
    for element in treff:
        expect(element).to_be_hidden()
    assert "Fjellstad" not in side.locator("body").inner_text()
    assert "Fjellstad" not in side.title()
    expect(panel).to_contain_text(bruker.navn)
    passord = panel.get_by_label("Passord")
    expect(passord).to_be_focused()

    passord.fill("feil-passord-123")
    panel.get_by_role("button", name="Lås opp").click()
    feil = panel.locator("#mv-laas-passord-feil")
    expect(feil).to_have_text("Feil passord. Skriv passordet du logger inn med.")
    expect(passord).to_have_attribute("aria-invalid", "true")
    expect(passord).to_have_accessible_description("Feil passord. Skriv passordet du logger inn med.")
    expect(passord).to_be_focused()
    expect(navn).to_be_hidden()

    passord.fill(PASSORD)
    panel.get_by_role("button", name="Lås opp").click()
    expect(panel).to_be_hidden()
    expect(navn).to_be_visible()
    assert "Fjellstad" in side.title()


def test_what_was_typed_survives_the_lock_and_the_unlock(side, bruker, konsollfeil):
    _logg_inn(side, bruker.email)
    side.goto(NY_DELTAKER)
    side.locator("#id_fornavn").fill("Sigrun")
    etternavn = side.locator("#id_etternavn")
    etternavn.fill("Fjellheim")

    panel = _vent_paa_laas(side)
    expect(etternavn).to_be_hidden()
    panel.get_by_label("Passord").fill(PASSORD)
    panel.get_by_label("Passord").press("Enter")

    expect(panel).to_be_hidden()
    expect(side.locator("#id_fornavn")).to_have_value("Sigrun")
    expect(etternavn).to_have_value("Fjellheim")
    expect(etternavn).to_be_focused()
    assert not Deltaker.objects.with_scopes_disabled().filter(etternavn="Fjellheim").exists()
    assert konsollfeil == []


def test_typing_keeps_the_session_alive_without_saving(side, bruker):
    _logg_inn(side, bruker.email)
    side.goto(NY_DELTAKER)
    felt = side.locator("#id_kallenavn")
    # Type a little at a time for longer than the idle limit: no warning, no lock.
    for bokstav in "Sigge-fra-fjellet":
        felt.press_sequentially(bokstav)
        side.wait_for_timeout(700)
    expect(side.get_by_role("alertdialog")).to_be_hidden()
    expect(_laaspanel(side)).to_be_hidden()
    assert _sekunder_igjen(side) > VARSEL


def test_after_ikke_deg_another_user_sees_nothing_of_it(side, bruker, kollega):
    _logg_inn(side, bruker.email)
    side.goto(NY_DELTAKER)
    side.locator("#id_fornavn").fill("Sigrun")

    panel = _vent_paa_laas(side)
    panel.get_by_role("button", name="Ikke deg? Logg ut").click()
    expect(side.get_by_role("heading", level=1)).to_have_text("Logg inn")

    _logg_inn(side, kollega.email)
    side.goto(NY_DELTAKER)
    expect(side.locator("#id_fornavn")).to_have_value("")
    expect(side.get_by_text("Sigrun")).to_have_count(0)
    expect(side.get_by_text("Skjemaet viser det du skrev")).to_have_count(0)


def test_signing_out_in_one_tab_takes_the_page_away_in_the_other(side, bruker, senter, settings):
    settings.SESSION_IDLE_SECONDS = 600  # no warning or lock comes while the test runs
    deltaker = DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Fjellstad")
    _logg_inn(side, bruker.email)
    side.goto(reverse("deltakere:sak", args=[deltaker.pk]))
    navn = side.get_by_role("heading", level=1, name=re.compile("Tiril Fjellstad"))
    expect(navn).to_be_visible()

    annen_fane = side.context.new_page()
    annen_fane.goto(reverse("oppfolging:min_oversikt"))
    annen_fane.locator("header").get_by_role("button", name="Logg ut", exact=True).click()
    expect(annen_fane.get_by_role("heading", level=1)).to_have_text("Logg inn")

    expect(side.get_by_role("heading", level=1)).to_have_text("Logg inn")
    assert "Fjellstad" not in side.content()


def test_no_page_refreshes_itself(side, bruker, senter):
    deltaker = DeltakerFactory(senter=senter)
    side.goto(LOGG_INN)
    expect(side.locator('meta[http-equiv="refresh" i]')).to_have_count(0)
    _logg_inn(side, bruker.email)
    for sti in [
        reverse("oppfolging:min_oversikt"),
        reverse("deltakere:register"),
        NY_DELTAKER,
        reverse("deltakere:sak", args=[deltaker.pk]),
    ]:
        side.goto(sti)
        expect(side.locator('meta[http-equiv="refresh" i]')).to_have_count(0)


def test_without_javascript_a_form_sent_after_the_lock_comes_back_filled_in(side_uten_js, bruker):
    side = side_uten_js
    _logg_inn(side, bruker.email)
    side.goto(NY_DELTAKER)
    side.locator("#id_fornavn").fill("Sigrun")
    side.locator("#id_etternavn").fill("Fjellheim")
    _tiden_gaar(side)

    side.get_by_role("button", name="Registrer deltaker").click()
    expect(side.get_by_role("heading", level=1)).to_have_text("Skjermen er låst")
    expect(side.locator("main")).to_contain_text(bruker.navn)
    assert "Sigrun" not in side.content() and "Fjellheim" not in side.content()

    side.get_by_label("Passord").fill("feil-passord-123")
    side.get_by_role("button", name="Lås opp").click()
    expect(side.locator("#id_passord_error")).to_contain_text("Feil passord")
    expect(side.get_by_label("Passord")).to_have_attribute("aria-describedby", re.compile("id_passord_error"))

    side.get_by_label("Passord").fill(PASSORD)
    side.get_by_role("button", name="Lås opp").click()
    expect(side.get_by_role("heading", level=1)).to_contain_text("Registrer ny deltaker")
    expect(side.locator("#id_fornavn")).to_have_value("Sigrun")
    expect(side.locator("#id_etternavn")).to_have_value("Fjellheim")
    expect(side.get_by_role("status")).to_contain_text("Ingenting er lagret ennå")
    assert not Deltaker.objects.with_scopes_disabled().filter(etternavn="Fjellheim").exists()


def test_without_javascript_ikke_deg_leaves_nothing_for_the_next_user(side_uten_js, bruker, kollega):
    side = side_uten_js
    _logg_inn(side, bruker.email)
    side.goto(NY_DELTAKER)
    side.locator("#id_fornavn").fill("Sigrun")
    _tiden_gaar(side)
    side.get_by_role("button", name="Registrer deltaker").click()
    expect(side.get_by_role("heading", level=1)).to_have_text("Skjermen er låst")

    side.get_by_role("button", name="Ikke deg? Logg ut").click()
    expect(side.get_by_role("heading", level=1)).to_have_text("Logg inn")
    _logg_inn(side, kollega.email)
    side.goto(NY_DELTAKER)
    expect(side.locator("#id_fornavn")).to_have_value("")
    expect(side.get_by_text("Sigrun")).to_have_count(0)
    expect(side.get_by_text("Skjemaet viser det du skrev")).to_have_count(0)
