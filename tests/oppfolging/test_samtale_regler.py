"""The rules of the daily work: what counts as contact, metadata mode, drafts, undo, appointments, tasks, the
tally and the handover."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deltakere.models import Deltaker, Kontaktpersonendring, Rolle, Senter
from oppfolging import selectors, services
from oppfolging.models import Avtale, Endringsfase, Kontaktslag, Oppgave, Samtale, Samtaletype, Telling, Utkast
from tests.factories import DeltakerFactory, SenterFactory, ansatt, i_senter

IDAG = date.today()


def _tid(dag, time=12):
    """`dag` at `time` o'clock; today no later than now, so a samtale today is never in the future (at 00:30)."""
    tid = timezone.make_aware(datetime.combine(dag, datetime.min.time()) + timedelta(hours=time))
    return min(tid, timezone.now()) if dag == timezone.localdate() else tid


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=200), status_fra=IDAG - timedelta(days=200)
    )


def _samtale(deltaker, dag, kontaktslag=Kontaktslag.MED_PERSONEN, av=None, **data):
    with i_senter(deltaker.senter):
        return services.registrer_samtale(
            deltaker, av=av, type=data.pop("type", Samtaletype.OPPFOLGING), kontaktslag=kontaktslag,
            tidspunkt=_tid(dag), varighet=30, form="telefon", **data,
        )  # fmt: skip


@pytest.mark.django_db
class TestKontakt:
    """Days since last contact, on a hand-built set with fixed dates."""

    def test_only_contact_with_the_person_counts(self, deltaker):
        _samtale(deltaker, IDAG - timedelta(days=40), Kontaktslag.MED_PERSONEN)
        _samtale(deltaker, IDAG - timedelta(days=25), Kontaktslag.FORSOK_NADD)  # an attempt that reached them
        _samtale(deltaker, IDAG - timedelta(days=10), Kontaktslag.FORSOK_IKKE_NADD)  # a failed attempt
        _samtale(deltaker, IDAG - timedelta(days=5), Kontaktslag.OM_PERSONEN)  # a note about them
        _samtale(deltaker, IDAG - timedelta(days=2), Kontaktslag.MED_ANDRE)  # a call to their NAV-veileder
        with i_senter(deltaker.senter):
            siste = selectors.siste_kontakt(deltaker)
            annotert = Deltaker.objects.annotate(siste=selectors.siste_kontakt_subquery()).get(pk=deltaker.pk).siste
        assert selectors.dager_siden(siste) == 25 and annotert == siste
        assert Samtale.objects.with_scopes_disabled().filter(kontaktslag=Kontaktslag.FORSOK_IKKE_NADD).count() == 1

    def test_without_contact_there_is_no_date(self, deltaker):
        _samtale(deltaker, IDAG - timedelta(days=3), Kontaktslag.FORSOK_IKKE_NADD)
        with i_senter(deltaker.senter):
            assert selectors.siste_kontakt(deltaker) is None


