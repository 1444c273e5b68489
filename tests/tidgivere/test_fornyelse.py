"""The renewal list: politiattester expiring within 60 days (59 and 60 in, 61 out), and expired ones for
tidgivere who are active or on pause; and the reminder on the coordinator's Min oversikt."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import i_senter
from tests.tidgivere.fabrikker import IDAG, TidgiverFactory
from tidgivere import selectors
from tidgivere.models import Status

pytestmark = pytest.mark.django_db


def _om(dager, **kwargs):
    return TidgiverFactory(politiattest_gyldig_til=IDAG + timedelta(days=dager), navn=f"Om {dager} dager", **kwargs)


def test_the_window_is_60_days_inclusive(senter):
    for dager in (0, 59, 60, 61, 400):
        _om(dager, senter=senter)
    with i_senter(senter):
        navn = [t.navn for t in selectors.fornyelser(senter, IDAG)]
    assert navn == ["Om 0 dager", "Om 59 dager", "Om 60 dager"]


def test_expired_are_listed_for_active_and_pause_only(senter):
    for status in (Status.AKTIV, Status.PAUSE, Status.GODKJENT, Status.AVSLUTTET):
        TidgiverFactory(senter=senter, status=status, navn=status.label, politiattest_gyldig_til=IDAG - timedelta(1))
    _om(30, senter=senter, status=Status.AVSLUTTET)  # ended: nothing to renew
    with i_senter(senter):
        assert [t.navn for t in selectors.fornyelser(senter, IDAG)] == ["Aktiv", "Pause"]


def test_the_window_follows_the_setting(senter, settings):
    settings.POLITIATTEST_VARSEL_DAGER = 30
    _om(30, senter=senter)
    _om(31, senter=senter)
    with i_senter(senter):
        assert [t.navn for t in selectors.fornyelser(senter, IDAG)] == ["Om 30 dager"]


def test_the_page_lists_only_the_own_centre(client, senter, annet_senter, koordinator):
    _om(10, senter=senter)
    TidgiverFactory(senter=annet_senter, navn="Ane Annensted", politiattest_gyldig_til=IDAG + timedelta(days=5))
    client.force_login(koordinator)
    svar = client.get(reverse("tidgivere:fornyelse"))
    assert svar.status_code == 200
    assert [r["tidgiver"].navn for r in svar.context["rader"]] == ["Om 10 dager"]
    assert "Ane Annensted" not in svar.content.decode()


def test_min_oversikt_reminds_the_coordinator_and_the_leder_not_the_veileder(
    client, senter, koordinator, leder, veileder
):
    _om(59, senter=senter)
    _om(61, senter=senter)
    for bruker, vises in ((koordinator, True), (leder, True), (veileder, False)):
        client.force_login(bruker)
        innhold = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert ("Politiattester som må fornyes (1)" in innhold) is vises
        assert ("Om 59 dager" in innhold) is vises
        assert "Om 61 dager" not in innhold


def test_min_oversikt_is_quiet_when_nothing_is_due(client, senter, koordinator):
    _om(200, senter=senter)
    client.force_login(koordinator)
    assert "Politiattester som må fornyes" not in client.get(reverse("oppfolging:min_oversikt")).content.decode()


def _sporringer(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sporringer:
        assert client.get(url).status_code == 200
    return len(sporringer)


@pytest.mark.parametrize("url", [reverse("tidgivere:fornyelse"), reverse("oppfolging:min_oversikt")])
def test_the_renewal_list_and_the_reminder_read_the_same_for_2_and_20(client, senter, koordinator, url):
    client.force_login(koordinator)
    for dager in range(2):
        _om(dager, senter=senter)
    client.get(url)
    fa = _sporringer(client, url)
    for dager in range(2, 20):
        _om(dager, senter=senter)
    assert _sporringer(client, url) == fa
