"""Kartlegging: every area rated or skipped; skipped areas are never counted; free text only where the centre's
journal mode allows; when the next one is due."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from deltakere.models import FRITEKST_IKKE_TILLATT, Senter, Status
from oppfolging import selectors, services
from oppfolging.models import Kartlegging, Omradevurdering
from tests.factories import DeltakerFactory, SenterFactory, i_senter
from tests.oppfolging.fabrikker import kartlegging, vurderinger

IDAG = date.today()


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=400), status_fra=IDAG - timedelta(days=400)
    )


@pytest.mark.django_db
class TestRegistrering:
    def test_every_area_is_rated_or_skipped(self, deltaker):
        rader = vurderinger()
        rader[0] = {"omrade": "bolig"}
        with i_senter(deltaker.senter), pytest.raises(ValidationError) as feil:
            services.registrer_kartlegging(deltaker, dato=IDAG, utfort_av=None, vurderinger=rader, av=None)
        assert list(feil.value.error_dict) == ["bolig_egen"]

    def test_a_skipped_area_keeps_no_rating(self, deltaker):
        rader = vurderinger(hoppet={"familie": "ikke_aktuelt"})
        rader[7].update(egen=3)
        with i_senter(deltaker.senter), pytest.raises(ValidationError):
            services.registrer_kartlegging(deltaker, dato=IDAG, utfort_av=None, vurderinger=rader, av=None)

    def test_the_date_has_bounds(self, deltaker):
        with i_senter(deltaker.senter), pytest.raises(ValidationError) as feil:
            services.registrer_kartlegging(
                deltaker, dato=IDAG + timedelta(days=1), utfort_av=None, vurderinger=vurderinger(), av=None
            )
        assert feil.value.error_dict["dato"][0].message == "Datoen kan ikke være fram i tid."

    def test_a_later_kartlegging_does_not_overwrite_an_earlier(self, deltaker):
        forste = kartlegging(deltaker, IDAG - timedelta(days=100), egne={"bolig": 2})
        kartlegging(deltaker, IDAG, egne={"bolig": 8})
        assert Omradevurdering.objects.with_scopes_disabled().get(kartlegging=forste, omrade="bolig").egen == 2
        assert Kartlegging.objects.with_scopes_disabled().filter(deltaker=deltaker).count() == 2

    def test_a_correction_is_kept_in_the_change_history(self, deltaker, veileder):
        k = kartlegging(deltaker, IDAG - timedelta(days=3), egne={"bolig": 2})
        with i_senter(deltaker.senter):
            services.endre_kartlegging(
                k, versjon=k.versjon, dato=k.dato, utfort_av=veileder, vurderinger=vurderinger(egne={"bolig": 4})
            )
            rad = Omradevurdering.objects.get(kartlegging=k, omrade="bolig")
            assert rad.egen == 4 and rad.history.count() == 2 and rad.history.earliest().egen == 2


@pytest.mark.django_db
class TestSkippedAreas:
    def test_a_skipped_area_is_left_out_of_the_average_not_counted_as_zero(self, deltaker):
        k = kartlegging(deltaker, egne={kode: 6 for kode in ("bolig", "okonomi")}, hoppet={"familie": "vil_ikke_svare"})
        with i_senter(deltaker.senter):
            k = selectors.kartlegginger(deltaker)[0]
        # ten areas rated (bolig 6, okonomi 6, eight at 5), familie skipped: (12 + 40) / 10
        assert selectors.snitt(k) == 5.2

    def test_a_skipped_area_is_left_out_of_the_comparison(self, deltaker):
        kartlegging(
            deltaker, IDAG - timedelta(days=90), egne={"bolig": 2, "nettverk": 3}, hoppet={"familie": "ikke_aktuelt"}
        )
        kartlegging(
            deltaker, IDAG, egne={"bolig": 7, "nettverk": 3, "familie": 9}, hoppet={"rusmestring": "vil_ikke_svare"}
        )
        with i_senter(deltaker.senter):
            senere, forste = selectors.kartlegginger(deltaker)
        sammenligning = selectors.sammenlign(forste, senere)
        rader = {r.omrade.kode: r for r in sammenligning.rader}
        assert rader["bolig"].endring == 5 and rader["nettverk"].endring == 0
        assert rader["familie"].endring is None and rader["familie"].for_hoppet == "Ikke aktuelt"
        assert rader["rusmestring"].endring is None
        assert len(sammenligning.sammenlignbare) == 9
        assert (sammenligning.bedre, sammenligning.uendret, sammenligning.verre) == (1, 8, 0)
        assert sammenligning.snittendring == round(5 / 9, 1)


@pytest.mark.django_db
class TestJournalform:
    def test_a_metadata_centre_stores_no_free_text_from_the_service(self):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        deltaker = DeltakerFactory(senter=senter)
        with i_senter(senter), pytest.raises(ValidationError) as feil:
            services.registrer_kartlegging(
                deltaker, dato=IDAG, utfort_av=None, vurderinger=vurderinger(onske={"bolig": "Egen leilighet"}), av=None
            )
        assert feil.value.error_dict["bolig_onske"][0].message == FRITEKST_IKKE_TILLATT
        assert not Kartlegging.objects.with_scopes_disabled().exists()

    def test_and_the_model_refuses_it_too(self):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        deltaker = DeltakerFactory(senter=senter)
        k = kartlegging(deltaker)
        with i_senter(senter):
            rad = Omradevurdering.objects.get(kartlegging=k, omrade="bolig")
            rad.onske = "Egen leilighet"
            with pytest.raises(ValidationError):
                rad.save()
            k.kommentar = "Notat"
            with pytest.raises(ValidationError):
                k.save()


@pytest.mark.django_db
class TestNesteKartlegging:
    UKER = [0, 12, 26, 52]

    def _neste(self, deltaker, *datoer):
        alle = [Kartlegging(dato=d) for d in datoer]
        return selectors.neste_kartlegging(deltaker, alle, self.UKER)

    def test_without_any_one_is_due_at_intake(self, deltaker):
        assert self._neste(deltaker).grunn == "ved oppstart"

    def test_it_follows_the_schedule_from_the_first(self, deltaker):
        start = IDAG - timedelta(days=100)
        assert self._neste(deltaker, start) == selectors.Forfall(start + timedelta(weeks=12), "etter 12 uker")
        neste = self._neste(deltaker, start, start + timedelta(weeks=12, days=3))
        assert neste == selectors.Forfall(start + timedelta(weeks=26), "etter 26 uker")
        assert neste.forfalt is False

    def test_past_the_last_point_it_is_yearly(self, deltaker):
        start = IDAG - timedelta(weeks=60)
        neste = self._neste(deltaker, start, start + timedelta(weeks=53))
        assert neste == selectors.Forfall(start + timedelta(weeks=104), "etter 104 uker")

    def test_an_overdue_one_says_so(self, deltaker):
        start = IDAG - timedelta(weeks=20)
        assert self._neste(deltaker, start).forfalt is True

    def test_at_ending_one_is_due_unless_made_near_it(self, senter):
        ended = DeltakerFactory(senter=senter, status=Status.AVSLUTTET, status_fra=IDAG - timedelta(days=5))
        assert self._neste(ended, IDAG - timedelta(days=200)) == selectors.Forfall(
            IDAG - timedelta(days=5), "ved avslutning"
        )
        assert self._neste(ended, IDAG - timedelta(days=20)) is None

    def test_a_centre_sets_its_own_schedule(self, deltaker):
        from oppfolging.models import Senterinnstillinger

        Senterinnstillinger.objects.with_scopes_disabled().create(senter=deltaker.senter, kartlegging_uker="0, 4, 8")
        with i_senter(deltaker.senter):
            assert selectors.kartleggingsplan(deltaker.senter) == [0, 4, 8]
            assert selectors.kartleggingsplan(Senter(pk=0)) == [0, 12, 26, 52]
