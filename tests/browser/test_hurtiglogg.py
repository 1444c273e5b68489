"""The quick log in a real browser: a practised user logs a contact by keyboard alone in under 10 seconds and
5 actions, the form is ready for the next person, Angre removes it; and the same without JavaScript. And the
daily tally's +1, updated in place."""

import re
import time

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from oppfolging.models import Samtale, Telling
from tests.browser.test_register import _logg_inn
from tests.factories import DeltakerFactory

pytestmark = pytest.mark.browser

HURTIGLOGG = "/hurtiglogg/"


@pytest.fixture
def personer(senter):
    kari = DeltakerFactory(senter=senter, fornavn="Kari", etternavn="Fjellstad", fodselsaar=1984)
    DeltakerFactory(senter=senter, fornavn="Karsten", etternavn="Bølgen", fodselsaar=1979)
    DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Tullesen", fodselsaar=1990)
    return kari


def _samtaler():
    with scopes_disabled():
        return list(Samtale.objects.values_list("deltaker__fornavn", "type", "varighet", "form"))


def _fokus(side):
    return side.evaluate("document.activeElement.name || document.activeElement.id")


def test_a_contact_is_logged_by_keyboard_alone_in_five_actions_and_undone(side, bruker, personer, konsollfeil):
    _logg_inn(side, bruker)
    handlinger = []

    def gjor(hva, *args):
        handlinger.append(hva)
        if hva == "skriv":
            side.keyboard.type(*args, delay=40)
        else:
            side.keyboard.press(hva)

    start = time.monotonic()
    # From any page: the menu's "Logg kontakt" (reached by keyboard: the link is focused and Enter pressed).
    side.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Logg kontakt").focus()
    gjor("Enter")
    side.wait_for_url(re.compile(r".*/hurtiglogg/$"))
    sok = side.get_by_role("combobox", name="Hvem var kontakten med?")
    expect(sok).to_be_focused()  # the cursor is in the search field at once
    gjor("skriv", "fjell")
    expect(side.get_by_role("option", name=re.compile("Kari Fjellstad, født 1984"))).to_be_visible()
    expect(sok).to_have_attribute("aria-expanded", "true")
    gjor("ArrowDown")
    expect(sok).to_have_attribute("aria-activedescendant", f"hurtig-treff-{personer.pk}")
    gjor("Enter")  # chooses
    expect(side.locator("[data-valgt]")).to_contain_text("Kari Fjellstad")
    gjor("Enter")  # saves
    status = side.get_by_role("status").filter(has_text="Kontakt med Kari Fjellstad logget kl.")
    expect(status).to_be_visible()
    brukt = time.monotonic() - start
    assert len(handlinger) <= 5, handlinger
    assert brukt < 10, f"{brukt:.1f} s"
    expect(status).to_contain_text(re.compile(r"Du kan angre til kl\. \d\d:\d\d\."))
    assert _samtaler() == [("Kari", "uformell", 10, "senteret")]
    assert "fjell" not in side.url.lower()

    # Ready for the next person: the cursor is back in the search field, the form has its defaults.
    expect(sok).to_be_focused()
    expect(sok).to_have_value("")
    expect(side.get_by_label("Minutter")).to_have_value("10")

    # Angre: the button just before the search field.
    side.keyboard.press("Shift+Tab")
    expect(side.get_by_role("button", name=re.compile("^Angre"))).to_be_focused()
    side.keyboard.press("Enter")
    expect(side.get_by_text("Kontakten med Kari Fjellstad er angret.")).to_be_visible()
    assert _samtaler() == []
    assert konsollfeil == []


def test_a_quick_minutes_choice_and_escape_work_from_the_keyboard(side, bruker, personer, konsollfeil):
    _logg_inn(side, bruker)
    side.goto(HURTIGLOGG)
    sok = side.get_by_role("combobox", name="Hvem var kontakten med?")
    sok.press_sequentially("kar", delay=30)
    expect(side.locator("#hurtig-treff").get_by_role("option")).to_have_count(2)
    side.keyboard.press("Escape")
    expect(sok).to_have_attribute("aria-expanded", "false")
    for tast in ("ArrowDown", "ArrowDown", "ArrowUp", "Enter"):  # reopened at the first (by last name): Bølgen
        side.keyboard.press(tast)
    expect(side.locator("[data-valgt]")).to_contain_text("Karsten Bølgen")
    side.get_by_role("button", name="30 min").click()
    side.get_by_label("Hvor eller hvordan").select_option("telefon")
    side.get_by_role("button", name="Logg kontakt").click()
    expect(side.get_by_role("status")).to_contain_text("Kontakt med Karsten Bølgen logget")
    assert _samtaler() == [("Karsten", "uformell", 30, "telefon")]
    assert konsollfeil == []


def test_without_javascript_the_search_is_a_step_and_enter_saves(side_uten_js, bruker, personer):
    side = side_uten_js
    _logg_inn(side, bruker)
    side.goto(HURTIGLOGG)
    side.get_by_label("Hvem var kontakten med?").fill("Kar")
    side.get_by_role("button", name="Søk", exact=True).click()
    expect(side.get_by_role("radio")).to_have_count(2)
    assert "kar" not in side.url.lower()
    side.get_by_label(re.compile("Kari Fjellstad, født 1984")).check()
    side.get_by_label("Minutter").fill("20")
    side.get_by_label("Minutter").press("Enter")  # Enter in a field: saves, the person being chosen
    expect(side.get_by_role("status")).to_contain_text("Kontakt med Kari Fjellstad logget")
    assert _samtaler() == [("Kari", "uformell", 20, "senteret")]


def test_plus_one_updates_the_count_in_place_and_keeps_focus_on_the_page(side, bruker, konsollfeil):
    _logg_inn(side, bruker)
    side.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Telling").click()
    side.wait_for_url(re.compile(r".*/telling/$"))
    besok = side.locator("#teller-besok")
    expect(besok).to_contain_text("0")
    besok.get_by_role("button", name="+1 besøk").click()
    expect(besok.get_by_role("status")).to_have_text("Besøk: 1.")
    side.locator("#teller-besok").get_by_role("button", name="+1 besøk").click()
    expect(side.locator("#teller-besok").get_by_role("status")).to_have_text("Besøk: 2.")
    expect(side).to_have_url(re.compile(r".*/telling/$"))  # swapped in place, no new page
    with scopes_disabled():
        assert list(Telling.objects.values_list("teller", "antall")) == [("besok", 2)]
    assert konsollfeil == []