@pytest.mark.django_db
class TestSamtale:
    def test_a_metadata_centre_stores_no_free_text(self):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        deltaker = DeltakerFactory(senter=senter)
        with pytest.raises(ValidationError) as feil:
            _samtale(deltaker, IDAG, notat="Hemmelig notat")
        assert "notat" in feil.value.error_dict
        samtale = _samtale(deltaker, IDAG)
        samtale.notat = "Forsøk rundt tjenesten"
        with i_senter(senter), pytest.raises(ValidationError):
            samtale.save()

    def test_a_time_ahead_of_the_clock_is_refused(self, deltaker):
        with i_senter(deltaker.senter), pytest.raises(ValidationError) as feil:
            services.registrer_samtale(
                deltaker, av=None, type="oppfolging", kontaktslag="med_personen",
                tidspunkt=timezone.now() + timedelta(hours=3), form="telefon",
            )  # fmt: skip
        assert "tidspunkt" in feil.value.error_dict

    def test_saving_the_samtale_removes_the_writers_draft_but_not_anothers(self, deltaker, veileder, leder):
        with i_senter(deltaker.senter):
            services.lagre_utkast(deltaker, bruker=veileder, data={"notat": "Halvferdig"})
            services.lagre_utkast(deltaker, bruker=leder, data={"notat": "Lederens"})
        _samtale(deltaker, IDAG, av=veileder)
        assert list(Utkast.objects.with_scopes_disabled().values_list("bruker", flat=True)) == [leder.pk]

    def test_the_motivation_fields_are_kept_only_on_a_motivasjonssamtale(self, deltaker):
        samtale = _samtale(deltaker, IDAG, type="oppfolging", endringsfase="handling", viktighet=8)
        assert (samtale.endringsfase, samtale.viktighet) == ("", None)

    def test_bringing_in_the_sosionomtjeneste_makes_a_task_for_them(self, deltaker):
        samtale = _samtale(deltaker, IDAG, type=Samtaletype.MOTIVASJON, endringsfase="forberedelse", sosionom_inn=True)
        oppgave = Oppgave.objects.with_scopes_disabled().get()
        assert (oppgave.gruppe, oppgave.deltaker, oppgave.fra_samtale) == ("sosionomtjenesten", deltaker, samtale)

    def test_stage_of_change_and_rulers_over_time(self, deltaker):
        _samtale(deltaker, IDAG - timedelta(days=60), type="motivasjon", endringsfase=Endringsfase.OVERVEIELSE,
                 viktighet=6, mestringstro=2)  # fmt: skip
        _samtale(deltaker, IDAG - timedelta(days=30), type="oppfolging")
        _samtale(deltaker, IDAG - timedelta(days=5), type="motivasjon", endringsfase=Endringsfase.HANDLING,
                 viktighet=9, mestringstro=6)  # fmt: skip
        with i_senter(deltaker.senter):
            historikk = selectors.motivasjonshistorikk(deltaker)
        assert [(p.endringsfase, p.viktighet, p.mestringstro) for p in historikk] == [
            ("overveielse", 6, 2),
            ("handling", 9, 6),
        ]

    def test_a_next_appointment_is_made_from_the_samtale(self, deltaker, veileder):
        samtale = _samtale(deltaker, IDAG, av=veileder, neste_avtale={"tidspunkt": _tid(IDAG + timedelta(days=7)),
                                                                        "form": "senteret"})  # fmt: skip
        avtale = Avtale.objects.with_scopes_disabled().get()
        assert (avtale.fra_samtale, avtale.med) == (samtale, veileder)
        with i_senter(deltaker.senter):
            assert selectors.neste_avtale(deltaker) == avtale


@pytest.mark.django_db
class TestAngre:
    def test_the_author_can_undo_within_minutes(self, deltaker, veileder, leder):
        samtale = _samtale(deltaker, IDAG, av=veileder)
        pk = samtale.pk
        with i_senter(deltaker.senter):
            with pytest.raises(ValidationError):
                services.angre_samtale(samtale, av=leder)
            services.angre_samtale(samtale, av=veileder)
        assert not Samtale.objects.with_scopes_disabled().exists()
        assert Samtale.history.filter(id=pk, history_type="-").exists()  # the history keeps that it was there

    def test_not_after_the_time_is_up(self, deltaker, veileder):
        samtale = _samtale(deltaker, IDAG, av=veileder)
        senere = timezone.now() + services.ANGRE + timedelta(seconds=1)
        with i_senter(deltaker.senter), mock.patch("django.utils.timezone.now", return_value=senere):
            with pytest.raises(ValidationError):
                services.angre_samtale(samtale, av=veileder)


