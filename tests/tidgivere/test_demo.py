"""The demo tidgivere: 15–50 per centre in every state, some politiattester about to expire, samlinger with
attendance; made through the services (so every active one passed the gate); loading again changes nothing."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from deltakere.models import Rolle, Senter
from tests.factories import SenterFactory, ansatt
from tests.tidgivere.fabrikker import IDAG
from tidgivere import demo, services
from tidgivere.models import Oppmote, Samling, Status, Tidgiver, Tidgiverstatus

pytestmark = pytest.mark.django_db


def test_demo_tidgivere_in_every_state():
    sentre = [
        SenterFactory(navn="Demohuset"),
        SenterFactory(navn="Metasenteret", journalform=Senter.Journalform.METADATA),
    ]
    for senter in sentre:
        ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
    with scopes_disabled():
        demo.seed(io.StringIO())
        for senter in sentre:
            tidgivere = list(Tidgiver.objects.filter(senter=senter))
            assert 15 <= len(tidgivere) <= 50
            assert set(Counter(t.status for t in tidgivere)) == set(Status.values)
            aktive = [t for t in tidgivere if t.status == Status.AKTIV]
            assert all(services.kan_matches(t, IDAG) == [] for t in aktive)
            assert any(t.politiattest_gyldig_til <= IDAG + timedelta(days=60) for t in aktive)
            assert Samling.objects.filter(senter=senter, type=Samling.Type.INTRODUKSJONSKURS).exists()
            assert Oppmote.objects.filter(samling__senter=senter, samling__type=Samling.Type.TEMAKVELD).exists()
            for t in tidgivere:  # each status change follows the one before
                datoer = list(Tidgiverstatus.objects.filter(tidgiver=t).order_by("registrert").values_list("dato"))
                assert datoer == sorted(datoer)
        assert not Tidgiver.objects.filter(senter=sentre[1]).exclude(intervju1_vurdering="").exists()
        for_ = Tidgiver.objects.count()
        demo.seed(io.StringIO())
        assert Tidgiver.objects.count() == for_
