import pytest
from django_scopes import scopes_disabled

from deltakere.models import Rolle

from .factories import SenterFactory, ansatt


@pytest.fixture(autouse=True)
def _whole_database_in_test_code():
    """Test code sets up rows across centres; views still run in the scope the middleware opens."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
