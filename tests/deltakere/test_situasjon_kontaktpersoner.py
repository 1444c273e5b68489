"""Situation, contact persons and the samarbeidsavtale: dated rows, staff of the centre, and versions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from deltakere.models import (
    Bosituasjon,
    Deltaker,
    Inntekt,
    Kontaktpersonendring,
    Rolle,
    Samtykke,
    Situasjonsendring,
    Soningsforhold,
)
from deltakere.services import overfor_deltaker
from tests.conftest import ALLE_ROLLER
from tests.factories import DeltakerFactory, ansatt, i_senter, lagre

FULL = {Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER}
SIDER = ["deltakere:endre_situasjon", "deltakere:endre_kontaktpersoner", "deltakere:endre_samarbeidsavtale"]
I_GAR = (date.today() - timedelta(days=1)).isoformat()


def _url(navn, deltaker):
    return reverse(navn, args=[deltaker.pk])


def _situasjon(deltaker, **endret):
    data = {
        "versjon": deltaker.versjon,
        "dato": I_GAR,
        "bosituasjon": deltaker.bosituasjon,
        "inntekt": deltaker.inntekt,
        "soningsforhold": deltaker.soningsforhold,
    }
    data.update(endret)
    return data


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])


@pytest.mark.django_db
class TestTilgang:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_only_full_access_at_the_centre_may_open_the_pages(self, client, senter, deltaker, rolle):
        client.force_login(ansatt(senter, rolle))
        for navn in SIDER:
            assert client.get(_url(navn, deltaker)).status_code == (200 if rolle in FULL else 404), navn

    def test_a_tidgiverkoordinator_cannot_change_anything(self, client, senter, deltaker):
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        for navn in SIDER:
            assert client.post(_url(navn, deltaker), _situasjon(deltaker)).status_code == 404, navn
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).versjon == deltaker.versjon

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_staff_of_another_centre_get_404(self, client, annet_senter, deltaker, rolle):
        client.force_login(ansatt(annet_senter, rolle))
        for navn in SIDER:
            assert client.get(_url(navn, deltaker)).status_code == 404, navn
            assert client.post(_url(navn, deltaker), _situasjon(deltaker)).status_code == 404, navn
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).versjon == deltaker.versjon

    def test_anonymous_users_are_sent_to_sign_in(self, client, deltaker):
        for navn in SIDER:
            response = client.get(_url(navn, deltaker))
            assert response.status_code == 302 and response.url.startswith(reverse("deltakere:logg_inn")), navn

    def test_a_transferred_person_is_read_only(self, client, annet_senter, deltaker, veileder):
        with i_senter(deltaker.senter, annet_senter):
            overfor_deltaker(
                deltaker,
                versjon=deltaker.versjon,
                til_senter=annet_senter,
                dato=date.today(),
                samtykke_form="skriftlig",
                av=veileder,
            )
            deltaker.refresh_from_db()
            client.force_login(veileder)
            for navn in SIDER:
                assert client.get(_url(navn, deltaker)).url == reverse("deltakere:sak", args=[deltaker.pk]), navn
            client.post(
                _url("deltakere:endre_situasjon", deltaker), _situasjon(deltaker, bosituasjon=Bosituasjon.EGEN_BOLIG)
            )
            assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).bosituasjon == Bosituasjon.MIDLERTIDIG


@pytest.mark.django_db
class TestSituasjon:
    def test_the_form_starts_from_the_situation_now(self, client, deltaker, veileder):
        lagre(Deltaker.objects.with_scopes_disabled().filter(pk=deltaker.pk), inntekt=Inntekt.AAP, lar=True)
        client.force_login(veileder)
        form = client.get(_url("deltakere:endre_situasjon", deltaker)).context["form"]
        assert form.initial["inntekt"] == Inntekt.AAP and form.initial["lar"] is True

    def test_a_change_makes_a_new_dated_row_and_keeps_the_start(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(
            _url("deltakere:endre_situasjon", deltaker),
            _situasjon(
                deltaker,
                bosituasjon=Bosituasjon.EGEN_BOLIG,
                inntekt=Inntekt.ARBEID,
                lar="on",
                soningsforhold=Soningsforhold.FOTLENKE,
            ),
        )
        assert response.status_code == 302
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert (lagret.bosituasjon, lagret.inntekt, lagret.lar, lagret.i_behandling) == (
            Bosituasjon.EGEN_BOLIG,
            Inntekt.ARBEID,
            True,
            False,
        )
        assert lagret.soningsforhold == Soningsforhold.FOTLENKE
        assert (lagret.bosituasjon_ved_start, lagret.inntekt_ved_start) == (
            Bosituasjon.MIDLERTIDIG,
            Inntekt.SOSIALHJELP,
        )
        rad = Situasjonsendring.objects.with_scopes_disabled().filter(deltaker=deltaker).latest("registrert")
        assert (rad.dato.isoformat(), rad.bosituasjon, rad.lar, rad.registrert_av) == (
            I_GAR,
            Bosituasjon.EGEN_BOLIG,
            True,
            veileder,
        )
        body = client.get(response.url).content.decode()
        assert "<td>Midlertidig botilbud</td><td>Egen bolig</td>" in body

    def test_two_changes_make_two_rows(self, client, deltaker, veileder):
        client.force_login(veileder)
        client.post(
            _url("deltakere:endre_situasjon", deltaker), _situasjon(deltaker, bosituasjon=Bosituasjon.EGEN_BOLIG)
        )
        deltaker.refresh_from_db()
        client.post(_url("deltakere:endre_situasjon", deltaker), _situasjon(deltaker, inntekt=Inntekt.ARBEID))
        assert (
            Situasjonsendring.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 1 + 2
        )  # intake, then two changes

    def test_a_date_in_the_future_is_a_field_error(self, client, deltaker, veileder):
        client.force_login(veileder)
        fram = (date.today() + timedelta(days=3)).isoformat()
        response = client.post(_url("deltakere:endre_situasjon", deltaker), _situasjon(deltaker, dato=fram))
        assert list(response.context["form"].errors) == ["dato"]
        assert (
            Situasjonsendring.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 1
        )  # the intake row only

    def test_a_save_from_an_old_version_is_refused_with_the_differences(self, client, deltaker, veileder):
        client.force_login(veileder)
        client.post(
            _url("deltakere:endre_situasjon", deltaker), _situasjon(deltaker, bosituasjon=Bosituasjon.EGEN_BOLIG)
        )
        response = client.post(
            _url("deltakere:endre_situasjon", deltaker),
            _situasjon(deltaker, bosituasjon=Bosituasjon.BOSTEDSLOS, i_behandling="on"),  # the old version
        )
        assert response.status_code == 409
        konflikt = {felt: (lagret, ditt) for felt, lagret, ditt in response.context["konflikt"]}
        assert konflikt == {"Bosituasjon": ("Egen bolig", "Bostedsløs"), "I behandling": (False, True)}
        body = response.content.decode()
        assert "<td>Egen bolig</td>" in body and "<td>Bostedsløs</td>" in body
        assert '<option value="bostedslos" selected>' in body
        assert Situasjonsendring.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 1 + 1
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).bosituasjon == Bosituasjon.EGEN_BOLIG

    def test_a_conflict_in_fields_not_on_this_form_says_so(self, client, deltaker, veileder):
        lagre(
            Deltaker.objects.with_scopes_disabled().filter(pk=deltaker.pk),
            versjon=deltaker.versjon + 1,
            fornavn="Annet",
        )
        client.force_login(veileder)
        response = client.post(_url("deltakere:endre_situasjon", deltaker), _situasjon(deltaker))
        assert response.status_code == 409
        assert "gjaldt ikke feltene i dette skjemaet" in response.content.decode()


@pytest.mark.django_db
class TestKontaktpersoner:
    def _data(self, deltaker, primaer, sekundaer=None):
        return {
            "versjon": deltaker.versjon,
            "dato": I_GAR,
            "primaerkontakt": primaer.pk if primaer else "",
            "andrekontakt": sekundaer.pk if sekundaer else "",
        }

    def test_it_changes_the_contact_persons_with_a_dated_row(self, client, senter, deltaker, veileder, leder):
        client.force_login(leder)
        response = client.post(_url("deltakere:endre_kontaktpersoner", deltaker), self._data(deltaker, veileder, leder))
        assert response.status_code == 302
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert (lagret.primaerkontakt, lagret.andrekontakt) == (veileder, leder)
        rad = Kontaktpersonendring.objects.with_scopes_disabled().filter(deltaker=deltaker).latest("registrert")
        assert (rad.primaerkontakt, rad.andrekontakt, rad.registrert_av) == (veileder, leder, leder)
        assert "Kontaktpersoner byttet" in client.get(response.url).content.decode()

    def test_contact_persons_must_work_at_the_persons_centre(self, client, deltaker, veileder, leder_annet_senter):
        client.force_login(veileder)
        body = client.get(_url("deltakere:endre_kontaktpersoner", deltaker)).content.decode()
        assert "Vegard Veileder" in body and "Ukjent Utenfra" not in body
        response = client.post(
            _url("deltakere:endre_kontaktpersoner", deltaker), self._data(deltaker, leder_annet_senter)
        )
        assert response.status_code == 200
        assert "primaerkontakt" in response.context["form"].errors
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).primaerkontakt is None
        assert (
            Kontaktpersonendring.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 1
        )  # the intake row only

    def test_someone_who_has_left_the_centre_cannot_be_chosen(self, client, senter, deltaker, veileder):
        sluttet = ansatt(senter, Rolle.VEILEDER, sluttet=date.today())
        client.force_login(veileder)
        response = client.post(_url("deltakere:endre_kontaktpersoner", deltaker), self._data(deltaker, sluttet))
        assert "primaerkontakt" in response.context["form"].errors

    def test_the_same_person_cannot_be_both(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(
            _url("deltakere:endre_kontaktpersoner", deltaker), self._data(deltaker, veileder, veileder)
        )
        assert response.status_code == 200
        assert "Andre kontakt må være en annen enn primærkontakten." in response.content.decode()
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).primaerkontakt is None

    def test_a_save_from_an_old_version_is_refused(self, client, deltaker, veileder, leder):
        client.force_login(veileder)
        gammel = self._data(deltaker, leder)
        client.post(_url("deltakere:endre_kontaktpersoner", deltaker), self._data(deltaker, veileder))
        response = client.post(_url("deltakere:endre_kontaktpersoner", deltaker), gammel)
        assert response.status_code == 409
        assert [felt for felt, _, _ in response.context["konflikt"]] == ["Primærkontakt"]
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).primaerkontakt == veileder


@pytest.mark.django_db
class TestSamarbeidsavtale:
    def test_it_saves_the_signed_date_and_the_note(self, client, deltaker, veileder):
        lagre([deltaker], henvisning_dato=date(2026, 2, 20))
        client.force_login(veileder)
        response = client.post(
            _url("deltakere:endre_samarbeidsavtale", deltaker),
            {"versjon": deltaker.versjon, "signert": "2026-03-03", "notat": "Hjelp med bolig, ikke med gjeld."},
        )
        assert response.status_code == 302
        lagret = Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk)
        assert lagret.samarbeidsavtale_signert == date(2026, 3, 3)
        body = client.get(response.url).content.decode()
        assert "Signert 3. mars 2026." in body and "Hjelp med bolig, ikke med gjeld." in body

    def test_a_save_from_an_old_version_is_refused_and_keeps_the_text(self, client, deltaker, veileder):
        lagre(
            Deltaker.objects.with_scopes_disabled().filter(pk=deltaker.pk),
            versjon=deltaker.versjon + 1,
            samarbeidsavtale_notat="Først",
        )
        client.force_login(veileder)
        response = client.post(
            _url("deltakere:endre_samarbeidsavtale", deltaker),
            {"versjon": deltaker.versjon, "signert": "", "notat": "Mitt"},
        )
        assert response.status_code == 409
        assert response.context["konflikt"] == [("Hva som er avtalt", "Først", "Mitt")]
        assert "Mitt</textarea>" in response.content.decode()
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).samarbeidsavtale_notat == "Først"


@pytest.mark.django_db
class TestKoordinatorErIkkeKontaktperson:
    """A tidgiverkoordinator may see only what a person shares with a tidgiver, so cannot be their contact."""

    def test_the_choice_offers_no_koordinator_and_a_forged_post_is_refused(self, client, senter, deltaker, leder):
        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR, bruker__navn="Kari Koordinator")
        client.force_login(leder)
        assert "Kari Koordinator" not in client.get(_url("deltakere:endre_kontaktpersoner", deltaker)).content.decode()
        response = client.post(
            _url("deltakere:endre_kontaktpersoner", deltaker),
            {"versjon": deltaker.versjon, "dato": I_GAR, "primaerkontakt": koordinator.pk},
        )
        assert "primaerkontakt" in response.context["form"].errors
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).primaerkontakt is None

    def test_the_service_refuses_it_too(self, senter, deltaker, leder):
        with i_senter(senter):
            from django.core.exceptions import ValidationError

            from deltakere import services

            koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
            with pytest.raises(ValidationError):
                services.endre_kontaktpersoner(
                    deltaker, versjon=deltaker.versjon, dato=date.today(), primaerkontakt=koordinator,
                    andrekontakt=None, av=leder,
                )  # fmt: skip

    def test_a_koordinator_set_as_contact_before_sees_no_status_on_min_oversikt(self, client, senter, deltaker):
        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        lagre([deltaker], primaerkontakt=koordinator)  # as the old code allowed
        client.force_login(koordinator)
        body = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        # Listed only as someone who shares with a tidgiver (the person has consented), not as the koordinator's.
        assert "Dine deltakere" not in body and "primærkontakt for" not in body
        assert deltaker.etternavn in body and "Aktiv" not in body
