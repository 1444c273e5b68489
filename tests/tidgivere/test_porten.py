"""The gate: a tidgiver becomes aktiv, and may be matched, only with a valid politiattest, a signed
taushetserklæring and a completed introduksjonskurs; the refusal says exactly what is missing, also for a
request forged past the form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.tidgivere.fabrikker import IDAG, TidgiverFactory, uten_vandel
from tidgivere import services
from tidgivere.models import Status, Tidgiver, Tidgiverstatus

pytestmark = pytest.mark.django_db


def _til_aktiv(client, tidgiver, **ekstra):
    return client.post(
        reverse("tidgivere:status", args=[tidgiver.pk]),
        {"til": "aktiv", "dato": IDAG.isoformat(), "versjon": tidgiver.versjon, **ekstra},
    )


def _lest(tidgiver):
    with scopes_disabled():
        return Tidgiver.objects.get(pk=tidgiver.pk)


def test_nothing_in_place_names_all_three():
    tidgiver = uten_vandel()
    assert services.mangler_for_aktiv(tidgiver, IDAG) == [
        "Politiattest er ikke registrert.",
        "Taushetserklæringen er ikke signert.",
        "Introduksjonskurset er ikke fullført.",
    ]


def test_an_expired_politiattest_is_named_with_its_date():
    tidgiver = TidgiverFactory(politiattest_gyldig_til=IDAG - timedelta(days=1))
    (mangel,) = services.mangler_for_aktiv(tidgiver, IDAG)
    assert mangel.startswith("Politiattesten er ikke gyldig lenger (gikk ut ")


def test_a_politiattest_valid_until_today_is_valid_today_and_not_tomorrow():
    tidgiver = TidgiverFactory(politiattest_gyldig_til=IDAG)
    assert services.mangler_for_aktiv(tidgiver, IDAG) == []
    assert len(services.mangler_for_aktiv(tidgiver, IDAG + timedelta(days=1))) == 1


def test_the_status_page_refuses_aktiv_and_says_what_is_missing(client, senter, koordinator):
    tidgiver = TidgiverFactory(senter=senter, taushetserklaering_signert=None, introduksjonskurs_fullfort=None)
    client.force_login(koordinator)
    svar = _til_aktiv(client, tidgiver)
    assert svar.status_code == 200
    feil = svar.context["form"].errors["til"][0]
    assert "Taushetserklæringen er ikke signert." in feil
    assert "Introduksjonskurset er ikke fullført." in feil
    assert "Politiattest" not in feil
    assert _lest(tidgiver).status == Status.GODKJENT
    with scopes_disabled():
        assert Tidgiverstatus.objects.filter(tidgiver=tidgiver).count() == 1


def test_a_forged_post_from_interessert_straight_to_aktiv_is_refused(client, senter, koordinator):
    tidgiver = TidgiverFactory(senter=senter, status=Status.INTERESSERT)
    client.force_login(koordinator)
    svar = _til_aktiv(client, tidgiver)
    assert svar.status_code == 200
    assert "Kan ikke gå fra «Interessert»" in svar.context["form"].errors["til"][0]
    assert _lest(tidgiver).status == Status.INTERESSERT


def test_a_forged_new_tidgiver_cannot_start_as_aktiv(client, senter, koordinator):
    client.force_login(koordinator)
    svar = client.post(
        reverse("tidgivere:ny"),
        {"navn": "Falske Fredrik", "fodselsaar": "1980", "kjonn": "mann", "kapasitet": "1", "status": "aktiv",
         "status_dato": IDAG.isoformat()},
    )  # fmt: skip
    assert svar.status_code == 200
    assert svar.context["form"].errors["status"]
    with scopes_disabled():
        assert not Tidgiver.objects.filter(navn="Falske Fredrik").exists()
    with pytest.raises(Exception, match="kan ikke starte som aktiv"):
        services.opprett_tidgiver(senter=senter, data={"navn": "X", "fodselsaar": 1980, "kapasitet": 1}, status="aktiv")


def test_with_everything_in_place_the_tidgiver_becomes_aktiv_on_the_date(client, senter, koordinator):
    tidgiver = TidgiverFactory(senter=senter)
    client.force_login(koordinator)
    dato = IDAG - timedelta(days=2)
    svar = _til_aktiv(client, tidgiver, dato=dato.isoformat())
    assert svar.status_code == 302
    lest = _lest(tidgiver)
    assert (lest.status, lest.status_fra) == (Status.AKTIV, dato)
    with scopes_disabled():
        rad = Tidgiverstatus.objects.filter(tidgiver=tidgiver).first()
    assert (rad.fra, rad.til, rad.dato, rad.av) == (Status.GODKJENT, Status.AKTIV, dato, koordinator)


def test_kan_matches_needs_aktiv_too_and_agrees_with_the_filter(senter):
    klar = TidgiverFactory(senter=senter, status=Status.AKTIV)
    godkjent = TidgiverFactory(senter=senter, status=Status.GODKJENT)
    utlopt = TidgiverFactory(senter=senter, status=Status.AKTIV, politiattest_gyldig_til=IDAG - timedelta(days=1))
    uten_kurs = TidgiverFactory(senter=senter, status=Status.AKTIV, introduksjonskurs_fullfort=None)
    pause = TidgiverFactory(senter=senter, status=Status.PAUSE)
    assert services.kan_matches(klar, IDAG) == []
    assert services.kan_matches(godkjent, IDAG) == ["Tidgiveren er ikke aktiv (status: godkjent)."]
    assert len(services.kan_matches(utlopt, IDAG)) == 1
    assert services.kan_matches(uten_kurs, IDAG) == ["Introduksjonskurset er ikke fullført."]
    with scopes_disabled():
        filtrert = set(Tidgiver.objects.kan_matches(IDAG).values_list("pk", flat=True))
    alle = [klar, godkjent, utlopt, uten_kurs, pause]
    assert filtrert == {t.pk for t in alle if not services.kan_matches(t, IDAG)} == {klar.pk}
