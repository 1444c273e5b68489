from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSORD

URL = reverse("deltakere:logg_inn")


def _logg_inn(client, email, passord):
    return client.post(URL, {"username": email, "password": passord})


@pytest.mark.django_db
class TestLoggInn:
    def test_it_shows_a_norwegian_form_with_labels(self, client):
        body = client.get(URL).content.decode()
        assert "<h1" in body and "Logg inn" in body
        assert 'for="id_username"' in body and "E-post" in body
        assert 'for="id_password"' in body and "Passord" in body

    def test_it_signs_in_with_email_and_password(self, client, veileder):
        response = _logg_inn(client, veileder.email, PASSORD)
        assert response.status_code == 302
        assert response.url == reverse("oppfolging:min_oversikt")
        assert client.get(reverse("oppfolging:min_oversikt")).status_code == 200

    def test_email_is_not_case_sensitive(self, client, veileder):
        response = _logg_inn(client, veileder.email.upper(), PASSORD)
        assert response.status_code == 302

    def test_wrong_password_gives_an_error_that_reveals_nothing(self, client, veileder):
        feil_passord = _logg_inn(client, veileder.email, "feil-passord-123").content.decode()
        ukjent = _logg_inn(client, "finnes.ikke@medvandrer.test", "feil-passord-123").content.decode()
        assert "Feil e-post eller passord" in feil_passord
        assert "Feil e-post eller passord" in ukjent
        assert "_auth_user_id" not in client.session

    def test_typed_email_is_kept_after_an_error(self, client, veileder):
        body = _logg_inn(client, veileder.email, "feil-passord-123").content.decode()
        assert f'value="{veileder.email}"' in body

    def test_it_locks_the_account_after_repeated_failures(self, client, veileder, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _logg_inn(client, veileder.email, "feil-passord-123")
        response = _logg_inn(client, veileder.email, PASSORD)
        assert response.status_code == 429
        assert "midlertidig sperret" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_superuser_can_unlock_in_the_admin(self, client, veileder, settings, django_user_model):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _logg_inn(client, veileder.email, "feil-passord-123")
        attempt = AccessAttempt.objects.get(username=veileder.email)

        admin = django_user_model.objects.create_superuser("drift@medvandrer.test", PASSORD, navn="Drift")
        admin_client = type(client)()
        admin_client.force_login(admin)
        url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
        assert not AccessAttempt.objects.exists()

        assert _logg_inn(client, veileder.email, PASSORD).status_code == 302

    def test_it_redirects_to_the_page_asked_for(self, client, leder, senter):
        ansatte = reverse("deltakere:ansatte", args=[senter.pk])
        data = {"username": leder.email, "password": PASSORD, "next": ansatte}
        response = client.post(URL + "?next=" + ansatte, data)
        assert response.url == ansatte

    def test_a_page_asked_for_before_sign_in_is_where_sign_in_lands(self, client, leder, senter):
        ansatte = reverse("deltakere:ansatte", args=[senter.pk])
        response = client.get(ansatte)
        assert response.status_code == 302
        innlogging = response.url
        assert innlogging == URL + "?" + urlencode({"next": ansatte}, safe="/")
        assert f'name="next" value="{ansatte}"' in client.get(innlogging).content.decode()

        # The form posts to its own address, with the hidden field.
        response = client.post(innlogging, {"username": leder.email, "password": PASSORD, "next": ansatte})
        assert response.url == ansatte
        assert client.get(ansatte).status_code == 200

    def test_the_admin_asks_for_our_sign_in_and_returns_to_the_admin(self, client, django_user_model):
        django_user_model.objects.create_superuser("drift@medvandrer.test", PASSORD, navn="Drift")
        innlogging = client.get("/admin/", follow=True)
        innlogging_url = innlogging.redirect_chain[-1][0]
        assert innlogging_url.startswith(URL + "?next=")
        neste = innlogging.context["next"]
        response = client.post(
            innlogging_url, {"username": "drift@medvandrer.test", "password": PASSORD, "next": neste}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/admin/"
        assert response.status_code == 200

    def test_it_does_not_redirect_off_site(self, client, veileder):
        response = client.post(
            URL, {"username": veileder.email, "password": PASSORD, "next": "https://evil.example.com/"}
        )
        assert response.url == reverse("oppfolging:min_oversikt")


@pytest.mark.django_db
class TestLoggUt:
    def test_it_rejects_get(self, client, veileder):
        client.force_login(veileder)
        assert client.get(reverse("deltakere:logg_ut")).status_code == 405
        assert "_auth_user_id" in client.session

    def test_it_signs_out_by_post(self, client, veileder):
        client.force_login(veileder)
        response = client.post(reverse("deltakere:logg_ut"), follow=True)
        assert "_auth_user_id" not in client.session
        assert "Du er logget ut" in response.content.decode()

    def test_every_page_has_a_logout_button(self, client, veileder):
        client.force_login(veileder)
        body = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert f'action="{reverse("deltakere:logg_ut")}"' in body
        assert "Logg ut</button>" in body
