import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSORD


def _kode(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _logg_inn(client, bruker):
    response = client.post(reverse("deltakere:logg_inn"), {"username": bruker.email, "password": PASSORD})
    assert response.status_code == 302
    return response


def _bekreftet_enhet(bruker):
    return TOTPDevice.objects.create(user=bruker, name="App", confirmed=True)


@pytest.mark.django_db
class TestOppsett:
    def test_it_shows_a_qr_code_rendered_on_the_server(self, client, veileder):
        client.force_login(veileder)
        body = client.get(reverse("deltakere:to_trinn_oppsett")).content.decode()
        assert "<svg" in body and "QR-kode" in body
        assert 'for="id_kode"' in body
        assert not TOTPDevice.objects.exists()  # showing the page creates nothing (GET changes no row)
        nokkel = client.session["ny_totp_nokkel"]
        client.get(reverse("deltakere:to_trinn_oppsett"))
        assert client.session["ny_totp_nokkel"] == nokkel  # the same secret until it is confirmed

    def test_it_confirms_the_app_and_shows_backup_codes_once(self, client, veileder):
        client.force_login(veileder)
        client.get(reverse("deltakere:to_trinn_oppsett"))
        ventende = TOTPDevice(key=client.session["ny_totp_nokkel"])

        response = client.post(reverse("deltakere:to_trinn_oppsett"), {"kode": _kode(ventende)})
        assert response.url == reverse("deltakere:to_trinn_reservekoder")
        device = TOTPDevice.objects.get(user=veileder)
        assert device.confirmed and device.key == ventende.key

        koder = [t.token for t in StaticDevice.objects.get(user=veileder).token_set.all()]
        assert len(koder) == 10
        first = client.get(reverse("deltakere:to_trinn_reservekoder")).content.decode()
        assert all(kode in first for kode in koder)
        second = client.get(reverse("deltakere:to_trinn_reservekoder")).content.decode()
        assert not any(kode in second for kode in koder)

    def test_a_wrong_code_gives_a_field_error(self, client, veileder):
        client.force_login(veileder)
        client.get(reverse("deltakere:to_trinn_oppsett"))
        body = client.post(reverse("deltakere:to_trinn_oppsett"), {"kode": "000000x"}).content.decode()
        assert re.search(r'aria-describedby="[^"]*id_kode_error', body)
        assert "Koden stemmer ikke" in body
        assert not TOTPDevice.objects.exists()


@pytest.mark.django_db
class TestKrav:
    def test_it_sends_a_user_without_an_app_to_enrolment_when_required(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        _logg_inn(client, veileder)
        response = client.get(reverse("oppfolging:min_oversikt"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:to_trinn_oppsett"))

    def test_it_lets_a_user_without_an_app_in_when_not_required(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        _logg_inn(client, veileder)
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 200

    def test_a_user_with_an_app_must_give_a_code_even_when_not_required(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        device = _bekreftet_enhet(veileder)
        _logg_inn(client, veileder)
        response = client.get(reverse("oppfolging:min_oversikt"))
        assert response.url.startswith(reverse("deltakere:to_trinn_bekreft"))

        response = client.post(reverse("deltakere:to_trinn_bekreft"), {"kode": _kode(device), "next": "/"})
        assert response.url == "/"
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 200

    def test_the_page_asked_for_is_where_the_second_factor_lands(self, client, veileder, senter, settings):
        settings.REQUIRE_2FA = True
        device = _bekreftet_enhet(veileder)
        register = reverse("deltakere:register")
        innlogging = client.get(register).url
        response = client.post(innlogging, {"username": veileder.email, "password": PASSORD, "next": register})
        assert response.url == register

        bekreft = client.get(register).url
        assert bekreft.startswith(reverse("deltakere:to_trinn_bekreft") + "?")
        assert f'name="next" value="{register}"' in client.get(bekreft).content.decode()
        response = client.post(bekreft, {"kode": _kode(device), "next": register})
        assert response.url == register
        assert client.get(register).status_code == 200

    def test_a_wrong_code_keeps_the_user_out(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        _bekreftet_enhet(veileder)
        _logg_inn(client, veileder)
        body = client.post(reverse("deltakere:to_trinn_bekreft"), {"kode": "123456"}).content.decode()
        assert "Koden er feil eller utløpt" in body
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 302

    def test_a_backup_code_works_once(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        _bekreftet_enhet(veileder)
        backup = StaticDevice.objects.create(user=veileder, name="Reservekoder", confirmed=True)
        backup.token_set.create(token="12345678")

        _logg_inn(client, veileder)
        client.post(reverse("deltakere:to_trinn_bekreft"), {"kode": "12345678"})
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 200

        client.post(reverse("deltakere:logg_ut"))
        _logg_inn(client, veileder)
        client.post(reverse("deltakere:to_trinn_bekreft"), {"kode": "12345678"})
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 302

    def test_the_admin_is_behind_the_second_factor_too(self, client, settings, django_user_model):
        settings.REQUIRE_2FA = True
        admin = django_user_model.objects.create_superuser("drift@medvandrer.test", PASSORD, navn="Drift")
        _logg_inn(client, admin)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:to_trinn_oppsett"))

    def test_replacing_the_app_needs_the_old_code_first(self, client, veileder, settings):
        _bekreftet_enhet(veileder)
        _logg_inn(client, veileder)
        assert client.get(reverse("deltakere:to_trinn_oppsett")).url == reverse("deltakere:to_trinn_bekreft")


@pytest.mark.django_db
class TestEnheteneIOkten:
    """The session keeps what it knows of the user's devices (deltakere.middleware.AndreFaktorMiddleware):
    no device query on a request, and still exact when a device changes in another session or the admin."""

    def _bekreftet_okt(self, client, bruker):
        device = _bekreftet_enhet(bruker)
        _logg_inn(client, bruker)
        client.post(reverse("deltakere:to_trinn_bekreft"), {"kode": _kode(device)})
        return device

    def _sporringer(self, client, url):
        with CaptureQueriesContext(connection) as sporringer:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in sporringer.captured_queries]

    def test_a_verified_session_asks_no_device_table(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        self._bekreftet_okt(client, veileder)
        client.get(reverse("oppfolging:min_oversikt"))  # the session learns the number the code moved
        sporringer = self._sporringer(client, reverse("oppfolging:min_oversikt"))
        assert not [sql for sql in sporringer if "otp_" in sql], sporringer

    def test_an_unverified_session_asks_no_device_table(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        _logg_inn(client, veileder)
        sporringer = self._sporringer(client, reverse("oppfolging:min_oversikt"))
        assert not [sql for sql in sporringer if "otp_" in sql], sporringer

    def test_a_device_made_in_another_session_asks_for_the_code_at_once(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        _logg_inn(client, veileder)
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 200
        _bekreftet_enhet(veileder)
        assert client.get(reverse("oppfolging:min_oversikt")).url.startswith(reverse("deltakere:to_trinn_bekreft"))

    def test_a_device_deleted_in_the_admin_ends_the_verification_at_once(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        device = self._bekreftet_okt(client, veileder)
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 200
        TOTPDevice.objects.filter(pk=device.pk).delete()
        assert client.get(reverse("oppfolging:min_oversikt")).url.startswith(reverse("deltakere:to_trinn_oppsett"))

    def test_an_unconfirmed_device_ends_the_verification_too(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        device = self._bekreftet_okt(client, veileder)
        device.confirmed = False
        device.save()
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 302

    def test_another_users_session_is_not_told_anything(self, client, veileder, leder, settings):
        settings.REQUIRE_2FA = False
        _logg_inn(client, veileder)
        client.get(reverse("oppfolging:min_oversikt"))
        _bekreftet_enhet(leder)
        sporringer = self._sporringer(client, reverse("oppfolging:min_oversikt"))
        assert not [sql for sql in sporringer if "otp_" in sql]
