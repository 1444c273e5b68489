"""Tidgivere at national scale, on top of deltakere's load data (`manage.py seed_load`, see deltakere/last.py).

At scale 1: 2,000 tidgivere over seed_load's centres (in proportion to each centre's deltakere), in every state
of the process with a dated status history, politiattester spread over their validity (some about to expire, a
few expired), a year of samlinger with attendance, and 5,000 matches (koblinger) between the centre's tidgivere
and deltakere, in every status with their dated steps, check-ins and activities with hours. Every name
fictional; the same scale on the same day gives the same data.

Written in bulk with change history (`bulk_create_with_history`), as the services would.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from deltakere.last import LAST_MERKE
from deltakere.models import Deltaker, Samtykke, Senter

from . import katalog
from .demo import ETTERNAVN, FORNAVN, YRKER
from .models import (
    PAGAENDE,
    Aktivitet,
    Innsjekk,
    Kobling,
    Koblingsstatus,
    Koblingssteg,
    Oppmote,
    Samling,
    Sluttarsak,
    Status,
    Tidgiver,
    Tidgiverstatus,
    legg_til_maneder,
)

ANTALL = 2000  # tidgivere at scale 1
KOBLINGER = 5000  # matches at scale 1
# How the load matches are spread over the statuses (the rest are aktiv).
KOBLINGSFORDELING = [
    (Koblingsstatus.AVSLUTTET, 0.30), (Koblingsstatus.AVSLATT, 0.06), (Koblingsstatus.PAUSE, 0.05),
    (Koblingsstatus.FORESLATT, 0.04), (Koblingsstatus.TILBUDT, 0.03), (Koblingsstatus.AKSEPTERT, 0.03),
    (Koblingsstatus.FORSTE_MOTE, 0.03), (Koblingsstatus.AVSLUTNINGSSAMTALE, 0.02),
]  # fmt: skip
KOBLINGSVEI = [
    Koblingsstatus.FORESLATT, Koblingsstatus.TILBUDT, Koblingsstatus.AKSEPTERT, Koblingsstatus.FORSTE_MOTE,
    Koblingsstatus.AKTIV,
]  # fmt: skip
BATCH = 2000
# How the load tidgivere are spread over the statuses (the rest are aktiv).
FORDELING = [
    (Status.INTERESSERT, 0.08), (Status.INTERVJU, 0.06), (Status.GODKJENT, 0.08), (Status.PAUSE, 0.08),
    (Status.AVSLUTTET, 0.15),
]  # fmt: skip
VEI = [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT, Status.AKTIV]


def har_last():
    return Tidgiver.objects.filter(senter__navn__endswith=LAST_MERKE).exists()


def fjern_last(stdout):
    """Remove what seed_load made here, change history included (raw deletes, as deltakere.last.fjern_last
    explains; subqueries, so no list of ids grows with the data)."""
    sentre = Senter.objects.filter(navn__endswith=LAST_MERKE).values("pk")
    tidgivere = Tidgiver.objects.filter(senter__in=sentre).values("pk")
    samlinger = Samling.objects.filter(senter__in=sentre).values("pk")
    antall = tidgivere.count()

    def slett(qs):
        qs._raw_delete(qs.db)

    # Matches first: Kobling.tidgiver is PROTECT (their rows follow the tidgiver's centre, not the person's).
    koblinger = Kobling.objects.filter(tidgiver__senter__in=sentre).values("pk")
    for modell in (Aktivitet, Innsjekk, Koblingssteg):
        slett(modell.history.filter(kobling_id__in=koblinger))
        slett(modell.objects.filter(kobling__in=koblinger))
    slett(Kobling.history.filter(tidgiver_id__in=tidgivere))
    slett(Kobling.objects.filter(tidgiver__in=tidgivere))
    slett(Oppmote.history.filter(samling_id__in=samlinger))
    slett(Oppmote.objects.filter(samling__in=samlinger))
    slett(Tidgiverstatus.history.filter(tidgiver_id__in=tidgivere))
    slett(Tidgiverstatus.objects.filter(tidgiver__in=tidgivere))
    slett(Samling.history.filter(senter_id__in=sentre))
    slett(Samling.objects.filter(senter__in=sentre))
    slett(Tidgiver.history.filter(senter_id__in=sentre))
    slett(Tidgiver.objects.filter(senter__in=sentre))
    stdout.write(f"Fjernet lastdata for tidgivere: {antall} tidgivere med det som hørte til.")


def seed_load(scale, stdout):
    start = timezone.now()
    idag = timezone.localdate()
    sentre = list(Senter.objects.filter(navn__endswith=LAST_MERKE).annotate(antall=Count("deltakere")).order_by("pk"))
    if not sentre:
        return
    totalt = max(1, round(ANTALL * scale))
    deltakere = sum(s.antall for s in sentre) or len(sentre)
    laget = {"tidgivere": 0, "samlinger": 0, "oppmøter": 0, "koblinger": 0, "aktiviteter": 0, "innsjekker": 0}
    koblinger = max(1, round(KOBLINGER * scale))
    for i, senter in enumerate(sentre):
        andel = (senter.antall or 1) / deltakere
        antall = max(1, round(totalt * andel)) if i < len(sentre) - 1 else max(1, totalt - laget["tidgivere"])
        rng = random.Random(f"medvandrer-last-tidgivere-{i}-{idag.isoformat()}")
        tidgivere = _senter(senter, rng, idag, antall, laget)
        onsket = max(1, round(koblinger * andel)) if i < len(sentre) - 1 else koblinger - laget["koblinger"]
        _koblinger(senter, tidgivere, rng, idag, onsket, laget)
    sekunder = (timezone.now() - start).total_seconds()
    stdout.write(
        "Lastdata for tidgivere: " + ", ".join(f"{n} {hva}" for hva, n in laget.items()) + f", på {sekunder:.0f} s."
    )


def _status(rng):
    tall = rng.random()
    for status, andel in FORDELING:
        if tall < andel:
            return status
        tall -= andel
    return Status.AKTIV


def _senter(senter, rng, idag, antall, laget):
    gyldig = settings.POLITIATTEST_GYLDIG_MANEDER
    tidgivere, statuser = [], []
    for n in range(antall):
        status = _status(rng)
        begynte = idag - timedelta(days=rng.randint(60, 1400))
        if status in VEI:
            vei = VEI[: VEI.index(status) + 1]
        else:  # a pause comes after being active; anyone may end
            vei = [*VEI[: 4 if status == Status.PAUSE else rng.randint(1, 4)], status]
        godkjent = Status.GODKJENT in vei
        attest = None
        if godkjent:
            # Spread over the validity: some about to expire, a few already expired.
            spredt = legg_til_maneder(idag, -gyldig) + timedelta(days=rng.randint(-20, 900))
            attest = min(max(begynte + timedelta(days=30), spredt), idag)
        aktiv = Status.AKTIV in vei
        yrke, ferdigheter = rng.choice(YRKER)
        tidgiver = Tidgiver(
            senter=senter,
            navn=f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}-{n}",
            telefon=f"4{rng.randint(1000000, 9999999)}",
            kommune=f"{senter.kommune} {rng.choice(['sentrum', 'nord', 'sør', 'øst', 'vest'])}",
            fodselsaar=rng.randint(1950, 2004),
            kjonn=rng.choice(["kvinne", "mann", "kvinne", "annet"]),
            sprak=["norsk"],
            yrke=yrke,
            ferdigheter=ferdigheter,
            interesser=rng.sample([k for k, _ in katalog.AKTIVITETER], rng.randint(1, 3)),
            aktiviteter=rng.sample([k for k, _ in katalog.AKTIVITETER], rng.randint(1, 4)),
            tilgjengelighet=sorted(rng.sample(katalog.TIDER, rng.randint(2, 8)), key=katalog.TIDER.index),
            kapasitet=rng.choice([1, 1, 1, 2, 2, 3]),
            erfaringskompetanse=rng.random() < 0.3,
            status=status,
            intervju1_dato=begynte + timedelta(days=10) if Status.INTERVJU in vei else None,
            intervju2_dato=begynte + timedelta(days=20) if godkjent else None,
            referanser_sjekket=begynte + timedelta(days=25) if godkjent else None,
            politiattest_sett=attest,
            politiattest_gyldig_til=legg_til_maneder(attest, gyldig) if attest else None,
            taushetserklaering_signert=begynte + timedelta(days=35) if aktiv else None,
            introduksjonskurs_fullfort=begynte + timedelta(days=40) if aktiv else None,
            tidgivermappe_utlevert=begynte + timedelta(days=45) if aktiv else None,
            opprettet=timezone.make_aware(datetime.combine(begynte, time(10, 0))),
        )
        dato = begynte
        rader = []
        for steg, til in enumerate(vei):
            dato = min(idag, begynte + timedelta(days=[0, 10, 30, 50][steg] if steg < 4 else rng.randint(60, 600)))
            rader.append((vei[steg - 1] if steg else "", til, dato))
        tidgiver.status_fra = rader[-1][2]
        tidgivere.append(tidgiver)
        statuser.append(rader)
    tidgivere = bulk_create_with_history(tidgivere, Tidgiver, batch_size=BATCH)
    rader = [
        Tidgiverstatus(tidgiver=t, fra=fra, til=til, dato=dato, arsak="tidsmangel" if til == Status.AVSLUTTET else "")
        for t, liste in zip(tidgivere, statuser, strict=True)
        for fra, til, dato in liste
    ]
    bulk_create_with_history(rader, Tidgiverstatus, batch_size=BATCH)
    # A year of samlinger, one a month, with some of those active or on pause there.
    med = [t for t in tidgivere if t.status in (Status.AKTIV, Status.PAUSE)]
    samlinger = [
        Samling(senter=senter, type=[Samling.Type.TEMAKVELD, Samling.Type.TIDGIVERSAMLING][m % 2],
                dato=idag - timedelta(days=30 * m + 3), tema="Temakveld")
        for m in range(12)
    ]  # fmt: skip
    samlinger = bulk_create_with_history(samlinger, Samling, batch_size=BATCH)
    oppmoter = [
        Oppmote(samling=s, tidgiver=t) for s in samlinger for t in rng.sample(med, min(len(med), rng.randint(3, 15)))
    ]
    bulk_create_with_history(oppmoter, Oppmote, batch_size=BATCH)
    laget["tidgivere"] += len(tidgivere)
    laget["samlinger"] += len(samlinger)
    laget["oppmøter"] += len(oppmoter)
    return tidgivere


def _koblingsstatus(rng):
    tall = rng.random()
    for status, andel in KOBLINGSFORDELING:
        if tall < andel:
            return status
        tall -= andel
    return Koblingsstatus.AKTIV


def _koblinger(senter, tidgivere, rng, idag, antall, laget):
    """`antall` matches between the centre's tidgivere who have been active and its deltakere (those who consent
    to share with a tidgiver first), at most one match per pair, with their steps, monthly check-ins with both
    sides while active, and activities with hours."""
    if antall <= 0:
        return
    tidgivere = [t for t in tidgivere if t.taushetserklaering_signert]
    samtykket = list(
        Samtykke.objects.filter(
            deltaker__senter=senter, type=Samtykke.Type.DELE_MED_TIDGIVER, trukket__isnull=True
        ).values_list("deltaker_id", flat=True)
    )
    deltakere = samtykket or list(Deltaker.objects.filter(senter=senter).values_list("pk", flat=True))
    if not tidgivere or not deltakere:
        return
    par = set()
    koblinger, steg = [], []
    aktivitetstyper = [k for k, _ in katalog.AKTIVITETER]
    for _ in range(antall * 3):  # a few draws hit a pair already taken
        if len(koblinger) == antall:
            break
        tidgiver, deltaker_id = rng.choice(tidgivere), rng.choice(deltakere)
        if (tidgiver.pk, deltaker_id) in par:
            continue
        par.add((tidgiver.pk, deltaker_id))
        status = _koblingsstatus(rng)
        if status in PAGAENDE and tidgiver.status != Status.AKTIV:
            status = Koblingsstatus.AVSLUTTET  # only an active tidgiver has a match going on
        start = max(tidgiver.taushetserklaering_signert, idag - timedelta(days=rng.randint(10, 1000)))
        if status in KOBLINGSVEI:
            vei = KOBLINGSVEI[: KOBLINGSVEI.index(status) + 1]
        elif status == Koblingsstatus.AVSLATT:
            vei = [*KOBLINGSVEI[: rng.randint(1, 4)], status]
        elif status == Koblingsstatus.PAUSE:
            vei = [*KOBLINGSVEI, status]
        else:
            vei = [*KOBLINGSVEI, *([Koblingsstatus.AVSLUTNINGSSAMTALE] if rng.random() < 0.5 else []), status]
            if status == Koblingsstatus.AVSLUTNINGSSAMTALE:
                vei = vei[:-1]
        datoer, dato = [], start
        for n, _til in enumerate(vei):
            dato = min(
                idag, dato + timedelta(days=0 if n == 0 else rng.randint(3, 14) if n < 5 else rng.randint(30, 400))
            )
            datoer.append(dato)
        aktiv_fra = datoer[4] if len(vei) > 4 and vei[4] == Koblingsstatus.AKTIV else None
        slutt = status == Koblingsstatus.AVSLUTTET
        kobling = Kobling(
            deltaker_id=deltaker_id,
            tidgiver=tidgiver,
            status=status,
            status_fra=datoer[-1],
            poeng=rng.randint(10, 60),
            forste_mote=datoer[3] if len(datoer) > 3 and Koblingsstatus.FORSTE_MOTE in vei else None,
            aktiv_fra=aktiv_fra,
            sluttarsak=rng.choice(list(Sluttarsak.values)) if slutt else "",
            opprettet=timezone.make_aware(datetime.combine(start, time(11, 0))),
        )
        kobling.endret = kobling.opprettet
        koblinger.append(kobling)
        steg.append([(vei[n - 1] if n else "", til, datoer[n]) for n, til in enumerate(vei)])
    # The pair is unique only while a match goes on, but one pair once keeps the data simple to read.
    koblinger = bulk_create_with_history(koblinger, Kobling, batch_size=BATCH)
    stegrader, innsjekker, aktiviteter = [], [], []
    for k, liste in zip(koblinger, steg, strict=True):
        for fra, til, dato in liste:
            arsak = k.sluttarsak if til == Koblingsstatus.AVSLUTTET else ""
            stegrader.append(Koblingssteg(kobling=k, fra=fra, til=til, dato=dato, arsak=arsak))
        if not k.aktiv_fra:
            continue
        slutt = liste[-1][2] if k.status != Koblingsstatus.AKTIV else idag
        dato = k.aktiv_fra + timedelta(days=30)
        while dato <= slutt:
            if rng.random() < 0.7:  # some are missed: those make the list of check-ins due
                for med in (Innsjekk.Med.DELTAKER, Innsjekk.Med.TIDGIVER):
                    innsjekker.append(Innsjekk(kobling=k, med=med, dato=dato))
            for _ in range(rng.randint(0, 3)):
                aktiviteter.append(
                    Aktivitet(
                        kobling=k,
                        dato=min(slutt, dato - timedelta(days=rng.randint(0, 29))),
                        timer=Decimal(rng.choice([1, 1.5, 2, 2, 3, 4])),
                        type=rng.choice(aktivitetstyper),
                        utlegg=Decimal(rng.choice([0, 0, 0, 120, 250])),
                    )
                )
            dato += timedelta(days=30)
    bulk_create_with_history(stegrader, Koblingssteg, batch_size=BATCH)
    bulk_create_with_history(innsjekker, Innsjekk, batch_size=BATCH)
    bulk_create_with_history(aktiviteter, Aktivitet, batch_size=BATCH)
    laget["koblinger"] += len(koblinger)
    laget["aktiviteter"] += len(aktiviteter)
    laget["innsjekker"] += len(innsjekker)
