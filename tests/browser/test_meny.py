"""The menu on a narrow screen folds behind a "Meny" button that works from the keyboard; without JavaScript,
which the button needs, the menu is simply shown. On a wide screen there is no button."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_innlogging import _logg_inn

pytestmark = pytest.mark.browser

SMAL = {"width": 320, "height": 640}
BRED = {"width": 1366, "height": 900}


def _meny(side):
    return side.get_by_role("navigation", name="Hovedmeny")


def test_on_a_phone_the_menu_opens_with_the_meny_button_from_the_keyboard(side, bruker):
    side.set_viewport_size(SMAL)
    _logg_inn(side, bruker.email)
    knapp = _meny(side).get_by_role("button", name="Meny")
    deltakere = _meny(side).get_by_role("link", name="Deltakere")
    expect(knapp).to_have_attribute("aria-expanded", "false")
    expect(deltakere).to_be_hidden()

    knapp.focus()
    side.keyboard.press("Enter")
    expect(knapp).to_have_attribute("aria-expanded", "true")
    expect(deltakere).to_be_visible()
    expect(side.locator("#mv-meny")).to_have_class(re.compile(r"\bshow\b"))  # opened, not still opening
    side.keyboard.press("Tab")
    expect(_meny(side).get_by_role("link", name="Min oversikt")).to_be_focused()

    knapp.click()
    expect(deltakere).to_be_hidden()


def test_on_a_phone_without_javascript_the_menu_is_shown_and_the_button_is_not(side_uten_js, bruker):
    side = side_uten_js
    side.set_viewport_size(SMAL)
    _logg_inn(side, bruker.email)
    expect(_meny(side).get_by_role("link", name="Deltakere")).to_be_visible()
    expect(_meny(side).get_by_role("button", name="Logg ut")).to_be_visible()
    expect(_meny(side).get_by_role("button", name="Meny")).to_be_hidden()


def test_on_a_wide_screen_the_menu_is_shown_without_a_button(side, bruker):
    side.set_viewport_size(BRED)
    _logg_inn(side, bruker.email)
    expect(_meny(side).get_by_role("link", name="Deltakere")).to_be_visible()
    expect(_meny(side).get_by_role("button", name="Meny")).to_be_hidden()
