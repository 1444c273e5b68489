"""The idle lock on the server (deltakere/okt.py). Time passes by moving `sist_aktiv` back in the session."""

import json
import re
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from deltakere.models import Deltaker, Rolle
from deltakere.okt import BEHOLDT_SKJEMA, SIST_AKTIV
from tests.factories import PASSORD, DeltakerFactory, ansatt

ROOT = Path(__file__).resolve().parents[2]
LAAST = reverse("deltakere:okt_laast")
STATUS = reverse("deltakere:okt_status")
AKTIV = reverse("deltakere:okt_aktiv")
LAAS_OPP = reverse("deltakere:okt_laas_opp")
NY_DELTAKER = reverse("deltakere:ny_deltaker")


def _sett_sist_aktiv(client, sekunder_siden):
    session = client.session
    session[SIST_AKTIV] = time.time() - sekunder_siden
    session.save()
    return session[SIST_AKTIV]


def _laas(client, settings):
    return _sett_sist_aktiv(client, settings.SESSION_IDLE_SECONDS + 1)


def _sist_aktiv(client):
    return client.session[SIST_AKTIV]


def _laast_url(neste):
    return LAAST + "?" + urlencode({"next": neste})


def _er_laast(client):
    return json.loads(client.get(STATUS).content)["laast"]


def _ny_deltaker_data(**endret):
    """A valid intake (see tests/deltakere/test_ny_deltaker.py), with a CSRF token as a browser sends it."""
    data = {
        "csrfmiddlewaretoken": "tokenet-skal-ikke-lagres",
        "fornavn": "Sigrun",
        "etternavn": "Fjellheim",
        "fodselsaar": "1979",
        "kjonn": "kvinne",
        "kontaktform": "sms",
        "bosituasjon": "midlertidig",
        "inntekt": "sosialhjelp",
        "henvisning_kilde": "nav",
        "henvisning_dato": (date.today() - timedelta(days=3)).isoformat(),
        "status": "aktiv",
        "samtykke_form": "skriftlig",
        "samtykke_dato": date.today().isoformat(),
    }
    return {**data, **endret}


@pytest.fixture
def innlogget(client, veileder):
    client.force_login(veileder)
    return client


