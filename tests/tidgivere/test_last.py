"""seed_load's tidgivere: 2,000 at scale 1 (20 at 0.01), each with a dated status history ending in the current
status, samlinger with attendance; `--tom` removes and loads again."""

import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tidgivere.models import Aktivitet, Innsjekk, Kobling, Koblingssteg, Oppmote, Status, Tidgiver, Tidgiverstatus


def _last(*args):
    out = io.StringIO()
    call_command("seed_load", "--scale", "0.01", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@scopes_disabled()
def test_seed_load_makes_tidgivere_with_consistent_histories(settings):
    settings.DEBUG = True
    assert "Lastdata for tidgivere: 20 tidgivere" in _last()
    tidgivere = list(Tidgiver.objects.all())
    assert len(tidgivere) == 20
    for t in tidgivere:
        siste = Tidgiverstatus.objects.filter(tidgiver=t).order_by("-dato", "-pk").first()
        assert (siste.til, siste.dato) == (t.status, t.status_fra)
        if t.status == Status.AKTIV:
            assert t.taushetserklaering_signert and t.introduksjonskurs_fullfort and t.politiattest_gyldig_til
    assert Tidgiver.history.count() == 20
    assert Oppmote.objects.exists()
    # 50 matches at 0.01, each with its dated steps ending in its status; only active tidgivere have one going on.
    koblinger = list(Kobling.objects.select_related("tidgiver", "deltaker"))
    assert len(koblinger) == 50 and Kobling.history.count() == 50
    for k in koblinger:
        steg = list(Koblingssteg.objects.filter(kobling=k).order_by("dato", "pk"))
        assert steg[0].til == "foreslatt" and (steg[-1].til, steg[-1].dato) == (k.status, k.status_fra)
        assert k.deltaker.senter_id == k.tidgiver.senter_id
        if k.pagaende:
            assert k.tidgiver.status == Status.AKTIV
    assert Innsjekk.objects.exists() and Aktivitet.objects.exists()
    assert Aktivitet.history.count() == Aktivitet.objects.count()
    assert "Fjernet lastdata for tidgivere: 20 tidgivere" in _last("--tom")
    assert Tidgiver.objects.count() == 20 and Tidgiver.history.count() == 20
    assert Kobling.objects.count() == 50 and Kobling.history.count() == 50
