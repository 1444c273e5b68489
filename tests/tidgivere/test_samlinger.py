"""Samlinger: a new one, attendance by checkboxes, and an introduksjonskurs marking the course as completed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.tidgivere.fabrikker import IDAG, SamlingFactory, TidgiverFactory, uten_vandel
from tidgivere.models import Oppmote, Samling, Status, Tidgiver

pytestmark = pytest.mark.django_db


def _lest(tidgiver):
    with scopes_disabled():
        return Tidgiver.objects.get(pk=tidgiver.pk)


def test_new_samling_goes_to_its_attendance(client, senter, koordinator):
    client.force_login(koordinator)
    svar = client.post(
        reverse("tidgivere:ny_samling"), {"type": "temakveld", "dato": IDAG.isoformat(), "tema": "Rus og skam"}
    )
    with scopes_disabled():
        samling = Samling.objects.get(tema="Rus og skam")
    assert svar.url == reverse("tidgivere:oppmote", args=[samling.pk])
    assert samling.senter == senter and samling.registrert_av == koordinator


@pytest.mark.parametrize("dato", ["1900-01-01", (IDAG + timedelta(days=400)).isoformat(), "i går"])
def test_a_samling_date_out_of_bounds_is_refused(client, koordinator, dato):
    client.force_login(koordinator)
    svar = client.post(reverse("tidgivere:ny_samling"), {"type": "temakveld", "dato": dato, "tema": "Behold meg"})
    assert svar.status_code == 200 and svar.context["form"].errors["dato"]
    assert svar.context["form"]["tema"].value() == "Behold meg"


def test_attending_an_introduksjonskurs_completes_the_course_and_unticking_takes_it_back(client, senter, koordinator):
    kurs = SamlingFactory(senter=senter, type=Samling.Type.INTRODUKSJONSKURS, dato=IDAG - timedelta(days=3))
    ny = uten_vandel(senter=senter, status=Status.GODKJENT)
    tidligere = TidgiverFactory(senter=senter, introduksjonskurs_fullfort=IDAG - timedelta(days=100))
    client.force_login(koordinator)
    url = reverse("tidgivere:oppmote", args=[kurs.pk])
    assert client.post(url, {"til_stede": [ny.pk, tidligere.pk]}).status_code == 302
    assert _lest(ny).introduksjonskurs_fullfort == kurs.dato
    assert _lest(tidligere).introduksjonskurs_fullfort == IDAG - timedelta(days=100)  # the earlier one stands
    side = client.get(reverse("tidgivere:tidgiver", args=[ny.pk])).content.decode()
    assert "Introduksjonskurs" in side and "Introduksjonskurset er ikke fullført." not in side
    assert client.post(url, {"til_stede": [tidligere.pk]}).status_code == 302
    assert _lest(ny).introduksjonskurs_fullfort is None
    with scopes_disabled():
        assert list(Oppmote.objects.filter(samling=kurs).values_list("tidgiver", flat=True)) == [tidligere.pk]


def test_a_temakveld_records_attendance_only(client, senter, koordinator):
    kveld = SamlingFactory(senter=senter)
    tidgiver = uten_vandel(senter=senter)
    client.force_login(koordinator)
    client.post(reverse("tidgivere:oppmote", args=[kveld.pk]), {"til_stede": [tidgiver.pk]})
    assert _lest(tidgiver).introduksjonskurs_fullfort is None
    with scopes_disabled():
        assert Oppmote.objects.filter(samling=kveld, tidgiver=tidgiver).exists()


def test_a_forged_tidgiver_of_another_centre_is_refused(client, senter, annet_senter, koordinator):
    kurs = SamlingFactory(senter=senter, type=Samling.Type.INTRODUKSJONSKURS)
    fremmed = uten_vandel(senter=annet_senter)
    client.force_login(koordinator)
    svar = client.post(reverse("tidgivere:oppmote", args=[kurs.pk]), {"til_stede": [fremmed.pk, "abc"]})
    assert svar.status_code == 200 and svar.context["form"].errors["til_stede"]
    assert _lest(fremmed).introduksjonskurs_fullfort is None


def test_attendance_waits_for_the_day(client, senter, koordinator):
    senere = SamlingFactory(senter=senter, dato=IDAG + timedelta(days=7))
    tidgiver = TidgiverFactory(senter=senter)
    client.force_login(koordinator)
    svar = client.post(reverse("tidgivere:oppmote", args=[senere.pk]), {"til_stede": [tidgiver.pk]})
    assert svar.status_code == 200
    with scopes_disabled():
        assert not Oppmote.objects.exists()


def test_the_samlinger_list_reads_the_same_for_2_and_20(client, senter, koordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tidgiver = TidgiverFactory(senter=senter)
    client.force_login(koordinator)
    url = reverse("tidgivere:samlinger")

    def sporringer():
        with CaptureQueriesContext(connection) as fanget:
            assert client.get(url).status_code == 200
        return len(fanget)

    for _ in range(2):
        with scopes_disabled():
            Oppmote.objects.create(samling=SamlingFactory(senter=senter), tidgiver=tidgiver)
    client.get(url)
    fa = sporringer()
    for _ in range(18):
        with scopes_disabled():
            Oppmote.objects.create(samling=SamlingFactory(senter=senter), tidgiver=tidgiver)
    assert sporringer() == fa