@pytest.mark.django_db
class TestAktivitet:
    def test_signing_in_counts_as_an_action(self, client, veileder):
        client.post(reverse("deltakere:logg_inn"), {"username": veileder.email, "password": PASSORD})
        assert time.time() - _sist_aktiv(client) < 5

    def test_a_request_counts_as_an_action(self, innlogget):
        _sett_sist_aktiv(innlogget, 600)
        assert innlogget.get(reverse("oppfolging:min_oversikt")).status_code == 200
        assert time.time() - _sist_aktiv(innlogget) < 5

    def test_search_as_you_type_counts_as_an_action(self, innlogget):
        _sett_sist_aktiv(innlogget, 600)
        response = innlogget.post(reverse("deltakere:register"), {"q": "Tiril"}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert time.time() - _sist_aktiv(innlogget) < 5

    def test_the_session_is_written_at_most_about_once_a_minute(self, innlogget):
        skrevet = _sett_sist_aktiv(innlogget, 30)
        utloper = Session.objects.get().expire_date
        for _ in range(3):
            innlogget.get(reverse("oppfolging:min_oversikt"))
        assert _sist_aktiv(innlogget) == skrevet
        assert Session.objects.get().expire_date == utloper

        _sett_sist_aktiv(innlogget, 61)
        innlogget.get(reverse("oppfolging:min_oversikt"))
        assert time.time() - _sist_aktiv(innlogget) < 5

    def test_asking_for_the_status_is_not_an_action(self, innlogget, settings):
        skrevet = _sett_sist_aktiv(innlogget, 100)
        svar = innlogget.get(STATUS).json()
        assert svar["innlogget"] and not svar["laast"]
        assert settings.SESSION_IDLE_SECONDS - 101 <= svar["sekunder_igjen"] <= settings.SESSION_IDLE_SECONDS - 99
        assert _sist_aktiv(innlogget) == skrevet

    def test_the_keep_alive_counts_as_an_action_at_once(self, innlogget, settings):
        _sett_sist_aktiv(innlogget, 30)
        svar = innlogget.post(AKTIV).json()
        assert svar["sekunder_igjen"] == settings.SESSION_IDLE_SECONDS
        assert time.time() - _sist_aktiv(innlogget) < 5

    def test_the_keep_alive_rejects_get(self, innlogget):
        assert innlogget.get(AKTIV).status_code == 405

    def test_the_session_outlives_the_idle_limit(self, innlogget, settings):
        _sett_sist_aktiv(innlogget, 61)
        innlogget.get(reverse("oppfolging:min_oversikt"))
        igjen = Session.objects.get().expire_date - timezone.now()
        assert timedelta(hours=settings.SESSION_MAX_HOURS, minutes=-1) < igjen
        assert igjen <= timedelta(hours=settings.SESSION_MAX_HOURS)
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

    def test_an_anonymous_status_says_signed_out(self, client):
        assert client.get(STATUS).json() == {"innlogget": False}


@pytest.mark.django_db
class TestLaast:
    def test_the_session_locks_at_the_idle_limit_and_stays_signed_in(self, innlogget, settings):
        _sett_sist_aktiv(innlogget, settings.SESSION_IDLE_SECONDS - 5)
        assert innlogget.get(reverse("oppfolging:min_oversikt")).status_code == 200

        _laas(innlogget, settings)
        response = innlogget.get(reverse("oppfolging:min_oversikt"))
        assert response.status_code == 302
        assert response.url == _laast_url(reverse("oppfolging:min_oversikt"))
        assert "_auth_user_id" in innlogget.session
        assert _er_laast(innlogget)

    def test_a_locked_get_never_shows_personal_data(self, innlogget, senter, settings):
        deltaker = DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Fjellstad")
        sak = reverse("deltakere:sak", args=[deltaker.pk])
        assert "Fjellstad" in innlogget.get(sak).content.decode()

        _laas(innlogget, settings)
        response = innlogget.get(sak + "?fane=nettverk", follow=True)
        assert response.redirect_chain == [(_laast_url(sak + "?fane=nettverk"), 302)]
        body = response.content.decode()
        assert "Skjermen er låst" in body
        assert "Fjellstad" not in body and "Tiril" not in body

    def test_a_locked_htmx_request_is_sent_to_the_lock_page(self, innlogget, senter, settings):
        DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Fjellstad")
        _laas(innlogget, settings)
        response = innlogget.get(
            reverse("deltakere:register"),
            {"q": "Fjellstad"},
            headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/deltakere/?status=aktiv"},
        )
        assert response.status_code == 204
        assert response["HX-Redirect"] == _laast_url("/deltakere/?status=aktiv")
        assert response.content == b""

    def test_a_locked_post_is_kept_and_not_saved(self, innlogget, settings):
        _laas(innlogget, settings)
        response = innlogget.post(NY_DELTAKER, _ny_deltaker_data())
        assert response.status_code == 302
        assert response.url == _laast_url(NY_DELTAKER)
        assert not Deltaker.objects.with_scopes_disabled().exists()

        beholdt = innlogget.session[BEHOLDT_SKJEMA]
        assert beholdt["sti"] == NY_DELTAKER
        assert "fornavn=Sigrun" in beholdt["data"]
        assert "csrfmiddlewaretoken" not in beholdt["data"]

    def test_a_button_sent_while_locked_returns_to_the_page_it_was_on(self, innlogget, settings):
        _laas(innlogget, settings)
        response = innlogget.post(
            reverse("deltakere:bytt_senter"),
            {"senter": "1"},
            headers={"Referer": "http://testserver/deltakere/?side=2"},
        )
        assert response.url == _laast_url("/deltakere/?side=2")

    def test_a_referer_from_another_site_is_not_followed(self, innlogget, settings):
        _laas(innlogget, settings)
        response = innlogget.post(NY_DELTAKER, _ny_deltaker_data(), headers={"Referer": "https://evil.example.com/"})
        assert response.url == _laast_url(NY_DELTAKER)

    def test_passwords_are_never_kept(self, innlogget, settings):
        _laas(innlogget, settings)
        innlogget.post(
            reverse("deltakere:endre_passord"),
            {"old_password": PASSORD, "new_password1": "Nytt-passord-2026!", "new_password2": "Nytt-passord-2026!"},
        )
        assert BEHOLDT_SKJEMA not in innlogget.session

    def test_a_keep_alive_does_not_unlock(self, innlogget, settings):
        _laas(innlogget, settings)
        assert innlogget.post(AKTIV).json()["laast"] is True
        assert _er_laast(innlogget)

    def test_sign_out_and_the_health_check_work_while_locked(self, innlogget, settings):
        _laas(innlogget, settings)
        assert innlogget.get(reverse("helse")).status_code == 200
        response = innlogget.post(reverse("deltakere:logg_ut"))
        assert response.url == reverse("deltakere:logg_inn")
        assert "_auth_user_id" not in innlogget.session

    def test_what_was_kept_goes_when_the_next_page_is_another(self, innlogget, settings):
        _laas(innlogget, settings)
        innlogget.post(NY_DELTAKER, _ny_deltaker_data())
        innlogget.post(LAAST, {"passord": PASSORD, "next": reverse("deltakere:register")})
        innlogget.get(reverse("deltakere:register"))
        assert BEHOLDT_SKJEMA not in innlogget.session

    def test_signing_out_from_the_lock_discards_what_was_kept(self, innlogget, settings):
        _laas(innlogget, settings)
        innlogget.post(NY_DELTAKER, _ny_deltaker_data())
        assert BEHOLDT_SKJEMA in innlogget.session
        innlogget.post(reverse("deltakere:logg_ut"))
        assert BEHOLDT_SKJEMA not in innlogget.session


@pytest.mark.django_db
class TestLaasOpp:
    def test_the_lock_page_says_whose_session_it_is(self, innlogget, veileder, settings):
        _laas(innlogget, settings)
        body = innlogget.get(_laast_url("/deltakere/")).content.decode()
        assert "<h1" in body and "Skjermen er låst" in body
        assert veileder.navn in body
        assert 'for="id_passord"' in body and 'autocomplete="current-password"' in body
        assert "id_kode" not in body
        assert f'action="{reverse("deltakere:logg_ut")}"' in body and "Ikke deg? Logg ut</button>" in body
        assert 'value="/deltakere/"' in body

    def test_the_own_password_unlocks_and_returns_to_the_page(self, innlogget, settings):
        _laas(innlogget, settings)
        response = innlogget.post(_laast_url("/deltakere/"), {"passord": PASSORD, "next": "/deltakere/"})
        assert response.status_code == 302
        assert response.url == "/deltakere/"
        assert not _er_laast(innlogget)
        assert innlogget.get("/deltakere/").status_code == 200

    def test_a_wrong_password_shows_a_norwegian_error_beside_the_field(self, innlogget, settings):
        _laas(innlogget, settings)
        response = innlogget.post(LAAST, {"passord": "feil-passord-123"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "Feil passord" in body
        assert re.search(r'aria-describedby="[^"]*id_passord_error', body)
        assert _er_laast(innlogget)

    def test_another_users_valid_password_does_not_unlock(self, client, innlogget, senter, settings):
        kollega = ansatt(senter, Rolle.SOSIONOM, bruker__navn="Berit Brekke")
        kollega.set_password("Berits-eget-passord-2026")
        kollega.save()
        assert authenticate(RequestFactory().post("/"), username=kollega.email, password="Berits-eget-passord-2026")

        _laas(innlogget, settings)
        body = innlogget.post(LAAST, {"passord": "Berits-eget-passord-2026"}).content.decode()
        assert "Feil passord" in body
        assert _er_laast(innlogget)
        assert innlogget.get(reverse("oppfolging:min_oversikt")).status_code == 302

    def test_failures_count_and_a_lockout_ends_the_session(self, innlogget, veileder, settings):
        _laas(innlogget, settings)
        innlogget.post(LAAST, {"passord": "feil-passord-123"})
        assert AccessAttempt.objects.get(username=veileder.email).failures_since_start == 1
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = innlogget.post(LAAST, {"passord": "feil-passord-123"})
        assert response.status_code == 429
        assert "midlertidig sperret" in response.content.decode()
        assert "_auth_user_id" not in innlogget.session
        assert innlogget.get(reverse("oppfolging:min_oversikt")).url.startswith(reverse("deltakere:logg_inn"))

    def test_a_user_with_a_second_factor_gives_a_code_too(self, innlogget, veileder, settings):
        device = TOTPDevice.objects.create(user=veileder, name="App", confirmed=True)
        _laas(innlogget, settings)
        assert 'for="id_kode"' in innlogget.get(LAAST).content.decode()

        body = innlogget.post(LAAST, {"passord": PASSORD}).content.decode()
        assert "Skriv koden fra autentiseringsappen" in body
        body = innlogget.post(LAAST, {"passord": PASSORD, "kode": "000000"}).content.decode()
        assert "Koden er feil eller utløpt" in body
        assert _er_laast(innlogget)

        device.refresh_from_db()
        device.throttle_reset()  # django-otp slows down guessing after a wrong code
        kode = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        assert innlogget.post(LAAST, {"passord": PASSORD, "kode": kode}).status_code == 302
        assert not _er_laast(innlogget)

    def test_a_session_locked_before_the_second_factor_unlocks_with_both(self, client, veileder, settings):
        settings.REQUIRE_2FA = True
        device = TOTPDevice.objects.create(user=veileder, name="App", confirmed=True)
        client.post(reverse("deltakere:logg_inn"), {"username": veileder.email, "password": PASSORD})
        _laas(client, settings)
        assert client.get(reverse("deltakere:register")).url == _laast_url(reverse("deltakere:register"))

        kode = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
        response = client.post(LAAST, {"passord": PASSORD, "kode": kode, "next": reverse("deltakere:register")})
        assert response.url == reverse("deltakere:register")
        assert client.get(reverse("deltakere:register")).status_code == 200

    def test_it_does_not_redirect_off_site(self, innlogget, settings):
        _laas(innlogget, settings)
        response = innlogget.post(LAAST, {"passord": PASSORD, "next": "https://evil.example.com/"})
        assert response.url == reverse("oppfolging:min_oversikt")

    def test_an_unlocked_session_goes_on_to_the_page(self, innlogget):
        assert innlogget.get(_laast_url("/deltakere/")).url == "/deltakere/"

    def test_a_signed_out_visitor_is_sent_to_sign_in(self, client):
        response = client.get(_laast_url("/deltakere/"))
        assert response.url == reverse("deltakere:logg_inn") + "?next=/deltakere/"


@pytest.mark.django_db
class TestLaasOppJson:
    """The unlock of the lock panel that static/js/okt.js shows."""

    def test_the_own_password_unlocks(self, innlogget, settings):
        _laas(innlogget, settings)
        svar = innlogget.post(LAAS_OPP, {"passord": PASSORD})
        assert svar.status_code == 200
        assert svar.json()["laast"] is False
        assert svar.json()["sekunder_igjen"] == settings.SESSION_IDLE_SECONDS

    def test_errors_come_per_field(self, innlogget, settings):
        _laas(innlogget, settings)
        svar = innlogget.post(LAAS_OPP, {"passord": "feil-passord-123"})
        assert svar.status_code == 400
        assert svar.json() == {"feil": {"passord": "Feil passord. Skriv passordet du logger inn med."}}
        assert _er_laast(innlogget)

    def test_a_lockout_ends_the_session(self, innlogget, settings):
        _laas(innlogget, settings)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            svar = innlogget.post(
                LAAS_OPP, {"passord": "feil-passord-123"}, headers={"X-Requested-With": "XMLHttpRequest"}
            )
        assert svar.status_code == 429
        assert "_auth_user_id" not in innlogget.session
        body = innlogget.get(reverse("deltakere:logg_inn")).content.decode()
        assert "passordet ble skrevet feil for mange ganger" in body


@pytest.mark.django_db
class TestSkjemaTilbake:
    """A form sent while locked comes back filled in after unlock: `skjemadata` in the form views."""

    def _send_laast_og_laas_opp(self, client, settings, sti, data):
        _laas(client, settings)
        assert client.post(sti, data).url == _laast_url(sti)
        return client.post(_laast_url(sti), {"passord": PASSORD, "next": sti}, follow=True)

    def test_the_intake_form_comes_back_filled_in_and_not_saved(self, innlogget, settings):
        response = self._send_laast_og_laas_opp(innlogget, settings, NY_DELTAKER, _ny_deltaker_data())
        assert response.redirect_chain == [(NY_DELTAKER, 302)]
        body = response.content.decode()
        assert 'value="Sigrun"' in body and 'value="Fjellheim"' in body
        assert "Skjemaet viser det du skrev før skjermen ble låst. Ingenting er lagret ennå." in body
        assert not Deltaker.objects.with_scopes_disabled().exists()

        # Once: the next visit is a fresh form.
        body = innlogget.get(NY_DELTAKER).content.decode()
        assert "Sigrun" not in body and "Skjemaet viser det du skrev" not in body

    def test_the_restored_form_saves_when_it_is_sent_again(self, innlogget, settings):
        self._send_laast_og_laas_opp(innlogget, settings, NY_DELTAKER, _ny_deltaker_data())
        response = innlogget.post(NY_DELTAKER, _ny_deltaker_data())
        deltaker = Deltaker.objects.with_scopes_disabled().get(etternavn="Fjellheim")
        assert response.url == reverse("deltakere:sak", args=[deltaker.pk])

    def test_a_form_on_a_persons_page_comes_back_too(self, innlogget, senter, settings):
        deltaker = DeltakerFactory(senter=senter)
        sti = reverse("deltakere:endre_samarbeidsavtale", args=[deltaker.pk])
        data = {"versjon": str(deltaker.versjon), "signert": "", "notat": "Vi møtes på kafeen hver tirsdag."}
        body = self._send_laast_og_laas_opp(innlogget, settings, sti, data).content.decode()
        assert "Vi møtes på kafeen hver tirsdag." in body
        deltaker.refresh_from_db()
        assert deltaker.samarbeidsavtale_notat == ""

    def test_the_next_user_after_sign_out_gets_none_of_it(self, innlogget, senter, settings):
        kollega = ansatt(senter, Rolle.SOSIONOM, bruker__navn="Berit Brekke")
        _laas(innlogget, settings)
        innlogget.post(NY_DELTAKER, _ny_deltaker_data())
        innlogget.post(reverse("deltakere:logg_ut"))

        innlogget.post(reverse("deltakere:logg_inn"), {"username": kollega.email, "password": PASSORD})
        body = innlogget.get(NY_DELTAKER).content.decode()
        assert "Sigrun" not in body and "Fjellheim" not in body and "Skjemaet viser det du skrev" not in body


@pytest.mark.django_db
class TestSiden:
    """What every page of a signed-in user carries for static/js/okt.js, and what it no longer does."""

    def test_no_template_refreshes_the_page(self):
        maler = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
        assert len(maler) > 20
        assert [m for m in maler if re.search(r"http-equiv=[\"']?refresh", m.read_text(), re.IGNORECASE)] == []

    def test_the_footer_tells_when_the_screen_locks(self, innlogget):
        body = innlogget.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert "Skjermen låses etter 30 minutter uten aktivitet." in body
        assert "logges ut automatisk" not in body

    def test_the_page_carries_the_lock_for_the_script(self, innlogget, veileder, settings):
        body = innlogget.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert '<script src="/static/js/okt.js" defer></script>' in body
        assert re.search(r'<meta name="csrf-token" content="[^"]+">', body)
        assert f'data-status-url="{STATUS}"' in body and f'data-laas-opp-url="{LAAS_OPP}"' in body
        assert f'data-bruker="{veileder.pk}"' in body
        assert f'data-sekunder-igjen="{settings.SESSION_IDLE_SECONDS}"' in body
        assert 'data-varsel-sekunder="120"' in body and 'data-intervall-sekunder="60"' in body
        assert 'role="alertdialog"' in body and "Skjermen låses om 2 minutter." in body
        assert 'id="mv-laas"' in body and "Ikke deg? Logg ut</button>" in body
        assert 'id="mv-laas-kode"' not in body

    def test_the_lock_panel_asks_for_a_code_where_the_user_has_a_second_factor(self, innlogget, veileder):
        TOTPDevice.objects.create(user=veileder, name="App", confirmed=True)
        innlogget.get(reverse("oppfolging:min_oversikt"))  # the second factor is asked for first
        body = innlogget.get(reverse("deltakere:to_trinn_bekreft")).content.decode()
        assert 'for="mv-laas-kode"' in body

    def test_a_signed_out_page_has_no_lock(self, client):
        body = client.get(reverse("deltakere:logg_inn")).content.decode()
        assert "okt.js" not in body and 'id="mv-okt"' not in body and "Skjermen låses" not in body

    def test_the_lock_page_has_no_lock_panel_of_its_own(self, innlogget, settings):
        _laas(innlogget, settings)
        body = innlogget.get(LAAST).content.decode()
        assert 'id="mv-okt"' not in body


@pytest.mark.django_db
def test_pages_of_a_signed_in_user_are_never_cached(client, veileder):
    client.force_login(veileder)
    cache_control = client.get(reverse("oppfolging:min_oversikt"))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
