"""Time is data: the current value is the latest dated row, dates have sane bounds, and every change
to personal data is kept in the change history with its author."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deltakere import services
from deltakere.models import (
    Bosituasjon,
    Deltaker,
    Inntekt,
    Kontaktpersonendring,
    Rolle,
    Samtykke,
    Senter,
    Situasjonsendring,
    Status,
    Statusendring,
)
from deltakere.selectors import historikkavvik
from tests.factories import DeltakerFactory, ansatt, i_senter, lagre

IDAG = date.today()


def _dager(n):
    return (IDAG + timedelta(days=n)).isoformat()


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=100), status_fra=IDAG - timedelta(days=100)
    )


def _situasjon(client, deltaker, dato, **verdier):
    deltaker.refresh_from_db()
    data = {"versjon": deltaker.versjon, "dato": dato, "bosituasjon": deltaker.bosituasjon, "inntekt": deltaker.inntekt}
    return client.post(reverse("deltakere:endre_situasjon", args=[deltaker.pk]), {**data, **verdier})


@pytest.mark.django_db
class TestBakoverdaterteEndringer:
    def test_a_back_dated_situation_takes_its_place_and_does_not_overwrite_a_later_one(
        self, client, deltaker, veileder
    ):
        with i_senter(*Senter.objects.all()):
            client.force_login(veileder)
            assert _situasjon(client, deltaker, _dager(-5), bosituasjon=Bosituasjon.EGEN_BOLIG).status_code == 302
            response = _situasjon(client, deltaker, _dager(-40), bosituasjon=Bosituasjon.FENGSEL)
            assert response.status_code == 302
            deltaker.refresh_from_db()
            assert deltaker.bosituasjon == Bosituasjon.EGEN_BOLIG  # the latest row by date still decides
            datoer = list(
                Situasjonsendring.objects.with_scopes_disabled()
                .filter(deltaker=deltaker)
                .order_by("dato")
                .values_list("bosituasjon")
            )
            assert datoer == [(Bosituasjon.MIDLERTIDIG,), (Bosituasjon.FENGSEL,), (Bosituasjon.EGEN_BOLIG,)]
            assert list(historikkavvik()) == []

    def test_a_back_dated_change_of_contact_persons_keeps_the_later_ones(self, client, senter, deltaker, veileder):
        sosionom = ansatt(senter, Rolle.SOSIONOM, bruker__navn="Sara Sosionom")
        client.force_login(veileder)
        url = reverse("deltakere:endre_kontaktpersoner", args=[deltaker.pk])
        client.post(url, {"versjon": deltaker.versjon, "dato": _dager(-3), "primaerkontakt": veileder.pk})
        deltaker.refresh_from_db()
        client.post(url, {"versjon": deltaker.versjon, "dato": _dager(-50), "primaerkontakt": sosionom.pk})
        deltaker.refresh_from_db()
        assert deltaker.primaerkontakt == veileder
        assert (
            Kontaktpersonendring.objects.with_scopes_disabled()
            .filter(deltaker=deltaker, primaerkontakt=sosionom)
            .exists()
        )

    def test_a_status_change_in_the_future_is_refused_and_the_person_can_still_be_ended(
        self, client, deltaker, veileder
    ):
        client.force_login(veileder)
        url = reverse("deltakere:endre_status", args=[deltaker.pk])
        response = client.post(url, {"versjon": deltaker.versjon, "til_status": Status.PAUSE, "dato": "9999-12-31"})
        assert response.status_code == 200
        assert response.context["form"].errors["dato"] == ["Datoen kan ikke være fram i tid."]
        response = client.post(
            reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]),
            {"versjon": deltaker.versjon, "dato": _dager(0), "arsak": "mal_nadd"},
        )
        assert response.status_code == 302
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).status == Status.AVSLUTTET

    def test_a_status_change_before_the_previous_one_is_refused_with_the_date(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:endre_status", args=[deltaker.pk]),
            {"versjon": deltaker.versjon, "til_status": Status.PAUSE, "dato": _dager(-101)},
        )
        melding = response.context["form"].errors["dato"][0]
        assert melding.startswith("Datoen kan ikke være før forrige statusendring (")

    def test_a_transfer_in_the_future_is_refused(self, client, deltaker, veileder, annet_senter):
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:overfor_deltaker", args=[deltaker.pk]),
            {
                "versjon": deltaker.versjon,
                "til_senter": annet_senter.pk,
                "dato": "9999-12-31",
                "samtykke_form": "skriftlig",
                "bekreft_samtykke": "on",
            },
        )
        assert response.context["form"].errors["dato"] == ["Datoen kan ikke være fram i tid."]
        assert not Deltaker.objects.with_scopes_disabled().filter(senter=annet_senter).exists()


@pytest.mark.django_db
class TestDatogrenser:
    """0001-01-01 and 9999-12-31 were accepted everywhere; each date field now has bounds and says so."""

    @pytest.mark.parametrize("dato", ["0001-01-01", "9999-12-31"])
    def test_consent_dates(self, client, deltaker, veileder, dato):
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:ny_samtykke", args=[deltaker.pk]),
            {"type": Samtykke.Type.STATISTIKK, "form": "muntlig", "dato": dato},
        )
        assert "dato" in response.context["form"].errors
        assert (
            not Samtykke.objects.with_scopes_disabled()
            .filter(deltaker=deltaker, type=Samtykke.Type.STATISTIKK)
            .exists()
        )

    @pytest.mark.parametrize("dato", ["0001-01-01", "9999-12-31"])
    def test_the_samarbeidsavtale(self, client, deltaker, veileder, dato):
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:endre_samarbeidsavtale", args=[deltaker.pk]),
            {"versjon": deltaker.versjon, "signert": dato, "notat": "Avtalt"},
        )
        assert "signert" in response.context["form"].errors
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).samarbeidsavtale_signert is None

    @pytest.mark.parametrize(
        "felt,dato,melding",
        [
            ("avslutningssamtale", "0001-01-01", "Datoen kan ikke være før senteret kjente personen"),
            ("avslutningssamtale", "9999-12-31", "Datoen kan ikke være etter ett år etter avslutningen"),
            ("apen_dor_til", "9999-12-31", "Datoen kan ikke være etter to år etter avslutningen"),
        ],
    )
    def test_the_planned_dates_of_an_ending(self, client, deltaker, veileder, felt, dato, melding):
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]),
            {"versjon": deltaker.versjon, "dato": _dager(0), "arsak": "mal_nadd", felt: dato},
        )
        assert response.context["form"].errors[felt][0].startswith(melding)
        assert Deltaker.objects.with_scopes_disabled().get(pk=deltaker.pk).status == Status.AKTIV

    def test_a_planned_avslutningssamtale_a_month_ahead_is_fine(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:avslutt_oppfolging", args=[deltaker.pk]),
            {"versjon": deltaker.versjon, "dato": _dager(0), "arsak": "mal_nadd", "avslutningssamtale": _dager(30)},
        )
        assert response.status_code == 302

    @pytest.mark.parametrize("felt", ["henvisning_dato", "samtykke_dato"])
    @pytest.mark.parametrize("dato", ["0001-01-01", "9999-12-31"])
    def test_the_dates_at_intake(self, client, senter, veileder, felt, dato):
        from tests.deltakere.test_ny_deltaker import _skjema

        client.force_login(veileder)
        response = client.post(reverse("deltakere:ny_deltaker"), _skjema(**{felt: dato}))
        assert felt in response.context["form"].errors
        assert not Deltaker.objects.with_scopes_disabled().exists()

    def test_the_referral_cannot_be_before_the_person_was_born(self, client, senter, veileder):
        from tests.deltakere.test_ny_deltaker import _skjema

        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:ny_deltaker"), _skjema(fodselsaar="1990", henvisning_dato="1989-05-01")
        )
        assert response.context["form"].errors["henvisning_dato"] == [
            "Datoen kan ikke være før at personen ble født (1. januar 1990)."
        ]


# --- Property: whatever dated changes arrive in whatever order, current == latest ------------------

ENDRING = st.tuples(
    st.sampled_from(["status", "situasjon", "kontakt"]),
    st.integers(min_value=-120, max_value=3),  # days from today; some before the referral, some ahead
    st.integers(min_value=0, max_value=10),  # picks the value
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endringer=st.lists(ENDRING, min_size=1, max_size=12))
def test_current_values_always_equal_the_latest_dated_row(senter, endringer):
    with i_senter(senter):
        ansatte = [ansatt(senter, Rolle.VEILEDER), ansatt(senter, Rolle.SOSIONOM), None]
        deltaker = DeltakerFactory(
            senter=senter, henvisning_dato=IDAG - timedelta(days=90), status_fra=IDAG - timedelta(days=90)
        )
        for hva, dager, valg in endringer:
            deltaker.refresh_from_db()
            dato = IDAG + timedelta(days=dager)
            try:
                if hva == "status":
                    mulige = deltaker.mulige_statuser()
                    til = mulige[valg % len(mulige)]
                    services.endre_status(
                        deltaker, versjon=deltaker.versjon, til_status=til, dato=dato, av=None, arsak="annet"
                    )
                elif hva == "situasjon":
                    services.endre_situasjon(
                        deltaker,
                        versjon=deltaker.versjon,
                        dato=dato,
                        av=None,
                        bosituasjon=list(Bosituasjon)[valg % len(Bosituasjon)],
                        inntekt=list(Inntekt)[valg % len(Inntekt)],
                        lar=valg % 2 == 0,
                    )
                else:
                    primaer = ansatte[valg % 3]
                    services.endre_kontaktpersoner(
                        deltaker,
                        versjon=deltaker.versjon,
                        dato=dato,
                        primaerkontakt=primaer,
                        andrekontakt=None,
                        av=None,
                    )
            except ValidationError:
                pass  # refused (a date out of bounds, a move the lifecycle does not allow): nothing may change
            deltaker.refresh_from_db()
            siste_status = (
                Statusendring.objects.with_scopes_disabled()
                .filter(deltaker=deltaker)
                .order_by("-dato", "-registrert", "-pk")
                .first()
            )
            siste_situasjon = (
                Situasjonsendring.objects.with_scopes_disabled()
                .filter(deltaker=deltaker)
                .order_by("-dato", "-registrert", "-pk")[0]
            )
            siste_kontakt = (
                Kontaktpersonendring.objects.with_scopes_disabled()
                .filter(deltaker=deltaker)
                .order_by("-dato", "-registrert", "-pk")[0]
            )
            assert (deltaker.status, deltaker.status_fra) == (siste_status.til_status, siste_status.dato)
            assert (deltaker.bosituasjon, deltaker.inntekt, deltaker.lar) == (
                siste_situasjon.bosituasjon,
                siste_situasjon.inntekt,
                siste_situasjon.lar,
            )
            assert deltaker.primaerkontakt_id == siste_kontakt.primaerkontakt_id
            for rad in (siste_status, siste_situasjon, siste_kontakt):
                assert rad.dato <= IDAG
        assert [a for a in historikkavvik() if a.deltaker_id == deltaker.pk] == []


@pytest.mark.django_db
class TestSjekkHistorikk:
    def test_it_says_all_is_well(self, deltaker, capsys):
        call_command("sjekk_historikk")
        assert "Ingen avvik" in capsys.readouterr().out

    def test_it_lists_a_record_whose_current_value_disagrees_by_id_only_and_fails(self, deltaker, capsys):
        lagre([deltaker], bosituasjon=Bosituasjon.FENGSEL)
        with pytest.raises(SystemExit) as avslutt:
            call_command("sjekk_historikk")
        assert avslutt.value.code == 1
        ut = capsys.readouterr().out
        assert f"Deltaker {deltaker.pk} (senter {deltaker.senter_id}): situasjon" in ut
        assert deltaker.fornavn not in ut and deltaker.etternavn not in ut


@pytest.mark.django_db
class TestEndringshistorikk:
    def test_a_changed_value_is_kept_with_who_changed_it_and_the_value_before(self, client, deltaker, veileder):
        from tests.deltakere.test_endre_deltaker import _skjema

        client.force_login(veileder)
        response = client.post(
            reverse("deltakere:endre_deltaker", args=[deltaker.pk]), _skjema(deltaker, telefon="91234567")
        )
        assert response.status_code == 302
        siste = deltaker.history.latest()
        assert siste.history_user == veileder and siste.telefon == "91234567"
        assert siste.prev_record.telefon != "91234567"
        endring = siste.diff_against(siste.prev_record)
        assert "telefon" in endring.changed_fields

    def test_every_register_model_with_personal_data_keeps_history(self):
        from deltakere import models

        for modell in [
            models.Deltaker,
            models.Statusendring,
            models.Situasjonsendring,
            models.Kontaktpersonendring,
            models.Nettverkskontakt,
            models.Samtykke,
            models.Medlemskap,
        ]:
            assert hasattr(modell, "history"), modell

    def test_a_queryset_update_that_would_bypass_the_history_refuses(self, deltaker):
        with pytest.raises(TypeError):
            Deltaker.objects.with_scopes_disabled().filter(pk=deltaker.pk).update(telefon="90000000")
        with pytest.raises(TypeError):
            Samtykke.objects.with_scopes_disabled().filter(deltaker=deltaker).update(trukket=IDAG)

    def test_the_page_shows_who_set_each_current_value(self, client, senter, deltaker, veileder):
        leder = ansatt(senter, Rolle.LEDER, bruker__navn="Tor Vik")
        client.force_login(leder)
        client.post(
            reverse("deltakere:endre_status", args=[deltaker.pk]),
            {"versjon": deltaker.versjon, "til_status": Status.PAUSE, "dato": _dager(-2)},
        )
        deltaker.refresh_from_db()
        _situasjon(client, deltaker, _dager(-1), bosituasjon=Bosituasjon.EGEN_BOLIG)
        client.force_login(veileder)
        body = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        fra = (IDAG - timedelta(days=2)).strftime("%-d.")
        assert f"<strong>Pause</strong> siden {fra}" in body and ", satt av Tor Vik</dd>" in body
        assert "satt av Tor Vik)" in body  # the situation column: (fra ..., satt av Tor Vik)
