"""The resultatrapport's figures on a hand-built dataset (2nd quarter 2026), each worked out by hand below.

Three people in follow-up at the centre all quarter (A, B, C), one ended before it (E) and one at another centre
(D). Records on the quarter's last day count; records on the day after do not.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from deltakere import services
from deltakere.models import Avslutningsarsak, Bosituasjon, Situasjonsendring, Status
from oppfolging.models import (
    Delmal,
    Endringsfase,
    Hovedmal,
    Kartlegging,
    Malstatus,
    Omradevurdering,
    Samtale,
    Screening,
    Tiltak,
    Tiltaksplan,
)
from rapporter.diagram import livsomradediagram
from rapporter.resultat import resultattabeller
from rapporter.skjerming import skjerm
from rapporter.tabeller import OSLO, Periode
from rapporter.templatetags.rapport import diagram

from ..factories import DeltakerFactory, SenterFactory

pytestmark = pytest.mark.django_db

Q2 = Periode.kvartal(2026, 2)


def person(senter, **kwargs):
    return DeltakerFactory(senter=senter, status_fra=date(2026, 1, 10), henvisning_dato=date(2026, 1, 5), **kwargs)


def kartlegging(deltaker, dato, egne=None, **screeninger):
    """A kartlegging with the person's own ratings (`egne`: area → 1..10) and complete screenings
    (`who5=(sum, sone)`, `audit=(sum, sone)`)."""
    k = Kartlegging.objects.create(deltaker=deltaker, dato=dato)
    for omrade, egen in (egne or {}).items():
        Omradevurdering.objects.create(kartlegging=k, omrade=omrade, egen=egen)
    for instrument, (sum_, sone) in screeninger.items():
        Screening.objects.create(kartlegging=k, instrument=instrument, fullstendig=True, sum=sum_, sone=sone)
    return k


def samtale(deltaker, dag, **felter):
    return Samtale.objects.create(
        deltaker=deltaker, tidspunkt=datetime(*dag, 12, tzinfo=OSLO), type="oppfolging", form="senteret", **felter
    )


def plan(deltaker, aktivert, avsluttet=None):
    return Tiltaksplan.objects.create(
        deltaker=deltaker, status="avsluttet" if avsluttet else "aktiv", aktivert=aktivert, avsluttet=avsluttet
    )


@pytest.fixture
def data():
    senter, annet = SenterFactory(), SenterFactory()
    a = person(senter, bosituasjon=Bosituasjon.BOSTEDSLOS)
    b = person(senter, bosituasjon=Bosituasjon.MIDLERTIDIG)
    c = person(senter, bosituasjon=Bosituasjon.EGEN_BOLIG)
    d = person(annet)
    e = person(senter)
    services.endre_status(
        e, versjon=e.versjon, til_status=Status.AVSLUTTET, dato=date(2026, 3, 31), av=None,
        arsak=Avslutningsarsak.FLYTTET,
    )  # fmt: skip

    # Life areas: A bolig 3 → 6 (better), økonomi 5 → 5 (same), arbeid only in the latest (not compared).
    kartlegging(a, date(2026, 1, 20), {"bolig": 3, "okonomi": 5}, who5=(10, "lav"), audit=(17, "III"))
    kartlegging(a, date(2026, 6, 30), {"bolig": 6, "okonomi": 5, "arbeid": 4}, who5=(13, "god"), audit=(5, "I"))
    # B bolig 7 → 4 (worse); the day after the quarter's 10 does not count.
    kartlegging(b, date(2026, 2, 1), {"bolig": 7}, who5=(15, "god"), audit=(3, "I"))
    kartlegging(b, date(2026, 5, 1), {"bolig": 4}, who5=(14, "god"), audit=(9, "II"))
    kartlegging(b, date(2026, 7, 1), {"bolig": 10}, who5=(25, "god"), audit=(0, "I"))
    # C: one kartlegging in the period (the second is after it); D and E are not in the population.
    kartlegging(c, date(2026, 3, 1), {"bolig": 1})
    kartlegging(c, date(2026, 7, 1), {"bolig": 9})
    for x in (d, e):
        kartlegging(x, date(2026, 1, 20), {"bolig": 1}, who5=(5, "lav"))
        kartlegging(x, date(2026, 3, 20), {"bolig": 9}, who5=(25, "god"))

    # Stage of change and the rulers, from samtaler.
    samtale(a, (2026, 2, 1), endringsfase=Endringsfase.FOROVERVEIELSE, viktighet=4)
    samtale(a, (2026, 5, 1), endringsfase=Endringsfase.HANDLING, viktighet=8)
    samtale(a, (2026, 7, 1), endringsfase=Endringsfase.VEDLIKEHOLD, viktighet=0)  # after the quarter
    samtale(b, (2026, 3, 1), endringsfase=Endringsfase.HANDLING, viktighet=6)
    samtale(b, (2026, 6, 1), endringsfase=Endringsfase.TILBAKEFALL, viktighet=6)
    samtale(c, (2026, 4, 1), endringsfase=Endringsfase.OVERVEIELSE)

    # Plans: A's goal reached and a tiltak done in the quarter; B's goal given up before it, B's plan ended in it.
    plan_a = plan(a, date(2026, 1, 15))
    mal_a = Hovedmal.objects.create(
        plan=plan_a, livsomrade="bolig", status=Malstatus.NADD, status_dato=date(2026, 5, 10)
    )
    Tiltak.objects.create(
        delmal=Delmal.objects.create(hovedmal=mal_a, tekst="Søke bolig"), hva="Søknad", ansvar="deltaker",
        status=Tiltak.Status.FULLFORT, status_dato=date(2026, 6, 30),
    )  # fmt: skip
    plan_b = plan(b, date(2026, 2, 1), avsluttet=date(2026, 6, 1))
    Hovedmal.objects.create(plan=plan_b, livsomrade="arbeid", status=Malstatus.AVBRUTT, status_dato=date(2026, 3, 1))

    # Situation: A homeless at intake, own flat from May (prison in July is after the quarter); C's flat became an
    # institution in February; B as at intake.
    Situasjonsendring.objects.create(
        deltaker=a, dato=date(2026, 5, 1), bosituasjon=Bosituasjon.EGEN_BOLIG, inntekt="aap"
    )
    Situasjonsendring.objects.create(
        deltaker=a, dato=date(2026, 7, 15), bosituasjon=Bosituasjon.FENGSEL, inntekt="ingen"
    )
    Situasjonsendring.objects.create(
        deltaker=c, dato=date(2026, 2, 1), bosituasjon=Bosituasjon.INSTITUSJON, inntekt="sosialhjelp"
    )

    # Ended: B on the quarter's last day (counts), C the day after (does not), E before the quarter (does not).
    for x, dag, arsak in ((b, date(2026, 6, 30), Avslutningsarsak.MAL_NADD), (c, date(2026, 7, 1), "annet")):
        services.endre_status(x, versjon=x.versjon, til_status=Status.AVSLUTTET, dato=dag, av=None, arsak=arsak)
    return senter


def tabeller(senter):
    with scope(senter=[senter.pk]):
        return {t.id: t for t in resultattabeller([senter.pk], Q2)}


def rad(tabell, navn):
    return next([c.verdi for c in r.celler] for r in tabell.rader if r.navn == navn)


def test_life_areas_first_against_latest(data):
    t = tabeller(data)["livsomrader"]
    assert t.n == 2  # A and B have two kartlegginger in or before the quarter
    assert rad(t, "Bolig") == [1, 0, 1, 2, 0]  # better, same, worse, people, mean change (+3 and −3)
    assert rad(t, "Økonomi og gjeld") == [0, 1, 0, 1, 0]
    assert rad(t, "Arbeid, utdanning og aktivitet") == [0, 0, 0, 0, None]
    assert [c.n for c in t.rader[0].celler] == [1, 0, 1, 2, 2]


def test_who5_and_audit(data):
    t = tabeller(data)
    who5 = t["who5"]
    assert who5.n == 2
    assert rad(who5, "Bedre med 10 prosentpoeng eller mer") == [1]  # A: (13 − 10) × 4 = 12
    assert rad(who5, "Endring under 10 prosentpoeng") == [1]  # B: (14 − 15) × 4 = −4
    assert rad(who5, "Verre med 10 prosentpoeng eller mer") == [0]
    assert rad(who5, "Snittendring (prosentpoeng)") == [4]
    audit = t["audit"]
    assert rad(audit, "Lavere sone (bedre)") == [1]  # A: III → I
    assert rad(audit, "Høyere sone (verre)") == [1]  # B: I → II
    assert rad(audit, "Sum") == [2]
    assert rad(t["dudit"], "Sum") == [0]


def test_stage_of_change_and_rulers(data):
    t = tabeller(data)
    assert rad(t["endringsfase"], "Videre i endringsfasene") == [1]  # A: føroverveielse → handling
    assert rad(t["endringsfase"], "Tilbake (eller tilbakefall)") == [1]  # B: handling → tilbakefall
    assert rad(t["endringsfase"], "Sum") == [2]  # C has one samtale with a stage
    assert rad(t["linjaler"], "Hvor viktig en endring er (0–10)") == [5, 7, 2, 2]  # (4+6)/2 → (8+6)/2
    assert rad(t["linjaler"], "Hvor sikker på å klare det (0–10)") == [None, None, None, 0]


def test_plans_and_situation(data):
    t = tabeller(data)
    assert rad(t["tiltaksplaner"], "Hovedmål nådd") == [1, 1]
    assert rad(t["tiltaksplaner"], "Hovedmål avbrutt") == [0, 0]  # before the quarter
    assert rad(t["tiltaksplaner"], "Tiltak fullført") == [1, 1]  # on the quarter's last day
    assert rad(t["tiltaksplaner"], "Med aktiv tiltaksplan ved periodens slutt") == [None, 1]  # B's ended in June
    bolig = t["situasjon-bolig"]
    assert bolig.n == 3
    assert rad(bolig, "Bostedsløs") == [1, 0]
    assert rad(bolig, "Egen bolig") == [1, 1]
    assert rad(bolig, "Institusjon") == [0, 1]
    assert rad(bolig, "Midlertidig botilbud") == [1, 1]
    assert rad(bolig, "Av disse i egen eller kommunal bolig") == [1, 1]
    assert rad(t["situasjon-inntekt"], "AAP") == [0, 1]
    assert rad(t["situasjon-inntekt"], "Sum") == [3, 3]


def test_reasons_for_ending_in_the_period(data):
    t = tabeller(data)["resultat-avslutning"]
    assert t.n == 1
    assert rad(t, "Mål nådd") == [1]  # B, on the quarter's last day
    assert rad(t, "Annet") == [0]  # C, the day after
    assert rad(t, "Flyttet") == [0]  # E, before the quarter
    assert rad(t, "Sum") == [1]


def test_small_numbers_are_hidden_in_the_report(data):
    bolig = skjerm(tabeller(data)["livsomrader"])
    assert all(c.skjult for c in bolig.rader[0].celler if c.n)  # n = 1 or 2 people: "<5"


def test_life_area_chart(data):
    t = tabeller(data)["livsomrader"]
    svg = livsomradediagram(skjerm(t, minste=1), "1-")
    assert 'aria-labelledby="diagram-1-livsomrader"' in svg and "andel bedre, uendret og verre" in svg
    assert svg.count("<rect") == 2 + 1 + 3  # bolig: better and worse; økonomi: same; the legend
    assert "&lt;5 personer" in livsomradediagram(skjerm(t), "")  # hidden: the count only, no bar
    # Bolig's 2 people shown, its parts (1 and 1) hidden: no bar, whose shares would give them away.
    assert "n = 2: fordelingen vises ikke" in livsomradediagram(skjerm(t, minste=2), "")


@pytest.mark.parametrize(("hvilket", "kjennetegn"), [("livsomrader", "andel bedre"), ("soyle", "søylediagram"),
                                                     (True, "søylediagram")])  # fmt: skip
def test_the_table_names_its_chart(data, hvilket, kjennetegn):
    """True is what reports archived before `diagram` was a string hold: still bars."""
    t = tabeller(data)["livsomrader"]
    t.diagram = hvilket
    assert kjennetegn in diagram(skjerm(t, minste=1), "2")


def test_query_count_does_not_grow_with_the_data(data):
    def antall():
        with CaptureQueriesContext(connection) as q:
            tabeller(data)
        return len(q)

    foer = antall()
    for _ in range(4):
        p = person(data)
        kartlegging(p, date(2026, 2, 1), {"bolig": 2, "nettverk": 3}, who5=(8, "lav"), dudit=(30, "avhengighet"))
        kartlegging(p, date(2026, 6, 1), {"bolig": 5, "nettverk": 3}, who5=(20, "god"), dudit=(2, "under"))
        samtale(p, (2026, 4, 2), endringsfase=Endringsfase.OVERVEIELSE, mestringstro=3)
        samtale(p, (2026, 6, 2), endringsfase=Endringsfase.FORBEREDELSE, mestringstro=Decimal(5))
        with scope(senter=[data.pk]):
            services.endre_status(
                p, versjon=p.versjon, til_status=Status.AVSLUTTET, dato=date(2026, 6, 15), av=None, arsak="onsket_selv"
            )
    assert antall() == foer
    t = tabeller(data)
    assert rad(t["livsomrader"], "Nettverk og relasjoner") == [0, 4, 0, 4, 0]
    assert rad(t["dudit"], "Lavere sone (bedre)") == [4]
    assert rad(t["resultat-avslutning"], "Ønsket selv") == [4]
