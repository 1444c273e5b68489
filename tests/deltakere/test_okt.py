from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone


@pytest.mark.django_db
class TestInaktivitet:
    def test_a_session_lasts_the_idle_time_from_the_last_request(self, client, veileder, settings):
        client.force_login(veileder)
        client.get(reverse("min_oversikt"))
        session = Session.objects.get()
        remaining = session.expire_date - timezone.now()
        assert timedelta(minutes=settings.SESSION_IDLE_MINUTES - 1) < remaining <= timedelta(
            minutes=settings.SESSION_IDLE_MINUTES
        )

    def test_it_signs_out_after_the_idle_time(self, client, veileder):
        client.force_login(veileder)
        assert client.get(reverse("min_oversikt")).status_code == 200
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

        response = client.get(reverse("min_oversikt"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("logg_inn"))

    def test_the_page_moves_to_sign_in_when_the_session_ends(self, client, veileder, settings):
        # A shared PC must not keep showing a page after the session has ended.
        client.force_login(veileder)
        body = client.get(reverse("min_oversikt")).content.decode()
        seconds = settings.SESSION_IDLE_MINUTES * 60 + 5
        assert f'<meta http-equiv="refresh" content="{seconds};url={reverse("logg_inn")}">' in body


@pytest.mark.django_db
def test_pages_of_a_signed_in_user_are_never_cached(client, veileder):
    client.force_login(veileder)
    cache_control = client.get(reverse("min_oversikt"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
