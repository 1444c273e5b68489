import pytest

from deltakere.models import Rolle
from tests.factories import ansatt


@pytest.fixture
def koordinator(senter):
    return ansatt(senter, Rolle.TIDGIVERKOORDINATOR, bruker__navn="Kai Koordinator")


@pytest.fixture
def sosionom(senter):
    return ansatt(senter, Rolle.SOSIONOM, bruker__navn="Siri Sosionom")
