"""Registering and editing a tidgiver, dated status history, the journal mode, and bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from deltakere.models import Senter, Tilgangslogg
from tests.factories import SenterFactory, ansatt, i_senter
from tests.tidgivere.fabrikker import IDAG, TidgiverFactory
from tidgivere import services
from tidgivere.models import Avslutningsarsak, Status, Tidgiver, Tidgiverstatus, legg_til_maneder

pytestmark = pytest.mark.django_db

NY = {
    "navn": "Hilde Hjelpsom", "telefon": "912 34 567", "epost": "hilde@eksempel.no", "kommune": "Årstad",
    "fodselsaar": "1968", "kjonn": "kvinne", "sprak": ["norsk", "engelsk"], "yrke": "Snekker",
    "ferdigheter": "snekker, gitar , Snekker", "interesser": ["kultur_konsert"],
    "aktiviteter": ["tur_friluft", "praktisk_hjelp"], "tilgjengelighet": ["tor-kveld", "man-formiddag"],
    "kapasitet": "2", "erfaringskompetanse": "on", "status": "intervju", "status_dato": IDAG.isoformat(),
    "politiattest_sett": (IDAG - timedelta(days=10)).isoformat(), "intervju1_vurdering": "Rolig og stødig.",
}  # fmt: skip


def _lest(pk):
    with scopes_disabled():
        return Tidgiver.objects.get(pk=pk)


def _skjema(tidgiver, **endring):
    data = {"navn": tidgiver.navn, "fodselsaar": str(tidgiver.fodselsaar), "kjonn": tidgiver.kjonn,
            "kapasitet": str(tidgiver.kapasitet), "versjon": str(tidgiver.versjon)}  # fmt: skip
    return {**data, **endring}


def test_register_a_tidgiver_with_a_dated_first_status(client, senter, koordinator):
    client.force_login(koordinator)
    svar = client.post(reverse("tidgivere:ny"), NY)
    assert svar.status_code == 302
    with scopes_disabled():
        tidgiver = Tidgiver.objects.get(navn="Hilde Hjelpsom")
        rad = Tidgiverstatus.objects.get(tidgiver=tidgiver)
    assert svar.url == reverse("tidgivere:tidgiver", args=[tidgiver.pk])
    assert tidgiver.senter == senter and tidgiver.opprettet_av == koordinator
    assert tidgiver.telefon == "91234567"
    assert tidgiver.ferdigheter == ["snekker", "gitar"]
    assert tidgiver.tilgjengelighet == ["man-formiddag", "tor-kveld"]  # the grid's order
    assert tidgiver.politiattest_gyldig_til == legg_til_maneder(IDAG - timedelta(days=10), 36)
    assert (rad.fra, rad.til, rad.dato, rad.av) == ("", Status.INTERVJU, IDAG, koordinator)
    assert tidgiver.history.count() == 1


def test_a_double_click_registers_once(client, senter, koordinator):
    client.force_login(koordinator)
    data = {**NY, "engangskode": "3f0b4c7e-8d1a-4a52-9d7e-0c5d2b1e9a10"}
    client.post(reverse("tidgivere:ny"), data)
    client.post(reverse("tidgivere:ny"), data)
    with scopes_disabled():
        assert Tidgiver.objects.filter(navn="Hilde Hjelpsom").count() == 1


def test_the_validity_of_a_politiattest_is_a_setting(senter, settings):
    settings.POLITIATTEST_GYLDIG_MANEDER = 12
    with i_senter(senter):
        tidgiver = services.opprett_tidgiver(
            senter=senter,
            data={
                "navn": "Kort Gyldighet",
                "fodselsaar": 1980,
                "kapasitet": 1,
                "politiattest_sett": IDAG - timedelta(days=5),
            },  # fmt: skip
        )
        assert tidgiver.politiattest_gyldig_til == legg_til_maneder(IDAG - timedelta(days=5), 12)
        with pytest.raises(ValidationError, match="høyst 12 måneder"):
            services.endre_tidgiver(
                tidgiver, versjon=tidgiver.versjon,
                data={"navn": "Kort Gyldighet", "fodselsaar": 1980, "kapasitet": 1,
                      "politiattest_sett": IDAG - timedelta(days=5), "politiattest_gyldig_til": IDAG + timedelta(400)},
            )  # fmt: skip


def test_month_arithmetic_keeps_to_the_months_last_day():
    from datetime import date

    assert legg_til_maneder(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert legg_til_maneder(date(2023, 11, 15), 36) == date(2026, 11, 15)


def test_the_tidgivers_page_shows_the_checklist_history_and_logs_once(client, senter, koordinator):
    tidgiver = TidgiverFactory(senter=senter, taushetserklaering_signert=None)
    client.force_login(koordinator)
    with scopes_disabled():
        for_ = Tilgangslogg.objects.count()
    svar = client.get(reverse("tidgivere:tidgiver", args=[tidgiver.pk]))
    innhold = svar.content.decode()
    assert "Taushetserklæringen er ikke signert." in innhold
    assert "Statushistorikk" in innhold and "Godkjent" in innhold
    with scopes_disabled():
        assert Tilgangslogg.objects.count() == for_ + 1


def test_edit_and_a_second_editor_is_told(client, senter, koordinator, leder):
    tidgiver = TidgiverFactory(senter=senter, navn="Før Endring")
    client.force_login(koordinator)
    url = reverse("tidgivere:endre", args=[tidgiver.pk])
    assert client.post(url, _skjema(tidgiver, navn="Første Endring", kapasitet="3")).status_code == 302
    lest = _lest(tidgiver.pk)
    assert (lest.navn, lest.kapasitet, lest.versjon) == ("Første Endring", 3, 2)
    client.force_login(leder)
    svar = client.post(url, _skjema(tidgiver, navn="Andre Endring"))  # opened at version 1
    assert svar.status_code == 409
    assert "Noen andre har lagret" in svar.content.decode()
    assert _lest(tidgiver.pk).navn == "Første Endring"


def test_ending_needs_a_reason_and_is_dated_after_the_last_change(client, senter, koordinator):
    tidgiver = TidgiverFactory(senter=senter, status=Status.AKTIV)
    client.force_login(koordinator)
    url = reverse("tidgivere:status", args=[tidgiver.pk])
    svar = client.post(url, {"til": "avsluttet", "dato": IDAG.isoformat(), "versjon": "1"})
    assert "Velg årsak" in svar.context["form"].errors["arsak"][0]
    svar = client.post(url, {"til": "avsluttet", "dato": (IDAG - timedelta(days=61)).isoformat(), "versjon": "1",
                             "arsak": "flyttet"})  # fmt: skip
    assert "forrige statusendring" in svar.context["form"].errors["dato"][0]
    svar = client.post(url, {"til": "avsluttet", "dato": (IDAG + timedelta(days=1)).isoformat(), "versjon": "1",
                             "arsak": "flyttet"})  # fmt: skip
    assert "fram i tid" in svar.context["form"].errors["dato"][0]
    svar = client.post(url, {"til": "avsluttet", "dato": IDAG.isoformat(), "versjon": "1", "arsak": "flyttet"})
    assert svar.status_code == 302
    with scopes_disabled():
        rader = list(Tidgiverstatus.objects.filter(tidgiver=tidgiver).values_list("til", "dato", "arsak"))
    assert rader == [
        (Status.AVSLUTTET, IDAG, Avslutningsarsak.FLYTTET),
        (Status.AKTIV, IDAG - timedelta(days=60), ""),
    ]


def test_metadata_centre_hides_assessments_and_refuses_them_when_forged(client, koordinator):
    metadata = SenterFactory(navn="Bare Metadata", journalform=Senter.Journalform.METADATA)
    bruker = ansatt(metadata, "tidgiverkoordinator")
    tidgiver = TidgiverFactory(senter=metadata)
    client.force_login(bruker)
    url = reverse("tidgivere:endre", args=[tidgiver.pk])
    assert "intervju1_vurdering" not in client.get(url).context["form"].fields
    svar = client.post(url, _skjema(tidgiver, intervju1_vurdering="Smuglet inn"))
    assert svar.status_code == 302  # the form has no such field: nothing of it is stored
    assert _lest(tidgiver.pk).intervju1_vurdering == ""
    with i_senter(metadata), pytest.raises(ValidationError, match="bare metadata"):
        services.endre_tidgiver(tidgiver, versjon=2, data={**_skjema(tidgiver), "fodselsaar": 1975, "kapasitet": 1,
                                                            "intervju1_vurdering": "Smuglet inn"})  # fmt: skip


@pytest.mark.parametrize(
    "endring,felt",
    [
        ({"kapasitet": "99"}, "kapasitet"),
        ({"sprak": ["klingon"]}, "sprak"),
        ({"aktiviteter": ["<b>hack</b>"]}, "aktiviteter"),
        ({"tilgjengelighet": ["man-natt"]}, "tilgjengelighet"),
        ({"fodselsaar": "abc"}, "fodselsaar"),
        ({"fodselsaar": "2025"}, "fodselsaar"),
        ({"politiattest_sett": "31.02.2024"}, "politiattest_sett"),
        ({"politiattest_sett": (IDAG + timedelta(days=3)).isoformat()}, "politiattest_sett"),
        ({"politiattest_gyldig_til": IDAG.isoformat()}, "politiattest_sett"),
        ({"intervju1_dato": "1850-01-01"}, "intervju1_dato"),
        ({"intervju1_dato": IDAG.isoformat(), "intervju2_dato": (IDAG - timedelta(1)).isoformat()}, "intervju2_dato"),
        ({"navn": ""}, "navn"),
        ({"navn": "x" * 500}, "navn"),
        ({"telefon": "123"}, "telefon"),
        ({"ferdigheter": "a" * 50}, "ferdigheter"),
        ({"intervju1_av": "999999"}, "intervju1_av"),
        ({"versjon": "abc"}, None),
    ],
)
def test_bad_input_gets_a_norwegian_error_by_the_field_and_keeps_what_was_typed(client, senter, koordinator,
                                                                                endring, felt):  # fmt: skip
    tidgiver = TidgiverFactory(senter=senter, navn="Uendret Navn")
    client.force_login(koordinator)
    svar = client.post(reverse("tidgivere:endre", args=[tidgiver.pk]), _skjema(tidgiver, yrke="Maler", **endring))
    assert svar.status_code == 200
    form = svar.context["form"]
    assert form.errors.get(felt) if felt else form.non_field_errors() or form.errors
    assert form["yrke"].value() == "Maler"
    assert _lest(tidgiver.pk).navn == "Uendret Navn"


def test_an_interviewer_from_another_centre_is_refused(senter, annet_senter):
    fremmed = ansatt(annet_senter, "leder")
    tidgiver = TidgiverFactory(senter=senter)
    with i_senter(senter), pytest.raises(ValidationError, match="arbeider ikke ved"):
        services.endre_tidgiver(tidgiver, versjon=1, data={**_skjema(tidgiver), "fodselsaar": 1975, "kapasitet": 1,
                                                            "intervju1_av": fremmed})  # fmt: skip
