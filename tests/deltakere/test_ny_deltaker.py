"""Registering a new person at the centre the user works in now."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from stdnum.no import fodselsnummer

from deltakere.forms import NyDeltakerForm
from deltakere.models import (
    Deltaker,
    Kontaktpersonendring,
    Rolle,
    Samtykke,
    Situasjonsendring,
    Status,
    Statusendring,
)
from tests.conftest import ALLE_ROLLER
from tests.factories import BrukerFactory, DeltakerFactory, MedlemskapFactory, ansatt

URL = "/deltakere/ny/"


def syntetisk_fodselsnummer(fodt):
    """A made-up H-number (month + 40, an auxiliary number) with valid check digits."""
    for individ in range(100, 500):
        start = f"{fodt:%d}{fodt.month + 40:02d}{fodt:%y}{individ:03d}"
        nummer = start + fodselsnummer.calc_check_digit1(start)
        nummer += fodselsnummer.calc_check_digit2(nummer)
        if len(nummer) == 11 and fodselsnummer.is_valid(nummer):
            return nummer
    raise AssertionError("no number found")


def _skjema(**endringer):
    data = {
        "fornavn": "Tiril",
        "etternavn": "Testesen",
        "kallenavn": "Tutta",
        "fodselsaar": "1990",
        "fodselsdato": "",
        "fodselsnummer": "",
        "kjonn": "kvinne",
        "telefon": "912 34 567",
        "epost": "",
        "kontaktform": "sms",
        "interesser": "Fjellturer",
        "bosituasjon": "midlertidig",
        "inntekt": "sosialhjelp",
        "soningsforhold": "",
        "henvisning_kilde": "nav",
        "henvisning_dato": (date.today() - timedelta(days=3)).isoformat(),
        "henvisende_instans": "NAV Testby",
        "henvisning_kontaktperson": "",
        "henvisning_notat": "",
        "primaerkontakt": "",
        "andrekontakt": "",
        "status": "aktiv",
        "samtykke_form": "skriftlig",
        "samtykke_dato": date.today().isoformat(),
    }
    data.update(endringer)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
class TestTilgang:
    def test_the_url_is_the_registration_page(self):
        assert reverse("deltakere:ny_deltaker") == URL

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_full_roles_may_register_and_the_koordinator_may_not(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        forventet = 403 if rolle == Rolle.TIDGIVERKOORDINATOR else 200
        assert client.get(URL).status_code == forventet
        assert client.post(URL, _skjema()).status_code in ({403} if forventet == 403 else {302})
        assert Deltaker.objects.with_scopes_disabled().count() == (0 if forventet == 403 else 1)

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_register_at_their_own_centre_only(self, client, senter, annet_senter, rolle):
        client.force_login(ansatt(annet_senter, rolle))
        client.post(URL, _skjema())
        assert not Deltaker.objects.with_scopes_disabled().filter(senter=senter).exists()

    def test_a_user_with_no_centre_gets_404(self, client, db):
        client.force_login(BrukerFactory())
        assert client.get(URL).status_code == 404
        assert client.post(URL, _skjema()).status_code == 404
        assert not Deltaker.objects.with_scopes_disabled().exists()

    def test_anonymous_users_are_sent_to_sign_in(self, client, db):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:logg_inn"))

    def test_the_person_is_registered_at_the_active_centre(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.LEDER)
        client.force_login(veileder)
        client.post(reverse("deltakere:bytt_senter"), {"senter": annet_senter.pk})
        assert annet_senter.navn in client.get(URL).content.decode()
        client.post(URL, _skjema())
        assert Deltaker.objects.with_scopes_disabled().get().senter == annet_senter

    def test_the_role_at_the_active_centre_decides(self, client, senter, annet_senter):
        bruker = ansatt(senter, Rolle.VEILEDER)
        MedlemskapFactory(bruker=bruker, senter=annet_senter, rolle=Rolle.TIDGIVERKOORDINATOR)
        client.force_login(bruker)
        client.post(reverse("deltakere:bytt_senter"), {"senter": annet_senter.pk})
        assert client.get(URL).status_code == 403


@pytest.mark.django_db
class TestRegistrering:
    def test_it_registers_the_person_with_the_dated_rows_and_the_consent(self, client, senter, veileder, leder):
        client.force_login(veileder)
        response = client.post(URL, _skjema(primaerkontakt=str(veileder.pk), andrekontakt=str(leder.pk)))
        deltaker = Deltaker.objects.with_scopes_disabled().get()
        assert response.status_code == 302
        assert response.url == reverse("deltakere:sak", args=[deltaker.pk])
        assert [str(m) for m in get_messages(response.wsgi_request)] == ["Tiril «Tutta» Testesen er registrert."]

        assert deltaker.senter == senter and deltaker.opprettet_av == veileder
        assert deltaker.status == Status.AKTIV and deltaker.status_fra == date.today()
        assert deltaker.telefon == "91234567"
        assert deltaker.bosituasjon_ved_start == deltaker.bosituasjon == "midlertidig"
        assert deltaker.primaerkontakt == veileder and deltaker.andrekontakt == leder
        assert Statusendring.objects.with_scopes_disabled().get(deltaker=deltaker).til_status == Status.AKTIV
        situasjon = Situasjonsendring.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert (situasjon.bosituasjon, situasjon.inntekt) == ("midlertidig", "sosialhjelp")
        kontakt = Kontaktpersonendring.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert (kontakt.primaerkontakt, kontakt.andrekontakt) == (veileder, leder)
        samtykke = Samtykke.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert samtykke.type == Samtykke.Type.REGISTRERING and samtykke.form == "skriftlig"
        assert samtykke.dato == date.today() and samtykke.registrert_av == veileder

    def test_a_valid_fodselsnummer_fills_in_the_birth_date(self, client, veileder):
        fnr = syntetisk_fodselsnummer(date(1990, 5, 17))
        client.force_login(veileder)
        assert client.post(URL, _skjema(fodselsnummer=fnr)).status_code == 302
        deltaker = Deltaker.objects.with_scopes_disabled().get()
        assert deltaker.fodselsnummer == fnr and deltaker.fodselsdato == date(1990, 5, 17)

    def test_the_page_groups_every_field_under_a_legend(self, client, senter, veileder):
        client.force_login(veileder)
        body = client.get(URL).content.decode()
        for legende in (
            "Navn og fødsel",
            "Kontakt",
            "Situasjon ved start",
            "Henvisning",
            "Kontaktpersoner ved senteret",
            "Samtykke og status",
        ):
            assert f'<legend class="h4">{legende}</legend>' in body
        for navn in NyDeltakerForm(senter=senter).fields:
            if navn != "bekreft_ny":
                assert f'name="{navn}"' in body, navn
        assert 'name="bekreft_ny"' not in body
        assert 'method="post"' in body and "csrfmiddlewaretoken" in body
        assert "Registrer deltaker</button>" in body and f'href="{reverse("deltakere:register")}"' in body

    def test_an_invalid_fodselsnummer_is_a_field_error_and_everything_typed_is_kept(self, client, veileder):
        client.force_login(veileder)
        response = client.post(
            URL, _skjema(fodselsnummer="12345678901", henvisning_notat="Ringte selv fra Testby", interesser="Sjakk")
        )
        body = response.content.decode()
        assert response.status_code == 200 and not Deltaker.objects.with_scopes_disabled().exists()
        assert "Fødselsnummeret er ikke gyldig" in body
        assert 'id="error_1_id_fodselsnummer"' in body  # beside the field
        assert 'href="#id_fodselsnummer"' in body  # and in the summary at the top
        for verdi in ('value="Tiril"', 'value="Testesen"', 'value="Tutta"', 'value="1990"', 'value="12345678901"'):
            assert verdi in body, verdi
        assert "Ringte selv fra Testby</textarea>" in body and "Sjakk</textarea>" in body
        assert 'value="sosialhjelp" selected' in body or '<option value="sosialhjelp" selected>' in body

    def test_a_fodselsnummer_that_does_not_match_the_birth_year_is_refused(self, client, veileder):
        client.force_login(veileder)
        fnr = syntetisk_fodselsnummer(date(1991, 3, 4))
        body = client.post(URL, _skjema(fodselsnummer=fnr, fodselsaar="1990")).content.decode()
        assert "Fødselsnummeret passer ikke med fødselsåret" in body
        assert not Deltaker.objects.with_scopes_disabled().exists()

    @pytest.mark.parametrize("telefon", ["12", "12345678", "9123456789", "ring meg"])
    def test_an_invalid_phone_number_is_a_field_error(self, client, veileder, telefon):
        client.force_login(veileder)
        body = client.post(URL, _skjema(telefon=telefon)).content.decode()
        assert "norsk telefonnummer med 8 siffer" in body and 'id="error_1_id_telefon"' in body
        assert not Deltaker.objects.with_scopes_disabled().exists()

    @pytest.mark.parametrize("telefon", ["+47 912 34 567", "0047 91234567", "912-34-567"])
    def test_a_phone_number_is_stored_as_eight_digits(self, client, veileder, telefon):
        client.force_login(veileder)
        client.post(URL, _skjema(telefon=telefon))
        assert Deltaker.objects.with_scopes_disabled().get().telefon == "91234567"

    @pytest.mark.parametrize("felt", ["fornavn", "etternavn", "kallenavn", "henvisning_notat", "interesser"])
    def test_very_long_input_is_a_field_error_not_a_crash(self, client, veileder, felt):
        client.force_login(veileder)
        response = client.post(URL, _skjema(**{felt: "a" * 10_000}))
        assert response.status_code == 200
        assert f'id="error_1_id_{felt}"' in response.content.decode()
        assert not Deltaker.objects.with_scopes_disabled().exists()

    @pytest.mark.parametrize(
        "endring",
        [
            {"fodselsaar": "1850"},
            {"fodselsaar": "tjue"},
            {"henvisning_dato": "2999-01-01"},
            {"samtykke_dato": "2999-01-01"},
            {"status": "avsluttet"},
            {"fornavn": "Ti\x00ril"},
            {"epost": "ikke en adresse"},
        ],
    )
    def test_other_invalid_input_is_a_field_error(self, client, veileder, endring):
        client.force_login(veileder)
        response = client.post(URL, _skjema(**endring))
        assert response.status_code == 200 and "feil i skjemaet" in response.content.decode()
        assert not Deltaker.objects.with_scopes_disabled().exists()

    def test_html_in_the_fields_is_stored_as_text_and_shown_escaped(self, client, senter, veileder):
        client.force_login(veileder)
        client.post(URL, _skjema(fornavn="<script>alert(1)</script>", kallenavn='"><b>fet</b>'))
        assert Deltaker.objects.with_scopes_disabled().get().fornavn == "<script>alert(1)</script>"
        body = client.get(reverse("deltakere:register")).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<script>alert(1)" not in body and "<b>fet</b>" not in body

    def test_a_primaerkontakt_from_another_centre_is_refused(self, client, senter, veileder, leder_annet_senter):
        client.force_login(veileder)
        body = client.post(URL, _skjema(primaerkontakt=str(leder_annet_senter.pk))).content.decode()
        assert 'id="error_1_id_primaerkontakt"' in body
        assert "Ukjent Utenfra" not in body  # not even offered
        assert not Deltaker.objects.with_scopes_disabled().exists()

    def test_the_same_person_twice_as_contacts_is_refused(self, client, veileder):
        client.force_login(veileder)
        body = client.post(URL, _skjema(primaerkontakt=veileder.pk, andrekontakt=veileder.pk)).content.decode()
        assert "Andre kontakt må være en annen enn primærkontakten" in body
        assert not Deltaker.objects.with_scopes_disabled().exists()


@pytest.mark.django_db
class TestDuplikater:
    def test_it_warns_of_a_possible_duplicate_and_registers_when_confirmed(self, client, senter, veileder, leder):
        finnes = DeltakerFactory(
            senter=senter,
            fornavn="Tiril",
            etternavn="Testesen",
            kallenavn="Tulla",
            fodselsaar=1990,
            primaerkontakt=leder,
        )
        client.force_login(veileder)
        response = client.post(URL, _skjema(fornavn="tiril ", etternavn="TESTESEN"))
        body = response.content.decode()
        assert response.status_code == 200 and Deltaker.objects.with_scopes_disabled().count() == 1
        assert "Finnes personen allerede?" in body
        assert f'<a href="{reverse("deltakere:sak", args=[finnes.pk])}">Tiril Testesen</a>' in body
        assert "<td>Tulla</td>" in body and "<td>1990</td>" in body
        assert "<td>Aktiv</td>" in body and "<td>Lise Leder</td>" in body
        assert 'name="bekreft_ny"' in body and 'href="#id_bekreft_ny"' in body
        assert body.index("Finnes personen allerede?") < body.index("Navn og fødsel")
        assert 'value="tiril "' in body or 'value="tiril"' in body

        response = client.post(URL, _skjema(fornavn="tiril", etternavn="TESTESEN", bekreft_ny="on"))
        assert response.status_code == 302
        assert Deltaker.objects.with_scopes_disabled().count() == 2

    def test_a_namesake_with_another_birth_year_or_centre_is_no_duplicate(self, client, senter, annet_senter, veileder):
        DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Testesen", fodselsaar=1991)
        DeltakerFactory(senter=annet_senter, fornavn="Tiril", etternavn="Testesen", fodselsaar=1990)
        client.force_login(veileder)
        assert client.post(URL, _skjema()).status_code == 302
