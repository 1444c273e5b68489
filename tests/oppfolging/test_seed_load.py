"""seed_load's follow-up work (oppfolging/last.py), on top of the register's load data."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from django_scopes import scopes_disabled

from deltakere.last import LANG_HISTORIKK, last_epost
from deltakere.models import Deltaker, Rolle, Senter, Status
from oppfolging import services
from oppfolging.last import LANG_SAMTALER
from oppfolging.models import (
    Avtale,
    Hovedmal,
    Kartlegging,
    Omradevurdering,
    Oppgave,
    Samtale,
    Screening,
    Telling,
    Tiltak,
    Tiltaksplan,
)
from tests.factories import DeltakerFactory, SenterFactory

MODELLER = (Kartlegging, Omradevurdering, Screening, Tiltaksplan, Hovedmal, Tiltak, Samtale, Avtale, Oppgave, Telling)


def _last(*args):
    out = io.StringIO()
    call_command("seed_load", "--scale", "0.01", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


@pytest.mark.django_db
class TestSeedLoadOppfolging:
    @scopes_disabled()  # the command works on the whole database; so does the check
    def test_everyone_followed_up_has_work_done_and_every_row_its_change_history(self):
        assert "samtaler" in _last()
        for modell in MODELLER:
            assert modell.objects.exists(), modell
            assert modell.history.filter(history_type="+").count() == modell.objects.count(), modell
        uten = Deltaker.objects.exclude(status=Status.HENVIST).annotate(n=Count("samtaler")).filter(n=0)
        assert not uten.exists()
        # Every samtale names who took part; failed attempts and notes are among them.
        assert not Samtale.objects.annotate(n=Count("ansatte")).filter(n=0).exists()
        assert Samtale.objects.filter(kontaktslag="forsok_ikke_nadd").exists()
        assert Samtale.objects.filter(kontaktslag="om_personen").exists()
        # Free text only where the centre's journal mode allows it.
        assert not Samtale.objects.filter(deltaker__senter__journalform="metadata").exclude(notat="").exists()
        # The daily tally only at the low-threshold cafés.
        assert set(Telling.objects.values_list("senter__type", flat=True)) == {Senter.Type.GATENAERT}

    @scopes_disabled()
    def test_the_benchmarks_people_have_what_their_pages_need(self):
        _last()
        storst = Senter.objects.order_by("pk").first()
        lange = Deltaker.objects.filter(senter=storst).annotate(n=Count("samtaler")).filter(n=LANG_SAMTALER).count()
        assert lange == LANG_HISTORIKK
        veileder = Deltaker.objects.filter(primaerkontakt__email=last_epost(Rolle.VEILEDER, 0, 0))
        assert veileder.count() == 10  # 300 at scale 1; at least 10

    @scopes_disabled()
    def test_tom_removes_it_all_and_leaves_other_centres_alone(self):
        annet = SenterFactory(navn="Et ekte senter")
        egen = services.registrer_samtale(
            DeltakerFactory(senter=annet), av=None, type="oppfolging", tidspunkt=timezone.now(), form="telefon"
        )
        _last()
        for_ = {modell: modell.objects.count() for modell in MODELLER}
        _last("--tom")
        assert {modell: modell.objects.count() for modell in MODELLER} == for_
        assert Samtale.objects.filter(pk=egen.pk).exists()
