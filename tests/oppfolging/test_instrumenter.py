"""The screening instruments are scored as published, at every zone boundary; an incomplete one has no score."""

import pytest

from oppfolging.instrumenter import AUDIT, DUDIT, WHO5, who5_endring


def _svar_med_sum(instrument, sum_):
    """Answers (item → score) that add up to `sum_`, filling items with their highest scores first."""
    svar, igjen = {}, sum_
    for sporsmal in instrument.sporsmal:
        mulige = sorted(sporsmal.gyldige_poeng(), reverse=True)
        poeng = next(p for p in mulige if p <= igjen)
        svar[sporsmal.nr] = poeng
        igjen -= poeng
    assert igjen == 0, f"cannot make {sum_} from {instrument.kode}'s options"
    return svar


class TestAudit:
    def test_it_has_ten_items_scored_as_published(self):
        assert len(AUDIT.sporsmal) == 10
        for nr in range(1, 9):
            assert AUDIT.sporsmal_nr(nr).gyldige_poeng() == {0, 1, 2, 3, 4}
        for nr in (9, 10):
            assert AUDIT.sporsmal_nr(nr).gyldige_poeng() == {0, 2, 4}

    @pytest.mark.parametrize(
        "sum_, sone", [(0, "I"), (7, "I"), (8, "II"), (15, "II"), (16, "III"), (19, "III"), (20, "IV"), (40, "IV")]
    )
    def test_the_zones_at_their_boundaries(self, sum_, sone):
        resultat = AUDIT.skaar(_svar_med_sum(AUDIT, sum_))
        assert (resultat.fullstendig, resultat.sum, resultat.sone.kode) == (True, sum_, sone)
        assert resultat.sone.betydning and "diagnose" not in resultat.sone.betydning.lower()

    def test_an_answer_the_item_does_not_offer_is_not_counted(self):
        svar = _svar_med_sum(AUDIT, 8)
        svar[9] = 1  # items 9 and 10 score 0, 2 or 4 only
        assert AUDIT.skaar(svar).fullstendig is False


class TestDudit:
    def test_it_has_eleven_items_scored_as_published(self):
        assert len(DUDIT.sporsmal) == 11
        assert all(DUDIT.sporsmal_nr(nr).gyldige_poeng() == {0, 1, 2, 3, 4} for nr in range(1, 10))
        assert all(DUDIT.sporsmal_nr(nr).gyldige_poeng() == {0, 2, 4} for nr in (10, 11))

    @pytest.mark.parametrize(
        "kjonn, sum_, sone",
        [
            ("kvinne", 1, "under"),
            ("kvinne", 2, "problemer"),
            ("mann", 5, "under"),
            ("mann", 6, "problemer"),
            ("mann", 24, "problemer"),
            ("mann", 25, "avhengighet"),
            ("kvinne", 24, "problemer"),
            ("kvinne", 25, "avhengighet"),
            ("", 1, "under"),
            ("", 2, "mellom"),
            ("", 5, "mellom"),
            ("", 6, "problemer"),
            ("", 44, "avhengighet"),
        ],
    )
    def test_the_cut_offs_by_sex_at_their_boundaries(self, kjonn, sum_, sone):
        resultat = DUDIT.skaar(_svar_med_sum(DUDIT, sum_), kjonn=kjonn)
        assert (resultat.sum, resultat.sone.kode) == (sum_, sone)


class TestWho5:
    @pytest.mark.parametrize("raa, prosent, sone", [(0, 0, "lav"), (12, 48, "lav"), (13, 52, "god"), (25, 100, "god")])
    def test_raw_score_percentage_and_poor_wellbeing_below_13(self, raa, prosent, sone):
        resultat = WHO5.skaar(_svar_med_sum(WHO5, raa))
        assert (resultat.sum, resultat.prosent, resultat.sone.kode) == (raa, prosent, sone)

    def test_a_change_of_ten_percentage_points_is_meaningful(self):
        def r(raa):
            return WHO5.skaar(_svar_med_sum(WHO5, raa))

        assert who5_endring(r(10), r(12)) == (8, False)
        assert who5_endring(r(10), r(13)) == (12, True)  # 40 % → 52 %
        assert who5_endring(r(15), r(12)) == (-12, True)
        assert who5_endring(r(10), WHO5.skaar({1: 3})) is None


@pytest.mark.parametrize("instrument", [AUDIT, DUDIT, WHO5])
def test_an_incomplete_questionnaire_has_no_total_and_no_zone(instrument):
    svar = _svar_med_sum(instrument, 0)
    del svar[len(instrument.sporsmal)]
    resultat = instrument.skaar(svar)
    assert (resultat.fullstendig, resultat.sum, resultat.sone, resultat.mangler) == (False, None, None, 1)
    assert instrument.skaar({}).sum is None


@pytest.mark.parametrize("instrument", [AUDIT, DUDIT, WHO5])
def test_every_instrument_names_its_source_and_every_item_has_norwegian_text(instrument):
    assert instrument.kilde
    for sporsmal in instrument.sporsmal:
        assert sporsmal.tekst and all(svar.tekst for svar in sporsmal.svar)
