"""The tidgiver register: the centre's tidgivere, filtered and searched (the name never in a URL), in a bounded
number of queries whatever their number; hostile input answers with the page, never a 500."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.tidgivere.fabrikker import IDAG, TidgiverFactory
from tidgivere.models import Status

pytestmark = pytest.mark.django_db
URL = reverse("tidgivere:register")


def _navn(svar):
    return [r["tidgiver"].navn for r in svar.context["rader"]]


def _antall_sporringer(client):
    with CaptureQueriesContext(connection) as sporringer:
        assert client.get(URL).status_code == 200
    return len(sporringer)


def test_query_count_is_the_same_for_2_and_20_tidgivere(client, senter, koordinator):
    client.force_login(koordinator)
    TidgiverFactory.create_batch(2, senter=senter)
    client.get(URL)  # the session and the like, once
    fa = _antall_sporringer(client)
    TidgiverFactory.create_batch(18, senter=senter)
    assert _antall_sporringer(client) == fa


def test_only_the_own_centre_and_filters(client, senter, annet_senter, koordinator):
    TidgiverFactory(senter=senter, navn="Aktiv Turgåer", status=Status.AKTIV, aktiviteter=["tur_friluft"])
    TidgiverFactory(senter=senter, navn="Godkjent Kokk", aktiviteter=["matlaging"], interesser=[])
    TidgiverFactory(senter=senter, navn="Snart Utløpt", aktiviteter=["trening"], interesser=[],
                    politiattest_gyldig_til=IDAG + timedelta(days=20))  # fmt: skip
    TidgiverFactory(senter=annet_senter, navn="Annen Senterperson")
    client.force_login(koordinator)
    assert _navn(client.get(URL)) == ["Aktiv Turgåer", "Godkjent Kokk", "Snart Utløpt"]
    assert _navn(client.get(URL, {"status": "aktiv"})) == ["Aktiv Turgåer"]
    assert _navn(client.get(URL, {"aktivitet": "matlaging"})) == ["Godkjent Kokk"]
    assert _navn(client.get(URL, {"attest": "on"})) == ["Snart Utløpt"]


def test_the_search_is_a_post_and_the_name_stays_out_of_the_url(client, senter, koordinator):
    TidgiverFactory(senter=senter, navn="Ingrid Hagen")
    TidgiverFactory(senter=senter, navn="Per Berg")
    client.force_login(koordinator)
    svar = client.post(URL, {"q": "hagen", "status": "godkjent"})
    assert svar.status_code == 302
    assert "hagen" not in svar.url.lower() and "status=godkjent" in svar.url
    assert _navn(client.get(svar.url)) == ["Ingrid Hagen"]
    client.post(URL, {"q": ""})
    assert len(_navn(client.get(URL))) == 2


@pytest.mark.parametrize(
    "parametre",
    [
        {"status": "<script>alert(1)</script>"},
        {"aktivitet": "'; DROP TABLE tidgivere_tidgiver; --"},
        {"side": "-1"},
        {"side": "x" * 500},
        {"attest": "\x00"},
    ],
)
def test_hostile_filters_give_the_page(client, senter, koordinator, parametre):
    TidgiverFactory(senter=senter)
    client.force_login(koordinator)
    svar = client.get(URL, parametre)
    assert svar.status_code == 200
    assert b"<script>alert(1)</script>" not in svar.content


def test_a_hostile_search_is_escaped(client, senter, koordinator):
    client.force_login(koordinator)
    svar = client.get(client.post(URL, {"q": "<img src=x onerror=alert(1)>" * 20}).url)
    assert svar.status_code == 200
    assert b"<img src=x" not in svar.content


def test_the_menu_shows_tidgivere_to_coordinator_and_leder_only(client, koordinator, leder, veileder, sosionom):
    for bruker, vises in ((koordinator, True), (leder, True), (veileder, False), (sosionom, False)):
        client.force_login(bruker)
        assert (URL in client.get(reverse("oppfolging:min_oversikt")).content.decode()) is vises
