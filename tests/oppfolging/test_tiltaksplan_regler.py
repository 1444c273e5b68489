"""The tiltaksplan's rules: one active plan at a time, dated outcomes, a second editor is told, free text only
where the journal mode allows, and the plan as it stood on an earlier date."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deltakere.models import Senter
from deltakere.services import Versjonskonflikt
from oppfolging import selectors, services
from oppfolging.models import Hovedmal, Malstatus, Tiltak, Tiltaksplan
from tests.factories import DeltakerFactory, NettverkskontaktFactory, SenterFactory, i_senter

IDAG = date.today()


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=400), status_fra=IDAG - timedelta(days=400)
    )


def _plan(deltaker, *mal):
    with i_senter(deltaker.senter):
        plan = services.opprett_plan(
            deltaker, av=None, hovedmal=[{"tekst": t, "livsomrade": o} for t, o in mal or [("Komme i jobb", "arbeid")]]
        )
        services.aktiver_plan(plan, versjon=plan.versjon, dato=IDAG - timedelta(days=30))
        return plan


@pytest.mark.django_db
class TestPlanen:
    def test_one_active_plan_at_a_time_and_the_earlier_stays_readable(self, deltaker):
        forste = _plan(deltaker)
        andre = _plan(deltaker, ("Egen bolig", "bolig"))
        forste.refresh_from_db()
        assert (forste.status, forste.avsluttet) == (Tiltaksplan.Status.AVSLUTTET, IDAG - timedelta(days=30))
        assert andre.status == Tiltaksplan.Status.AKTIV
        assert Hovedmal.objects.with_scopes_disabled().filter(plan=forste).count() == 1

    def test_the_database_refuses_two_active_plans(self, deltaker):
        from django.db import IntegrityError, transaction

        _plan(deltaker)
        with pytest.raises(IntegrityError), transaction.atomic():
            Tiltaksplan.objects.with_scopes_disabled().create(deltaker=deltaker, status=Tiltaksplan.Status.AKTIV)

    def test_a_goal_reached_and_a_tiltak_completed_are_dated(self, deltaker, veileder):
        plan = _plan(deltaker)
        with i_senter(deltaker.senter):
            hovedmal = plan.hovedmal.get()
            delmal = services.legg_til_delmal(hovedmal, versjon=plan.versjon, tekst="Lage CV")
            tiltak = services.legg_til_tiltak(
                delmal, versjon=plan.versjon, hva="Skrive CV med tidgiver", ansvar=Tiltak.Ansvar.TIDGIVER,
                frist=IDAG + timedelta(days=14),
            )  # fmt: skip
            services.sett_tiltak_status(tiltak, versjon=plan.versjon, status=Tiltak.Status.FULLFORT, dato=IDAG)
            services.endre_hovedmal(
                hovedmal, versjon=plan.versjon, tekst=hovedmal.tekst, livsomrade="arbeid", status=Malstatus.NADD,
                tidgiver_kan_hjelpe=False, dato=IDAG - timedelta(days=1),
            )  # fmt: skip
        tiltak.refresh_from_db()
        hovedmal.refresh_from_db()
        assert (tiltak.status, tiltak.status_dato) == (Tiltak.Status.FULLFORT, IDAG)
        assert (hovedmal.status, hovedmal.status_dato) == (Malstatus.NADD, IDAG - timedelta(days=1))

    def test_someone_responsible_must_belong_to_the_person_or_the_centre(self, deltaker, leder_annet_senter):
        plan = _plan(deltaker)
        annen = DeltakerFactory(senter=deltaker.senter)
        fremmed_kontakt = NettverkskontaktFactory(deltaker=annen)
        with i_senter(deltaker.senter):
            delmal = services.legg_til_delmal(plan.hovedmal.get(), versjon=plan.versjon, tekst="Søke jobb")
            with pytest.raises(ValidationError) as feil:
                services.legg_til_tiltak(
                    delmal, versjon=plan.versjon, hva="Møte NAV", ansvar=Tiltak.Ansvar.NETTVERK,
                    ansvarlig_kontakt=fremmed_kontakt,
                )  # fmt: skip
            assert "ansvarlig_kontakt" in feil.value.error_dict
            with pytest.raises(ValidationError) as feil:
                services.legg_til_tiltak(
                    delmal, versjon=plan.versjon, hva="Ringe", ansvar=Tiltak.Ansvar.ANSATT,
                    ansvarlig_ansatt=leder_annet_senter,
                )  # fmt: skip
            assert "ansvarlig_ansatt" in feil.value.error_dict

    def test_an_ended_plan_can_only_be_read(self, deltaker):
        plan = _plan(deltaker)
        with i_senter(deltaker.senter):
            services.avslutt_plan(plan, versjon=plan.versjon, dato=IDAG)
            with pytest.raises(ValidationError):
                services.legg_til_hovedmal(plan, versjon=plan.versjon, tekst="Nytt", livsomrade="bolig")


@pytest.mark.django_db
class TestToSomRedigerer:
    def test_the_second_save_from_an_older_version_is_refused(self, deltaker):
        plan = _plan(deltaker)
        apnet_ved = plan.versjon
        with i_senter(deltaker.senter):
            services.legg_til_hovedmal(plan, versjon=apnet_ved, tekst="Egen bolig", livsomrade="bolig")
            with pytest.raises(Versjonskonflikt):
                services.legg_til_hovedmal(plan, versjon=apnet_ved, tekst="Slutte å røyke", livsomrade="fysisk_helse")
        assert [h.tekst for h in Hovedmal.objects.with_scopes_disabled().filter(plan=plan)] == [
            "Komme i jobb",
            "Egen bolig",
        ]


@pytest.mark.django_db
class TestJournalform:
    def test_a_metadata_centre_keeps_a_plan_without_words(self):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        deltaker = DeltakerFactory(senter=senter)
        plan = _plan(deltaker, ("", "arbeid"))
        with i_senter(senter), pytest.raises(ValidationError):
            services.legg_til_hovedmal(plan, versjon=plan.versjon, tekst="Komme i jobb", livsomrade="arbeid")
        assert Hovedmal.objects.with_scopes_disabled().filter(plan=plan, tekst="").count() == 1


@pytest.mark.django_db
class TestPlanenSomDenVar:
    def test_the_plan_as_it_stood_on_an_earlier_date_is_reproduced(self, deltaker):
        def den(dag):
            return timezone.make_aware(datetime.combine(dag, datetime.min.time())) + timedelta(hours=12)

        dag1, dag2, dag3 = IDAG - timedelta(days=20), IDAG - timedelta(days=10), IDAG - timedelta(days=2)
        with mock.patch("django.utils.timezone.now", return_value=den(dag1)):
            plan = _plan(deltaker, ("Komme i jobb", "arbeid"))
            with i_senter(deltaker.senter):
                delmal = services.legg_til_delmal(plan.hovedmal.get(), versjon=plan.versjon, tekst="Lage CV")
                tiltak = services.legg_til_tiltak(
                    delmal, versjon=plan.versjon, hva="Skrive CV", ansvar=Tiltak.Ansvar.DELTAKER
                )
        with mock.patch("django.utils.timezone.now", return_value=den(dag2)), i_senter(deltaker.senter):
            services.sett_tiltak_status(tiltak, versjon=plan.versjon, status=Tiltak.Status.FULLFORT, dato=dag2)
            services.legg_til_hovedmal(plan, versjon=plan.versjon, tekst="Egen bolig", livsomrade="bolig")
        with mock.patch("django.utils.timezone.now", return_value=den(dag3)), i_senter(deltaker.senter):
            services.endre_hovedmal(
                plan.hovedmal.get(tekst="Komme i jobb"), versjon=plan.versjon, tekst="Komme i fast jobb",
                livsomrade="arbeid", status=Malstatus.PAGAR, tidgiver_kan_hjelpe=True,
            )  # fmt: skip

        with i_senter(deltaker.senter):
            for_ = selectors.plan_per_dato(plan, dag1)
            midt = selectors.plan_per_dato(plan, dag2)
            naa = selectors.plan_per_dato(plan, IDAG)
            assert selectors.plan_per_dato(plan, dag1 - timedelta(days=1)) is None
        assert [h.tekst for h, _ in for_.hovedmal] == ["Komme i jobb"]
        assert [[t.status for _, tiltak in delmal for t in tiltak] for _, delmal in [for_.hovedmal[0]]] == [
            ["ikke_startet"]
        ]
        assert [h.tekst for h, _ in midt.hovedmal] == ["Komme i jobb", "Egen bolig"]
        assert midt.hovedmal[0][1][0][1][0].status == "fullfort"
        assert [h.tekst for h, _ in naa.hovedmal] == ["Komme i fast jobb", "Egen bolig"]
