"""The register in a real browser: focus, search as you type, live filters, and the pages without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from deltakere.models import Status
from tests.factories import PASSORD, DeltakerFactory

pytestmark = pytest.mark.browser

REGISTER = "/deltakere/"


def _logg_inn(side, bruker):
    side.goto("/logg-inn/")
    side.get_by_label("E-post").fill(bruker.email)
    side.get_by_label("Passord").fill(PASSORD)
    side.get_by_role("button", name="Logg inn", exact=True).click()
    side.wait_for_url(re.compile(r".*/$"))


def _fokus(side):
    return side.evaluate("document.activeElement.id")


@pytest.fixture
def personer(senter):
    for n in range(30):
        DeltakerFactory(senter=senter, fornavn="Masse", etternavn=f"Testesen{n:02d}", status=Status.AKTIV)
    DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Tullesen", status=Status.PAUSE)


def test_the_search_field_has_the_cursor_when_the_register_opens(side, bruker, personer):
    _logg_inn(side, bruker)
    side.get_by_role("link", name="Deltakere", exact=True).click()
    side.wait_for_url(re.compile(r".*/deltakere/$"))
    expect(side.get_by_label("Søk etter navn eller kallenavn")).to_be_focused()
    side.get_by_role("link", name="Neste side").click()
    side.wait_for_url(re.compile(r".*/deltakere/\?etter=\d+$"))
    assert _fokus(side) != "id_q"  # a page link is not opening the register: focus stays with the page


def test_search_as_you_type_reads_out_the_count_and_keeps_the_name_out_of_the_url(side, bruker, personer, konsollfeil):
    _logg_inn(side, bruker)
    side.goto(REGISTER)
    side.get_by_label("Søk etter navn eller kallenavn").press_sequentially("tir", delay=30)
    expect(side.locator("#treff-status")).to_have_text("1 deltaker funnet")
    expect(side.locator("#treff")).to_contain_text("Tullesen")
    expect(side.locator("#treff")).not_to_contain_text("Testesen")
    assert side.locator("[aria-live]").count() == 1  # the count is the one live region
    assert "tir" not in side.url.lower()
    assert konsollfeil == []


def test_the_filters_apply_at_once_and_the_address_follows(side, bruker, personer, konsollfeil):
    _logg_inn(side, bruker)
    side.goto(REGISTER)
    expect(side.get_by_label("Status")).to_be_hidden()  # folded away
    side.get_by_text("Filtrer", exact=True).click()
    side.get_by_label("Status").select_option("pause")
    expect(side.locator("#treff")).to_contain_text("Tullesen")
    expect(side.locator("#treff")).not_to_contain_text("Testesen")
    expect(side.locator("#treff-status")).to_have_text("1 deltaker funnet")
    expect(side).to_have_url(re.compile(r".*/deltakere/\?status=pause&sorter=navn$"))
    assert konsollfeil == []


def test_without_javascript_search_moves_focus_to_the_results_heading(side_uten_js, bruker, personer):
    side = side_uten_js
    _logg_inn(side, bruker)
    side.goto(REGISTER)
    side.get_by_label("Søk etter navn eller kallenavn").fill("Tiril")
    side.get_by_role("button", name="Søk", exact=True).click()
    side.wait_for_url(re.compile(r".*/deltakere/(\?[^#]*)?#treff-tittel$"))
    assert _fokus(side) == "treff-tittel"
    expect(side.locator("#treff-tittel")).to_have_text("1 deltaker")


def test_without_javascript_the_filters_and_all_four_page_links_work(side_uten_js, bruker, personer):
    side = side_uten_js
    _logg_inn(side, bruker)
    side.goto(REGISTER)
    side.get_by_text("Filtrer", exact=True).click()
    side.get_by_label("Status").select_option("aktiv")
    side.get_by_role("button", name="Bruk filtre og sortering").click()
    side.wait_for_url(re.compile(r".*/deltakere/\?status=aktiv[^#]*#treff-tittel$"))
    expect(side.locator("#treff-tittel")).to_have_text("30 deltakere")
    side.get_by_role("link", name="Neste side").click()
    expect(side.locator("tbody tr")).to_have_count(5)
    side.get_by_role("link", name="Forrige side").click()
    expect(side.locator("tbody tr")).to_have_count(25)
    side.get_by_role("link", name="Siste side").click()
    expect(side.locator("tbody tr").first).to_contain_text("Testesen05")
    side.get_by_role("link", name="Første side").click()
    expect(side.locator("tbody tr").first).to_contain_text("Testesen00")
    assert "status=aktiv" in side.url
