"""Min oversikt, "who needs me today": days since last contact, appointments, what is due, tasks; for a leder the
whole centre; a bounded number of queries whatever the caseload."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oppfolging import services
from oppfolging.models import Kontaktslag, Senterinnstillinger
from tests.factories import DeltakerFactory, i_senter
from tests.oppfolging.fabrikker import kartlegging

IDAG = date.today()


def _tid(dag, time=12):
    """`dag` at `time` o'clock; today no later than now, so a samtale today is never in the future (at 00:30)."""
    tid = timezone.make_aware(datetime.combine(dag, datetime.min.time()) + timedelta(hours=time))
    return min(tid, timezone.now()) if dag == timezone.localdate() else tid


def _kontakt(deltaker, dager_siden, slag=Kontaktslag.MED_PERSONEN):
    with i_senter(deltaker.senter):
        services.registrer_samtale(
            deltaker, av=None, type="oppfolging", kontaktslag=slag, tidspunkt=_tid(IDAG - timedelta(days=dager_siden)),
            form="telefon",
        )  # fmt: skip


def _person(senter, kontakt, **kwargs):
    return DeltakerFactory(
        senter=senter, primaerkontakt=kontakt, henvisning_dato=IDAG - timedelta(days=300),
        status_fra=IDAG - timedelta(days=300), **kwargs,
    )  # fmt: skip


@pytest.mark.django_db
class TestVeileder:
    def test_days_since_contact_flagged_above_the_threshold_longest_first(self, client, senter, veileder):
        nylig = _person(senter, veileder, fornavn="Nylig")
        lenge = _person(senter, veileder, fornavn="Lenge")
        _person(senter, veileder, fornavn="Aldri")
        forsok = _person(senter, veileder, fornavn="Forsøk")
        _kontakt(nylig, 3)
        _kontakt(lenge, 45)
        _kontakt(forsok, 40)
        _kontakt(forsok, 2, Kontaktslag.FORSOK_IKKE_NADD)  # a failed attempt does not count
        client.force_login(veileder)
        oversikt = client.get(reverse("oppfolging:min_oversikt")).context["oversikt"]
        rekke = [(p.deltaker.fornavn, p.dager, p.flagget) for p in oversikt.personer]
        assert rekke == [("Aldri", None, True), ("Lenge", 45, True), ("Forsøk", 40, True), ("Nylig", 3, False)]
        assert oversikt.antall_flagget == 3

    def test_the_centre_sets_its_own_threshold(self, client, senter, veileder):
        person = _person(senter, veileder)
        _kontakt(person, 20)
        Senterinnstillinger.objects.with_scopes_disabled().create(senter=senter, kontakt_terskel_dager=14)
        client.force_login(veileder)
        body = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert "Over 14 dager" in body

    def test_appointments_due_kartlegging_plans_and_overdue_tiltak(self, client, senter, veileder):
        person = _person(senter, veileder)
        kartlegging(person, IDAG - timedelta(weeks=20))  # the 12-week one is overdue
        with i_senter(senter):
            services.ny_avtale(person, tidspunkt=_tid(IDAG, 15), form="kafe", av=veileder)
            plan = services.opprett_plan(person, av=None, hovedmal=[{"tekst": "Jobb", "livsomrade": "arbeid"}])
            services.aktiver_plan(plan, versjon=plan.versjon, dato=IDAG - timedelta(days=60))
            services.endre_plan(plan, versjon=plan.versjon, evalueringsdato=IDAG - timedelta(days=1), gjennomgatt=None,
                                deltakers_kommentar="")  # fmt: skip
            delmal = services.legg_til_delmal(plan.hovedmal.get(), versjon=plan.versjon, tekst="CV")
            services.legg_til_tiltak(delmal, versjon=plan.versjon, hva="Skrive", ansvar="deltaker",
                                     frist=IDAG - timedelta(days=2))  # fmt: skip
            services.ny_oppgave(senter, hva="Ringe NAV", av=veileder, deltaker=person, tildelt=veileder)
        client.force_login(veileder)
        o = client.get(reverse("oppfolging:min_oversikt")).context["oversikt"]
        assert [a.deltaker for a in o.avtaler_idag] == [person]
        assert [(d, f.grunn) for d, f in o.kartlegging_forfalt] == [(person, "etter 12 uker")]
        assert [p.deltaker for p in o.planer_passert] == [person]
        assert o.forfalte_tiltak == [(person, 1)] and [x.hva for x in o.oppgaver] == ["Ringe NAV"]

    def test_the_queries_do_not_grow_with_the_caseload(self, client, senter, veileder):
        client.force_login(veileder)
        tall = []
        for antall in (2, 12):
            for _ in range(antall):
                person = _person(senter, veileder)
                _kontakt(person, 5)
                kartlegging(person, IDAG - timedelta(days=100))
            with CaptureQueriesContext(connection) as q:
                client.get(reverse("oppfolging:min_oversikt"))
            tall.append(len(q))
        assert tall[0] == tall[1], tall


@pytest.mark.django_db
class TestLeder:
    def test_the_whole_centre_the_weeks_totals_and_the_longest_since_contact(self, client, senter, veileder, leder):
        a, b = _person(senter, veileder, fornavn="Anne"), _person(senter, None, fornavn="Bjørn")
        _kontakt(a, 0)
        _kontakt(a, 0, Kontaktslag.FORSOK_IKKE_NADD)
        client.force_login(leder)
        o = client.get(reverse("oppfolging:min_oversikt")).context["oversikt"]
        assert o.leder and o.antall_personer == 2
        assert [p.deltaker.fornavn for p in o.lengst_siden] == ["Bjørn", "Anne"]
        assert (o.uka["samtaler"], o.uka["kontakter"], o.uka["personer"]) == (2, 1, 1)
        body = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert "Denne uka ved senteret" in body and "Bjørn" in body and b.etternavn in body
