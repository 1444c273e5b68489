"""The tidgiver's page: their matches (current and past, linked to the match page when the user may see the
person) and their hours, in a bounded number of queries; the register page links to the board and the hours."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from deltakere.models import Samtykke
from tests.factories import i_senter
from tests.tidgivere.test_koblinger import IDAG, _aktiv_kobling, lag_deltaker, lag_tidgiver
from tidgivere import selectors, services
from tidgivere.models import Aktivitet


def _aktivitet(kobling, dato, timer):
    with scopes_disabled():
        Aktivitet.objects.create(kobling=kobling, dato=dato, timer=Decimal(timer), type="tur_friluft")


@pytest.mark.django_db
class TestTidgiverside:
    def test_matches_current_and_past_linked_and_hours(self, client, koordinator, senter):
        t = lag_tidgiver(senter, kapasitet=3)
        naa = _aktiv_kobling(lag_deltaker(senter, fornavn="Aud", etternavn="Aktiv"), t)
        for_ = _aktiv_kobling(lag_deltaker(senter, fornavn="Fia", etternavn="Ferdig"), t)
        with i_senter(senter):
            services.neste_steg(for_, versjon=for_.versjon, til="avsluttet", dato=IDAG, arsak="darlig_match")
        _aktivitet(naa, IDAG, "2.5")
        _aktivitet(for_, IDAG - timedelta(days=200), "3")
        _aktivitet(for_, IDAG - timedelta(days=500), "4")
        client.force_login(koordinator)
        r = client.get(reverse("tidgivere:tidgiver", args=[t.pk]))
        assert r.status_code == 200
        html = r.content.decode()
        assert [k.pk for k, _ in r.context["koblinger"]] == [naa.pk, for_.pk]
        assert reverse("tidgivere:kobling", args=[naa.deltaker_id, naa.pk]) in html
        assert reverse("tidgivere:kobling", args=[for_.deltaker_id, for_.pk]) in html
        assert "Aud Aktiv" in html and "(tidligere)" in html
        timer = r.context["timer"]
        i_ar = Decimal("2.5") + (Decimal(3) if (IDAG - timedelta(days=200)).year == IDAG.year else 0)
        assert (timer.i_ar, timer.siste_12_mnd, timer.totalt) == (i_ar, Decimal("5.5"), Decimal("9.5"))

    def test_person_without_consent_is_listed_without_name_or_link(self, client, koordinator, senter):
        t = lag_tidgiver(senter)
        k = _aktiv_kobling(lag_deltaker(senter, fornavn="Sara", etternavn="Skjult"), t)
        with scopes_disabled():
            s = Samtykke.objects.get(deltaker=k.deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER)
            s.trukket = IDAG
            s.save()  # the match is paused, not removed
        client.force_login(koordinator)
        html = client.get(reverse("tidgivere:tidgiver", args=[t.pk])).content.decode()
        assert "Sara Skjult" not in html
        assert reverse("tidgivere:kobling", args=[k.deltaker_id, k.pk]) not in html
        assert "Deltaker du ikke har tilgang til" in html

    def test_query_count_same_for_2_and_20_matches(self, client, koordinator, senter):
        t = lag_tidgiver(senter, kapasitet=5)
        url = reverse("tidgivere:tidgiver", args=[t.pk])
        client.force_login(koordinator)

        def lag(n):
            for _ in range(n):
                k = _aktiv_kobling(lag_deltaker(senter), t)
                _aktivitet(k, IDAG, "1")
                with i_senter(senter):  # ended, so the tidgiver's capacity allows the next
                    services.neste_steg(k, versjon=k.versjon, til="avsluttet", dato=IDAG, arsak="darlig_match")

        lag(2)
        client.get(url)
        with CaptureQueriesContext(connection) as sma:
            client.get(url)
        lag(18)
        with CaptureQueriesContext(connection) as store:
            r = client.get(url)
        assert len(r.context["koblinger"]) == 20
        assert len(store) == len(sma)

    def test_hours_count_only_this_tidgiver(self, senter):
        t, annen = lag_tidgiver(senter), lag_tidgiver(senter, "Ola Annen")
        _aktivitet(_aktiv_kobling(lag_deltaker(senter), annen), IDAG, "7")
        with i_senter(senter):
            assert selectors.timer_for_tidgiver(t).totalt == Decimal(0)

    def test_register_links_to_board_and_hours(self, client, koordinator):
        client.force_login(koordinator)
        html = client.get(reverse("tidgivere:register")).content.decode()
        assert reverse("tidgivere:tavle") in html and reverse("tidgivere:timer") in html


@pytest.mark.django_db
def test_match_page_links_to_the_tidgivers_page(client, koordinator, senter):
    t = lag_tidgiver(senter)
    k = _aktiv_kobling(lag_deltaker(senter), t)
    client.force_login(koordinator)
    html = client.get(reverse("tidgivere:kobling", args=[k.deltaker_id, k.pk])).content.decode()
    assert reverse("tidgivere:tidgiver", args=[t.pk]) in html
