import uuid

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django_scopes import scopes_disabled

from deltakere.engangs import FELT as ENGANGSKODE
from deltakere.models import Rolle

from .factories import SenterFactory, ansatt

# A report replica alias, as REPORTS_DATABASE_URL adds in production: here a mirror of the default test database.
# Nothing uses it unless a test sets RAPPORT_DATABASE (tests/rapporter/test_oppgaver.py).
django_settings.DATABASES.setdefault(
    "rapporter", {**django_settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
)


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Fixtures set up rows across centres with the scope switched off (as pretix does); the test body then
    runs scoped like production: views in the scope the middleware opens, and a service or selector called
    directly raises unless the test opens a scope for it. A test that reads the database to check what
    happened says so with `scopes_disabled()`, or with `Model.objects.with_scopes_disabled()`."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _skjema_med_engangskode(monkeypatch):
    """A browser sends the one-time token every form carries (deltakere.engangs); the test client does the
    same, a fresh one per post, unless the test sends its own (the double-submit tests send one twice)."""
    post = Client.post

    def post_med_kode(self, path, data=None, *args, **kwargs):
        if isinstance(data, dict) and ENGANGSKODE not in data:
            data = {**data, ENGANGSKODE: str(uuid.uuid4())}
        elif data is None and not kwargs.get("content_type"):
            data = {ENGANGSKODE: str(uuid.uuid4())}
        return post(self, path, data, *args, **kwargs)

    monkeypatch.setattr(Client, "post", post_med_kode)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _oppgaver_med_en_gang(settings):
    """Background tasks run at once, when the transaction that queued them commits (wrap the request in
    `django_capture_on_commit_callbacks(execute=True)` to run them); tests/rapporter/test_oppgaver.py runs the
    database backend and its worker as production does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def senter(db):
    return SenterFactory(navn="Fjordhuset oppfølgingssenter")


@pytest.fixture
def annet_senter(db):
    return SenterFactory(navn="Elvegården oppfølgingssenter", kommune="Tromsø")


@pytest.fixture
def leder(senter):
    return ansatt(senter, Rolle.LEDER, bruker__navn="Lise Leder")


@pytest.fixture
def veileder(senter):
    return ansatt(senter, Rolle.VEILEDER, bruker__navn="Vegard Veileder")


@pytest.fixture
def leder_annet_senter(annet_senter):
    return ansatt(annet_senter, Rolle.LEDER, bruker__navn="Ukjent Utenfra")


ALLE_ROLLER = [r.value for r in Rolle]
