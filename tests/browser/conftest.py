"""Browser tests: Debian's chromium driven through Playwright's sync API against pytest-django's live server.

Playwright's sync API keeps an asyncio event loop running in the test thread from start to stop, so Django
refuses ORM calls from test code and fixtures (SynchronousOnlyOperation) unless DJANGO_ALLOW_ASYNC_UNSAFE is
set. The live server runs the views in its own thread, where no event loop runs.

The variable is set only while Playwright runs (the `nettleser` fixture), not when this file is imported:
the rest of the suite keeps Django's async-safety check, and `check --deploy` in tests/config/test_settings.py
runs in a subprocess that inherits the environment and fails with async.E001 when the variable is set.
"""

import os
from pathlib import Path

import pytest

from deltakere.models import Rolle
from tests.factories import ansatt

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VENTETID_MS = 5_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def nettleser():
    """One headless chromium for all browser tests. Never downloads a browser (`playwright install`).

    Package scope, so Playwright's event loop stops (and the async-safety check is back) as soon as the last
    browser test is done; tests/browser is the only package that uses it, so chromium starts once per run.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} does not exist: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    tidligere = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if tidligere is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = tidligere


@pytest.fixture
def _live_settings(settings):
    # Tests sign in with a password only; the second factor has its own tests in tests/deltakere.
    settings.REQUIRE_2FA = False


@pytest.fixture
def ny_side(nettleser, live_server, transactional_db, _live_settings):
    """Makes pages in fresh browser contexts (own cookies) aimed at the live server; closes them afterwards."""
    contexts = []

    def lag(**context_options):
        context = nettleser.new_context(base_url=live_server.url, locale="nb-NO", **context_options)
        context.set_default_timeout(VENTETID_MS)
        contexts.append(context)
        return context.new_page()

    yield lag
    for context in contexts:
        context.close()


@pytest.fixture
def side(ny_side):
    """A fresh page with JavaScript on."""
    return ny_side()


@pytest.fixture
def side_uten_js(ny_side):
    """A fresh page with JavaScript turned off: every page must work without it."""
    return ny_side(java_script_enabled=False)


@pytest.fixture
def konsollfeil(side):
    """Console messages of type "error" (CSP violations among them) and uncaught exceptions on `side`."""
    feil = []
    side.on("console", lambda melding: feil.append(melding.text) if melding.type == "error" else None)
    side.on("pageerror", lambda unntak: feil.append(f"uncaught: {unntak}"))
    return feil


@pytest.fixture
def bruker(transactional_db, senter):
    """A veileder at one centre, made through the factories (password: tests.factories.PASSORD)."""
    return ansatt(senter, Rolle.VEILEDER, bruker__navn="Vilde Veileder")
