"""The aktivitetsrapport's figures on a hand-built dataset, with boundary days at both ends of the quarter."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from deltakere import services
from deltakere.models import Avslutningsarsak, Henvisningskilde, Kjonn, Status
from oppfolging.models import Avtale, Kontaktslag, Samtale, Samtaleform, Samtaletype, Telling
from rapporter.aktivitet import aktivitetstabeller
from rapporter.tabeller import OSLO, Periode
from tidgivere.models import Aktivitet, Kobling, Koblingsstatus
from tidgivere.models import Status as TidgiverStatus

from ..factories import DeltakerFactory, SenterFactory
from ..tidgivere.fabrikker import TidgiverFactory

pytestmark = pytest.mark.django_db

Q2 = Periode.kvartal(2026, 2)  # 1 April – 30 June 2026


def oslo(*args):
    return datetime(*args, tzinfo=OSLO)


def samtale(deltaker, tid, type=Samtaletype.OPPFOLGING, form=Samtaleform.SENTERET, kontakt=Kontaktslag.MED_PERSONEN):
    return Samtale.objects.create(deltaker=deltaker, tidspunkt=tid, type=type, form=form, kontaktslag=kontakt)


@pytest.fixture
def data():
    senter, annet = SenterFactory(), SenterFactory()
    ny = DeltakerFactory(
        senter=senter,
        kjonn=Kjonn.KVINNE,
        fodselsaar=1990,
        status_fra=date(2026, 4, 1),
        henvisning_kilde=Henvisningskilde.KRIMINALOMSORGEN,
        henvisning_dato=date(2026, 3, 20),
    )
    # Active since January, ended on the quarter's last day: in follow-up, not new, ended.
    sluttet = DeltakerFactory(
        senter=senter, kjonn=Kjonn.MANN, fodselsaar=2005, status_fra=date(2026, 1, 10), henvisning_dato=date(2026, 1, 5)
    )
    services.endre_status(
        sluttet,
        versjon=sluttet.versjon,
        til_status=Status.AVSLUTTET,
        dato=date(2026, 6, 30),
        av=None,
        arsak=Avslutningsarsak.MAL_NADD,
    )
    # Starts the day after the quarter.
    DeltakerFactory(
        senter=senter, kjonn=Kjonn.MANN, fodselsaar=1970, status_fra=date(2026, 7, 1), henvisning_dato=date(2026, 6, 1)
    )
    # Active all of last year's Q2, ended the day before this quarter; its current status is irrelevant.
    fjorarets = DeltakerFactory(
        senter=senter,
        kjonn=Kjonn.KVINNE,
        fodselsaar=1980,
        status_fra=date(2025, 1, 1),
        henvisning_dato=date(2024, 12, 1),
    )
    services.endre_status(
        fjorarets,
        versjon=fjorarets.versjon,
        til_status=Status.AVSLUTTET,
        dato=date(2026, 3, 31),
        av=None,
        arsak=Avslutningsarsak.FLYTTET,
    )
    # Only referred in the quarter: not in follow-up.
    DeltakerFactory(senter=senter, status=Status.HENVIST, status_fra=date(2026, 5, 1), henvisning_dato=date(2026, 5, 1))
    # Another centre's person is never counted.
    andre = DeltakerFactory(senter=annet, status_fra=date(2026, 4, 2), henvisning_dato=date(2026, 4, 1))

    samtale(ny, oslo(2026, 4, 1, 0, 30), Samtaletype.MOTIVASJON, Samtaleform.KAFE)
    samtale(sluttet, oslo(2026, 6, 30, 23, 30), form=Samtaleform.TELEFON)
    samtale(sluttet, oslo(2026, 5, 2, 12), kontakt=Kontaktslag.OM_PERSONEN)  # a note about them: not contact
    samtale(ny, oslo(2026, 7, 1, 0, 10))  # after the quarter (Oslo time)
    samtale(andre, oslo(2026, 5, 1, 12))
    Avtale.objects.create(
        deltaker=ny, tidspunkt=oslo(2026, 5, 5, 10), form=Samtaleform.SENTERET, status=Avtale.Status.GJENNOMFORT
    )
    Avtale.objects.create(
        deltaker=sluttet, tidspunkt=oslo(2026, 5, 6, 10), form=Samtaleform.SENTERET, status=Avtale.Status.UTEBLE
    )
    for dag, teller, antall in [(1, "besok", 10), (1, "maltider", 4), (2, "besok", 6), (3, "besok", 0)]:
        Telling.objects.create(senter=senter, dato=date(2026, 4, dag), teller=teller, antall=antall)
    Telling.objects.create(senter=senter, dato=date(2026, 3, 31), teller="besok", antall=99)

    tidgiver = TidgiverFactory(senter=senter, status=TidgiverStatus.AKTIV, status_fra=date(2026, 2, 1))
    kobling = Kobling.objects.create(
        deltaker=ny,
        tidgiver=tidgiver,
        status=Koblingsstatus.AKTIV,
        status_fra=date(2026, 4, 10),
        aktiv_fra=date(2026, 4, 10),
    )
    Aktivitet.objects.create(kobling=kobling, dato=date(2026, 5, 1), timer=Decimal("3.5"), type="annet")
    Aktivitet.objects.create(kobling=kobling, dato=date(2026, 6, 30), timer=Decimal("2"), type="annet")
    Aktivitet.objects.create(kobling=kobling, dato=date(2026, 7, 1), timer=Decimal("8"), type="annet")
    return senter


def tabeller(senter):
    with scope(senter=[senter.pk]):
        return {t.id: t for t in aktivitetstabeller([senter.pk], Q2)}


def rad(tabell, navn):
    return next([c.verdi for c in r.celler] for r in tabell.rader if r.navn == navn)


def test_deltakere_from_the_dated_status_history(data):
    t = tabeller(data)
    assert rad(t["deltakere"], "I oppfølging i perioden") == [2, 1]
    assert rad(t["deltakere"], "Nye (startet i perioden)") == [1, 0]
    assert rad(t["deltakere"], "Avsluttet i perioden") == [1, 0]
    assert rad(t["kjonn"], "Kvinne") == [1, 1]
    assert rad(t["kjonn"], "Mann") == [1, 0]
    assert rad(t["alder"], "Under 25 år") == [1, 0]
    assert rad(t["alder"], "35–49 år") == [1, 1]  # 2026-1990 = 36; last year 2025-1980 = 45
    assert rad(t["henvisning"], "Kriminalomsorgen/friomsorgen") == [1, 0]
    assert rad(t["henvisning"], "Sum") == [1, 0]
    assert rad(t["bosituasjon"], "Midlertidig botilbud") == [1, 0]
    assert rad(t["inntekt"], "Sosialhjelp") == [1, 0]
    assert rad(t["avslutning"], "Mål nådd") == [1, 0]
    assert rad(t["avslutning"], "Flyttet") == [0, 0]
    assert t["deltakere"].rader[0].celler[0].n == 2


def test_samtaler_avtaler_and_the_tally(data):
    t = tabeller(data)
    assert rad(t["samtaler"], "Sum samtaler og kontakter") == [2, 0]
    assert rad(t["samtaler"], "Motivasjonssamtale") == [1, 0]
    assert rad(t["samtaler"], "Ulike deltakere nådd") == [2, 0]
    assert rad(t["samtaler"], "Deltakere med motivasjonssamtale") == [1, 0]
    assert rad(t["samtaleform"], "På kafeen") == [1, 0]
    assert rad(t["samtaleform"], "Telefon") == [1, 0]
    assert rad(t["avtaler"], "Gjennomført") == [1, 0]
    assert rad(t["avtaler"], "Uteble") == [1, 0]
    assert rad(t["telling"], "Besøk") == [16, 0]
    assert rad(t["telling"], "Måltider servert") == [4, 0]
    assert rad(t["telling"], "Åpningsdager (dager med telling)") == [2, 0]
    assert rad(t["telling"], "Besøk: snitt per åpningsdag") == [8, None]
    assert [r.navn for r in t["telling"].rader][:2] == ["Besøk", "Måltider servert"]


def test_tidgivere_matches_and_hours(data, settings):
    settings.TIMER_PER_ARSVERK = 1100
    t = tabeller(data)
    assert rad(t["tidgivere"], "Tidgivere aktive i perioden") == [1, 0]
    assert rad(t["tidgivere"], "Nye tidgivere") == [0, 0]
    assert rad(t["tidgivere"], "Koblinger startet") == [1, 0]
    assert rad(t["tidgivere"], "Koblinger aktive i perioden") == [1, 0]
    assert rad(t["tidgivere"], "Frivillige timer") == [Decimal("5.5"), 0]
    assert rad(t["tidgivere"], "Årsverk") == [Decimal("0.005"), 0]


def test_query_count_does_not_grow_with_the_data(data):
    def antall():
        with CaptureQueriesContext(connection) as q:
            tabeller(data)
        return len(q)

    foer = antall()
    for i in range(15):
        d = DeltakerFactory(senter=data, status_fra=date(2026, 4, 1 + i), henvisning_dato=date(2026, 3, 1))
        samtale(d, oslo(2026, 5, 1 + i, 12))
    assert antall() == foer


@pytest.mark.parametrize("sone", ["UTC", "America/New_York", "Pacific/Auckland"])
def test_the_same_figures_whatever_the_servers_time_zone(data, settings, sone):
    """Days are Europe/Oslo days: a samtale at 00:30 on 1 April and one at 23:30 on 30 June (Oslo) are in the
    quarter, one at 00:10 on 1 July is not, whichever zone the server runs in."""
    oslo_tall = {i: [[c.verdi for c in r.celler] for r in t.rader] for i, t in tabeller(data).items()}
    settings.TIME_ZONE = sone
    assert {i: [[c.verdi for c in r.celler] for r in t.rader] for i, t in tabeller(data).items()} == oslo_tall


def test_staff_and_their_arsverk(data):
    from deltakere.models import Rolle

    from ..factories import MedlemskapFactory

    with scopes_disabled():
        MedlemskapFactory(senter=data, rolle=Rolle.VEILEDER, startet=date(2025, 1, 1))
        MedlemskapFactory(senter=data, rolle=Rolle.SOSIONOM, startet=date(2026, 5, 1), stillingsprosent=50)
        MedlemskapFactory(senter=data, rolle=Rolle.LEDER, startet=date(2025, 1, 1), sluttet=date(2026, 3, 31))
    t = tabeller(data)["ansatte"]
    assert rad(t, "Ansatte") == [2, 2]  # last year: the full-time one and the leder who has since left
    assert rad(t, "Ansattes årsverk") == [Decimal("1.5"), Decimal("2")]
