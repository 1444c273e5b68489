"""Who a tidgiverkoordinator may offer a tidgiver: `Deltaker.objects.kan_matches()`."""

import pytest
from django.utils import timezone
from django_scopes import scope

from deltakere import services
from deltakere.models import Deltaker, Samtykke, Status
from tests.factories import DeltakerFactory

DELING = Samtykke.Type.DELE_MED_TIDGIVER


def _kandidater(senter):
    """What the tidgivere app will ask, in the scope a request at the centre has."""
    with scope(senter=[senter.pk]):
        return set(Deltaker.objects.kan_matches())


@pytest.mark.django_db
class TestKanMatches:
    @pytest.mark.parametrize("status", [Status.HENVIST, Status.AKTIV, Status.PAUSE])
    def test_someone_followed_up_now_who_consents_to_share_is_a_candidate(self, senter, status):
        deltaker = DeltakerFactory(senter=senter, status=status, samtykker=[DELING])
        assert _kandidater(senter) == {deltaker}

    def test_without_the_consent_to_share_nobody_is_a_candidate(self, senter):
        DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.STATISTIKK, Samtykke.Type.KONTAKT_INSTANS])
        assert _kandidater(senter) == set()

    def test_a_withdrawn_consent_does_not_count(self, senter):
        deltaker = DeltakerFactory(senter=senter, samtykker=[DELING])
        with scope(senter=[senter.pk]):
            services.trekk_samtykke(Samtykke.objects.get(deltaker=deltaker, type=DELING), dato=timezone.localdate())
        assert _kandidater(senter) == set()

    def test_a_new_consent_after_a_withdrawn_one_counts_again(self, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[DELING])
        with scope(senter=[senter.pk]):
            services.trekk_samtykke(Samtykke.objects.get(deltaker=deltaker, type=DELING), dato=timezone.localdate())
        with scope(senter=[senter.pk]):
            services.registrer_samtykke(
                deltaker, type=DELING, form=Samtykke.Form.MUNTLIG, dato=timezone.localdate(), av=veileder
            )
        assert _kandidater(senter) == {deltaker}

    def test_someone_whose_follow_up_has_ended_is_not_a_candidate(self, senter):
        DeltakerFactory(senter=senter, status=Status.AVSLUTTET, samtykker=[DELING])
        assert _kandidater(senter) == set()

    def test_a_consent_given_by_another_person_does_not_count(self, senter):
        deler = DeltakerFactory(senter=senter, samtykker=[DELING])
        DeltakerFactory(senter=senter)
        assert _kandidater(senter) == {deler}

    def test_each_candidate_appears_once_however_many_consents(self, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, samtykker=[DELING])
        with scope(senter=[senter.pk]):
            services.registrer_samtykke(
                deltaker, type=DELING, form=Samtykke.Form.MUNTLIG, dato=timezone.localdate(), av=veileder
            )
            assert list(Deltaker.objects.kan_matches()) == [deltaker]
