import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSORD


def _kode(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _logg_inn(client, bruker):
    response = client.post(reverse("logg_inn"), {"username": bruker.email, "password": PASSORD})
    assert response.status_code == 302
    return response


def _bekreftet_enhet(bruker):
    return TOTPDevice.objects.create(user=bruker, name="App", confirmed=True)


@pytest.mark.django_db
class TestOppsett:
    def test_it_shows_a_qr_code_rendered_on_the_server(self, client, veileder):
        client.force_login(veileder)
        body = client.get(reverse("to_trinn_oppsett")).content.decode()
        assert "<svg" in body and "QR-kode" in body
        assert 'for="id_kode"' in body
        device = TOTPDevice.objects.get(user=veileder)
        assert device.confirmed is False

    def test_it_confirms_the_app_and_shows_backup_codes_once(self, client, veileder):
        client.force_login(veileder)
        client.get(reverse("to_trinn_oppsett"))
        device = TOTPDevice.objects.get(user=veileder)

        response = client.post(reverse("to_trinn_oppsett"), {"kode": _kode(device)})
        assert response.url == reverse("to_trinn_reservekoder")
        device.refresh_from_db()
        assert device.confirmed

        koder = [t.token for t in StaticDevice.objects.get(user=veileder).token_set.all()]
        assert len(koder) == 10
        first = client.get(reverse("to_trinn_reservekoder")).content.decode()
        assert all(kode in first for kode in koder)
        second = client.get(reverse("to_trinn_reservekoder")).content.decode()
        assert not any(kode in second for kode in koder)

    def test_a_wrong_code_gives_a_field_error(self, client, veileder):
        client.force_login(veileder)
        client.get(reverse("to_trinn_oppsett"))
        body = client.post(reverse("to_trinn_oppsett"), {"kode": "000000x"}).content.decode()
        assert re.search(r'aria-describedby="[^"]*id_kode_error', body)
        assert "Koden stemmer ikke" in body
        assert not TOTPDevice.objects.get(user=veileder).confirmed


@pytest.mark.django_db
class TestKrav:
    def test_it_sends_a_user_without_an_app_to_enrolment_when_required(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        _logg_inn(client, veileder)
        response = client.get(reverse("min_oversikt"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("to_trinn_oppsett"))

    def test_it_lets_a_user_without_an_app_in_when_not_required(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        _logg_inn(client, veileder)
        assert client.get(reverse("min_oversikt")).status_code == 200

    def test_a_user_with_an_app_must_give_a_code_even_when_not_required(self, client, veileder, settings):
        settings.REQUIRE_2FA = False
        device = _bekreftet_enhet(veileder)
        _logg_inn(client, veileder)
        response = client.get(reverse("min_oversikt"))
        assert response.url.startswith(reverse("to_trinn_bekreft"))

        response = client.post(reverse("to_trinn_bekreft"), {"kode": _kode(device), "neste": "/"})
        assert response.url == "/"
        assert client.get(reverse("min_oversikt")).status_code == 200

    def test_a_wrong_code_keeps_the_user_out(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        _bekreftet_enhet(veileder)
        _logg_inn(client, veileder)
        body = client.post(reverse("to_trinn_bekreft"), {"kode": "123456"}).content.decode()
        assert "Koden er feil eller utløpt" in body
        assert client.get(reverse("min_oversikt")).status_code == 302

    def test_a_backup_code_works_once(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        _bekreftet_enhet(veileder)
        backup = StaticDevice.objects.create(user=veileder, name="Reservekoder", confirmed=True)
        backup.token_set.create(token="12345678")

        _logg_inn(client, veileder)
        client.post(reverse("to_trinn_bekreft"), {"kode": "12345678"})
        assert client.get(reverse("min_oversikt")).status_code == 200

        client.post(reverse("logg_ut"))
        _logg_inn(client, veileder)
        client.post(reverse("to_trinn_bekreft"), {"kode": "12345678"})
        assert client.get(reverse("min_oversikt")).status_code == 302

    def test_the_admin_is_behind_the_second_factor_too(self, client, settings, django_user_model):
        settings.REQUIRE_2FA = True
        admin = django_user_model.objects.create_superuser("drift@medvandrer.test", PASSORD, navn="Drift")
        _logg_inn(client, admin)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("to_trinn_oppsett"))

    def test_replacing_the_app_needs_the_old_code_first(self, client, veileder, settings):
        _bekreftet_enhet(veileder)
        _logg_inn(client, veileder)
        assert client.get(reverse("to_trinn_oppsett")).url == reverse("to_trinn_bekreft")
