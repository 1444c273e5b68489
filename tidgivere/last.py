"""Tidgivere at national scale, on top of deltakere's load data (`manage.py seed_load`, see deltakere/last.py).

At scale 1: 2,000 tidgivere over seed_load's centres (in proportion to each centre's deltakere), in every state
of the process with a dated status history, politiattester spread over their validity (some about to expire, a
few expired), and a year of samlinger with attendance. Every name fictional; the same scale on the same day
gives the same data.

Written in bulk with change history (`bulk_create_with_history`), as the services would.
"""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from deltakere.last import LAST_MERKE
from deltakere.models import Senter

from . import katalog
from .demo import ETTERNAVN, FORNAVN, YRKER
from .models import Oppmote, Samling, Status, Tidgiver, Tidgiverstatus, legg_til_maneder

ANTALL = 2000  # tidgivere at scale 1
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
    laget = {"tidgivere": 0, "samlinger": 0, "oppmøter": 0}
    for i, senter in enumerate(sentre):
        andel = (senter.antall or 1) / deltakere
        antall = max(1, round(totalt * andel)) if i < len(sentre) - 1 else max(1, totalt - laget["tidgivere"])
        rng = random.Random(f"medvandrer-last-tidgivere-{i}-{idag.isoformat()}")
        _senter(senter, rng, idag, antall, laget)
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
