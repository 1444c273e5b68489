"""What every signed-in page costs before its own work: the empty page of the benchmarks (benchmarks/urls.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSORD

URL = "/benchmark/tom-side/"

# The session, the user, and the user's memberships (the centre scope). Before issue 12 it was 7 without a
# second factor (two device lookups by the middleware, two more by the lock panel) and 5 with one (the
# verified device loaded on every request, two lookups by the lock panel); 8 and 6 when the session was written.
SPORRINGER = 3


def _sporringer(client):
    with CaptureQueriesContext(connection) as sporringer:
        assert client.get(URL).status_code == 200
    return [q["sql"] for q in sporringer.captured_queries]


@pytest.mark.django_db
@pytest.mark.urls("benchmarks.urls")
class TestTomSide:
    def test_a_signed_in_page_costs_three_queries(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        client.post("/logg-inn/", {"username": veileder.email, "password": PASSORD})
        client.get(URL)
        sporringer = _sporringer(client)
        assert len(sporringer) == SPORRINGER, sporringer
        assert 'FROM "django_session"' in sporringer[0]

    def test_a_session_verified_with_a_second_factor_costs_the_same(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        device = TOTPDevice.objects.create(user=veileder, name="App", confirmed=True)
        client.post("/logg-inn/", {"username": veileder.email, "password": PASSORD})
        kode = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        client.post("/konto/to-trinn/", {"kode": kode})
        client.get(URL)  # the code moved the devices' number: the session learns it once
        assert len(_sporringer(client)) == SPORRINGER

    def test_the_session_is_not_written_on_every_request(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        client.post("/logg-inn/", {"username": veileder.email, "password": PASSORD})
        for _ in range(3):
            assert not [sql for sql in _sporringer(client) if sql.startswith(("UPDATE", "INSERT"))]
