"""seed_load: national-scale test data, in bulk, with its dated history and change history (deltakere/last.py)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django_scopes import scopes_disabled

from deltakere.last import LANG_HISTORIKK, LANG_HISTORIKK_RADER, LAST_PASSORD, last_epost
from deltakere.models import (
    Bruker,
    Deltaker,
    Kontaktpersonendring,
    Medlemskap,
    Nettverkskontakt,
    Rolle,
    Samtykke,
    Senter,
    Situasjonsendring,
    Statusendring,
    Tilgangslogg,
)
from deltakere.selectors import historikkavvik
from tests.factories import DeltakerFactory, SenterFactory

SKALA = "0.01"  # 2 centres, 200 people


def _last(*args):
    out = io.StringIO()
    call_command("seed_load", "--scale", SKALA, *args, stdout=out)
    return out.getvalue()


def _innhold():
    return {
        "sentre": sorted(Senter.objects.values_list("navn", "kommune", "type")),
        "ansatte": sorted(Medlemskap.objects.values_list("bruker__email", "bruker__navn", "senter__navn", "rolle")),
        "deltakere": sorted(
            Deltaker.objects.values_list("senter__navn", "fornavn", "etternavn", "fodselsaar", "status", "status_fra")
        ),
        "statusendringer": sorted(Statusendring.objects.values_list("deltaker__etternavn", "til_status", "dato")),
        "samtykker": Samtykke.objects.count(),
    }


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.mark.django_db
class TestSeedLoad:
    @scopes_disabled()  # the command works on the whole database; so does the check
    def test_it_loads_centres_staff_and_people_with_consistent_histories(self, debug):
        assert "200 deltakere" in _last()
        assert Senter.objects.count() == 2 and Deltaker.objects.count() == 200
        assert list(historikkavvik()) == []  # current == latest dated row, for everyone
        for rolle in Rolle:
            assert Medlemskap.objects.filter(rolle=rolle).exists(), rolle
        bruker = Bruker.objects.get(email=last_epost(Rolle.VEILEDER, 0, 0))
        assert bruker.check_password(LAST_PASSORD)
        hver = Deltaker.objects.annotate(
            s=Count("statusendringer", distinct=True),
            r=Count("samtykker", distinct=True),
            n=Count("nettverk", distinct=True),
        )
        assert not hver.filter(s=0).exists() and not hver.filter(r=0).exists() and not hver.filter(n=0).exists()

    @scopes_disabled()  # the command works on the whole database; so does the check
    def test_every_row_has_its_change_history(self, debug):
        _last()
        for modell in (Deltaker, Statusendring, Situasjonsendring, Kontaktpersonendring, Samtykke,
                       Nettverkskontakt, Medlemskap):  # fmt: skip
            assert modell.history.filter(history_type="+").count() == modell.objects.count(), modell

    @scopes_disabled()  # the command works on the whole database; so does the check
    def test_some_people_at_the_largest_centre_have_a_long_history(self, debug):
        _last()
        lange = Deltaker.objects.annotate(
            rader=Count("statusendringer", distinct=True)
            + Count("situasjonsendringer", distinct=True)
            + Count("kontaktpersonendringer", distinct=True)
        ).filter(rader__gt=LANG_HISTORIKK_RADER)
        assert lange.count() == LANG_HISTORIKK
        assert {d.senter_id for d in lange} == {Senter.objects.order_by("pk").first().pk}
        assert lange.first().history.count() == 1 + LANG_HISTORIKK_RADER  # one entry per change, as the app makes

    @scopes_disabled()  # the command works on the whole database; so does the check
    def test_it_refuses_to_load_twice_and_reloads_the_same_with_tom(self, debug):
        annet = SenterFactory(navn="Et ekte senter")
        DeltakerFactory(senter=annet, etternavn="Blirværende")
        _last()
        forste = _innhold()
        with pytest.raises(CommandError, match="--tom"):
            _last()
        Tilgangslogg.objects.create(
            bruker=Bruker.objects.get(email=last_epost(Rolle.VEILEDER, 0, 0)),
            senter=Deltaker.objects.exclude(senter=annet).first().senter,
            handling=Tilgangslogg.Handling.VIS,
            objekt_type_id=1,
            objekt_id=1,
        )  # a benchmark leaves the access log of its visits behind
        assert "Fjernet lastdata" in _last("--tom")
        assert _innhold() == forste  # deterministic: the same scale gives the same data
        assert Deltaker.objects.filter(etternavn="Blirværende").exists()  # only its own data goes

    @scopes_disabled()  # the command works on the whole database; so does the check
    def test_it_refuses_with_debug_off(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG"):
            _last()
        assert not Senter.objects.exists()