@pytest.mark.django_db
class TestAvtale:
    def test_a_future_appointment_cannot_be_missed_yet(self, deltaker, veileder):
        with i_senter(deltaker.senter):
            avtale = services.ny_avtale(deltaker, tidspunkt=_tid(IDAG + timedelta(days=2)), form="kafe", av=veileder)
            with pytest.raises(ValidationError):
                services.sett_avtalestatus(avtale, status=Avtale.Status.UTEBLE)
            gammel = services.ny_avtale(deltaker, tidspunkt=_tid(IDAG - timedelta(days=2)), form="kafe", av=veileder)
            services.sett_avtalestatus(gammel, status=Avtale.Status.UTEBLE)
            assert [a.pk for a in selectors.dagens_avtaler([deltaker.senter], IDAG + timedelta(days=2))] == [avtale.pk]


@pytest.mark.django_db
class TestTelling:
    def test_the_month_totals_and_the_average_per_opening_day(self, senter):
        forste = IDAG.replace(day=1)
        with i_senter(senter):
            services.lagre_telling(senter, dato=forste, verdier={"besok": 30, "maltider": 20}, kan_rette=True)
            services.lagre_telling(senter, dato=forste + timedelta(days=1), verdier={"besok": 10}, kan_rette=True)
            maaned = selectors.maanedstelling(senter, forste.year, forste.month)
        assert maaned.summer == {"besok": 40, "maltider": 20}
        assert maaned.aapningsdager == 2 and maaned.snitt == {"besok": 20.0, "maltider": 10.0}

    def test_plus_buttons_count_and_only_a_leder_corrects_an_earlier_day(self, senter):
        with i_senter(senter):
            for _ in range(3):
                services.tell(senter, dato=IDAG, teller="besok", endring=1, kan_rette=False)
            with pytest.raises(ValidationError):
                services.tell(senter, dato=IDAG - timedelta(days=1), teller="besok", endring=1, kan_rette=False)
            with pytest.raises(ValidationError):
                services.tell(senter, dato=IDAG, teller="ukjent", endring=1, kan_rette=True)
        assert Telling.objects.with_scopes_disabled().get().antall == 3


@pytest.mark.django_db
class TestOverlevering:
    def test_it_moves_what_was_chosen_and_nothing_else(self, senter, veileder, leder):
        kollega = ansatt(senter, Rolle.SOSIONOM)
        flyttes = DeltakerFactory(senter=senter, primaerkontakt=veileder, andrekontakt=kollega)
        andre = DeltakerFactory(senter=senter, primaerkontakt=kollega, andrekontakt=veileder)
        blir = DeltakerFactory(senter=senter, primaerkontakt=veileder)
        ny = ansatt(senter, Rolle.VEILEDER)
        with i_senter(senter):
            oppgave = services.ny_oppgave(senter, hva="Ringe", av=leder, deltaker=flyttes, tildelt=veileder)
            annen_oppgave = services.ny_oppgave(senter, hva="Ringe", av=leder, deltaker=blir, tildelt=veileder)
            avtale = services.ny_avtale(flyttes, tidspunkt=_tid(IDAG + timedelta(days=3)), form="kafe", av=veileder)
            flyttet = services.overlever(
                senter=senter, fra=veileder, til=ny, deltakere=[flyttes, andre], dato=IDAG, av=leder,
                oppgaver=True, avtaler=True,
            )  # fmt: skip
        assert flyttet == 2
        for d in (flyttes, andre, blir, oppgave, annen_oppgave, avtale):
            d.refresh_from_db()
        assert (flyttes.primaerkontakt, flyttes.andrekontakt) == (ny, kollega)
        assert (andre.primaerkontakt, andre.andrekontakt) == (kollega, ny)
        assert blir.primaerkontakt == veileder and annen_oppgave.tildelt == veileder
        assert oppgave.tildelt == ny and avtale.med == ny
        rad = Kontaktpersonendring.objects.with_scopes_disabled().filter(deltaker=flyttes).latest("registrert")
        assert (rad.dato, rad.registrert_av) == (IDAG, leder)
