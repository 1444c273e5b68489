"""The warning about a possible duplicate on Registrer ny deltaker shows only when the same name and birth year
are registered at the centre, so the crawl (test_alle_sider.py), which sends the form empty, never sees it:
here it is brought up and checked with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_alle_sider import AXE, AXE_TAGGER, KJOR_AXE
from tests.browser.test_innlogging import _logg_inn
from tests.factories import DeltakerFactory

pytestmark = pytest.mark.browser


def test_the_duplicate_warning_passes_axe(side, bruker, senter):
    DeltakerFactory(senter=senter, fornavn="Ola", etternavn="Nordmann", fodselsaar=1985)
    side.context.add_init_script(path=str(AXE))
    _logg_inn(side, bruker.email)
    side.goto("/deltakere/ny/")
    side.get_by_label("Fornavn").fill("Ola")
    side.get_by_label("Etternavn").fill("Nordmann")
    side.get_by_label("Fødselsår").fill("1985")
    for felt in ("bosituasjon", "inntekt", "henvisning_kilde"):
        side.locator(f"#id_{felt}").select_option(index=1)
    side.get_by_label("Skriftlig").check()
    side.get_by_role("button", name="Registrer deltaker").click()

    expect(side.get_by_role("heading", name="Finnes personen allerede?")).to_be_visible()
    expect(side.get_by_role("checkbox", name="Jeg har sjekket listen over: dette er en ny person")).to_be_visible()
    assert side.evaluate(KJOR_AXE, AXE_TAGGER) == []
