"""The follow-up work at national scale, on top of deltakere's load data (`manage.py seed_load`, see deltakere/last.py).

At scale 1, for the 20,000 people of seed_load's centres: about 60,000 kartlegginger (every life area rated, WHO-5
in every second, AUDIT in every fourth), about 11,000 tiltaksplaner with 30,000 tiltak, about 400,000 samtaler and
contacts (failed attempts and notes about the person among them), about 50,000 appointments (kept, missed, and
coming ones for those still followed up), open and done morgenmøte tasks, and a year of daily tallies at the
low-threshold cafés. The three people with a long history at the largest centre have 500 samtaler each, for the
participant page's benchmark; the benchmarks' veileder (`veileder0.senter0@…`) has 300 people of their own.

The register's data ends on a fixed date (deltakere.last.SISTE_DATO); the work here runs up to the day it is
loaded, so Min oversikt's "today", "this week" and "days since last contact" look as on a working day. The same
scale on the same day gives the same data.

Written in bulk with change history (`bulk_create_with_history`), as the services would. Two things are left out
on purpose: the change history of a samtale's staff list (the m2m history; the rows themselves are there), and
drafts, which have no history.
"""

import random
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from deltakere.last import LANG_HISTORIKK, LAST_MERKE
from deltakere.models import Deltaker, Medlemskap, Rolle, Senter, Status

from . import instrumenter, livsomrader, tellinger
from .models import (
    KONTAKT,
    Avtale,
    Delmal,
    Endringsfase,
    Hovedmal,
    Kartlegging,
    Kontaktslag,
    Omradevurdering,
    Oppgave,
    Samtale,
    Samtaleform,
    Samtaletype,
    Screening,
    Telling,
    Tiltak,
    Tiltaksplan,
    Veiledningskommentar,
)

BATCH = 2000
LANG_SAMTALER = 500  # samtaler of each long-history person at the largest centre
OMRADER = [omrade.kode for omrade in livsomrader.LIVSOMRADER]
TYPER = (
    [Samtaletype.OPPFOLGING] * 10 + [Samtaletype.UFORMELL] * 8 + [Samtaletype.MOTIVASJON] * 3
    + [Samtaletype.KARTLEGGING, Samtaletype.EVALUERING, Samtaletype.ANSVARSGRUPPE]
)  # fmt: skip
SLAG = (
    [Kontaktslag.MED_PERSONEN] * 17 + [Kontaktslag.FORSOK_IKKE_NADD] * 2
    + [Kontaktslag.FORSOK_NADD, Kontaktslag.OM_PERSONEN, Kontaktslag.MED_ANDRE]
)  # fmt: skip
FORMER = [Samtaleform.SENTERET] * 4 + [Samtaleform.KAFE] * 3 + [Samtaleform.TELEFON] * 3 + list(Samtaleform)
FASER = list(Endringsfase)
NESTE_STEG = [
    "Følge til NAV på tirsdag.", "Ringe boligkontoret sammen.", "Prøve kafeen på torsdag.",
    "Snakke med fastlegen om søvn.", "Søke om startlån.", "Møte i ansvarsgruppen om fire uker.",
]  # fmt: skip
NOTATER = [
    "Kom innom kafeen, var i godt humør. Snakket om leiligheten og hva som må til for å beholde den.",
    "Telefon om møtet med NAV. Ønsker følge. Avtalt at veileder blir med.",
    "Har hatt en tung uke. Ble enige om å ta det rolig og komme på fellesmiddagen.",
    "Gikk gjennom regninger sammen. Har laget en plan for de to neste månedene.",
]  # fmt: skip
MAL = [
    ("bolig", "Få en fast plass å bo"), ("arbeid", "Komme i jobb eller arbeidstrening"),
    ("nettverk", "Ha noen å gjøre ting med"), ("okonomi", "Få orden på gjelden"),
    ("fysisk_helse", "Komme i bedre form"), ("rusmestring", "Holde meg rusfri"),
]  # fmt: skip
OPPGAVER = [
    "Hjelpe med søknad om bostøtte", "Ringe tilbake om møtet med NAV", "Finne vinterjakke",
    "Følge til legevakten for sårstell", "Spørre om arbeidstreningsplass", "Ordne ny bankID",
]  # fmt: skip


def har_last():
    return (
        Samtale.objects.filter(deltaker__senter__navn__endswith=LAST_MERKE).exists()
        or Telling.objects.filter(senter__navn__endswith=LAST_MERKE).exists()
    )


def fjern_last(stdout):
    """Remove what seed_load made here, change history included, before deltakere removes the people (raw
    deletes, as deltakere.last.fjern_last explains; subqueries, so no list of ids grows with the data)."""
    deltakere = Deltaker.objects.filter(senter__navn__endswith=LAST_MERKE).values("pk")
    sentre = Senter.objects.filter(navn__endswith=LAST_MERKE).values("pk")
    kartlegginger = Kartlegging.objects.filter(deltaker__in=deltakere).values("pk")
    planer = Tiltaksplan.objects.filter(deltaker__in=deltakere).values("pk")
    hovedmal = Hovedmal.objects.filter(plan__in=planer).values("pk")
    delmal = Delmal.objects.filter(hovedmal__in=hovedmal).values("pk")
    samtaler = Samtale.objects.filter(deltaker__in=deltakere).values("pk")
    antall = samtaler.count()

    def slett(qs):
        qs._raw_delete(qs.db)

    for modell, felt, eiere in (
        (Omradevurdering, "kartlegging", kartlegginger),
        (Screening, "kartlegging", kartlegginger),
        (Tiltak, "delmal", delmal),
        (Delmal, "hovedmal", hovedmal),
        (Hovedmal, "plan", planer),
        (Veiledningskommentar, "samtale", samtaler),
        (Avtale, "deltaker", deltakere),
        (Kartlegging, "deltaker", deltakere),
        (Tiltaksplan, "deltaker", deltakere),
    ):
        slett(modell.history.filter(**{f"{felt}_id__in": eiere}))
        slett(modell.objects.filter(**{f"{felt}__in": eiere}))
    for modell in (Oppgave, Telling):
        slett(modell.history.filter(Q(senter_id__in=sentre)))
        slett(modell.objects.filter(senter__in=sentre))
    slett(Samtale.ansatte.through.objects.filter(samtale__in=samtaler))
    slett(Samtale.history.filter(deltaker_id__in=deltakere))
    slett(Samtale.objects.filter(deltaker__in=deltakere))
    stdout.write(f"Fjernet lastdata for oppfølging: {antall} samtaler med det som hørte til.")


def seed_load(scale, stdout):
    """Follow-up work for every person seed_load made (see the module docstring); `scale` is already in the
    number of people."""
    start = timezone.now()
    idag = timezone.localdate()
    antall = {"kartlegginger": 0, "tiltak": 0, "samtaler": 0, "avtaler": 0, "oppgaver": 0, "tellinger": 0}
    sentre = list(Senter.objects.filter(navn__endswith=LAST_MERKE).order_by("pk"))
    for i, senter in enumerate(sentre):
        rng = random.Random(f"medvandrer-last-oppfolging-{i}-{idag.isoformat()}")
        _senter(senter, rng, idag, storst=i == 0, antall=antall)
    sekunder = (timezone.now() - start).total_seconds()
    stdout.write(
        "Lastdata for oppfølging: " + ", ".join(f"{n} {hva}" for hva, n in antall.items()) + f", på {sekunder:.0f} s."
    )


def _tid(dato, minutter):
    return timezone.make_aware(datetime.combine(dato, time(9, 0)) + timedelta(minutes=minutter))


def _senter(senter, rng, idag, *, storst, antall):
    stab = {}
    for m in Medlemskap.objects.filter(senter=senter).select_related("bruker").order_by("pk"):
        stab.setdefault(m.rolle, []).append(m.bruker)
    fritekst = senter.journalform == Senter.Journalform.FULL
    personer = list(
        Deltaker.objects.filter(senter=senter)
        .order_by("pk")
        .values("pk", "status", "status_fra", "henvisning_dato", "primaerkontakt_id", "kjonn")
    )
    kartlegginger, omrader, screeninger = [], [], []
    planer, samtaler, avtaler = [], [], []
    for n, person in enumerate(personer):
        start = person["henvisning_dato"]
        slutt = person["status_fra"] if person["status"] == Status.AVSLUTTET else idag
        ansatt = person["primaerkontakt_id"]
        if person["status"] == Status.HENVIST:
            samtaler += [_samtale(rng, person, start, slutt, ansatt, fritekst, type_=Samtaletype.INNTAK)]
            continue
        lang = storst and n < LANG_HISTORIKK
        # Kartlegginger: every 12 weeks or so from the intake.
        for k in range(rng.randint(1, 6)):
            dato = min(slutt, start + timedelta(days=7 + k * rng.randint(70, 110)))
            kartlegging = Kartlegging(
                deltaker_id=person["pk"], dato=dato, utfort_av_id=ansatt, registrert=_tid(dato, 60),
                registrert_av_id=ansatt, kommentar="Gjennomgått sammen i samtalerommet." if fritekst and k == 0 else "",
            )  # fmt: skip
            kartlegging._history_date = kartlegging.registrert
            kartlegginger.append(kartlegging)
            nivaa = rng.randint(2, 6) + min(k, 3)
            for omrade in OMRADER:
                if rng.random() < 0.06:
                    omrader.append((kartlegging, Omradevurdering(omrade=omrade, hoppet_over="ikke_aktuelt")))
                    continue
                egen = max(1, min(10, nivaa + rng.randint(-2, 2)))
                omrader.append(
                    (kartlegging, Omradevurdering(omrade=omrade, egen=egen, viktig=egen <= 3 and rng.random() < 0.5))
                )
            if k % 2 == 0:
                screeninger.append((kartlegging, _screening("who5", rng, nivaa, person["kjonn"])))
            if k % 4 == 0:
                screeninger.append((kartlegging, _screening("audit", rng, 10 - nivaa, person["kjonn"])))
        # A plan for six in ten.
        if rng.random() < 0.6:
            planer.append(_plan(rng, person, start, slutt, idag, ansatt, fritekst))
        # Samtaler: weekly for some, sporadic for others; 500 for the long histories.
        hvor_mange = LANG_SAMTALER if lang else rng.randint(4, 40)
        for _ in range(hvor_mange):
            samtaler.append(_samtale(rng, person, start, slutt, ansatt, fritekst))
        # Appointments: some kept, some missed, and the next one for those still followed up.
        for _ in range(rng.randint(1, 3)):
            dato = start + timedelta(days=rng.randint(0, max(0, (min(slutt, idag - timedelta(days=1)) - start).days)))
            status = Avtale.Status.UTEBLE if rng.random() < 0.2 else Avtale.Status.GJENNOMFORT
            avtaler.append(_avtale(rng, person, dato, ansatt, status))
        if person["status"] in (Status.AKTIV, Status.PAUSE) and rng.random() < 0.7:
            avtaler.append(
                _avtale(rng, person, idag + timedelta(days=rng.randint(0, 30)), ansatt, Avtale.Status.PLANLAGT)
            )

    bulk_create_with_history(kartlegginger, Kartlegging, batch_size=BATCH)
    _med_eier(omrader, "kartlegging", Omradevurdering)
    _med_eier(screeninger, "kartlegging", Screening)
    antall["tiltak"] += _lagre_planer(planer)
    _lagre_samtaler(samtaler)
    bulk_create_with_history(avtaler, Avtale, batch_size=BATCH)
    antall["oppgaver"] += _oppgaver(senter, rng, idag, stab, personer)
    antall["tellinger"] += _tellinger(senter, rng, idag)
    antall["kartlegginger"] += len(kartlegginger)
    antall["samtaler"] += len(samtaler)
    antall["avtaler"] += len(avtaler)


def _med_eier(par, felt, modell):
    rader = []
    for eier, rad in par:
        setattr(rad, felt, eier)
        rad._history_date = eier.registrert
        rader.append(rad)
    bulk_create_with_history(rader, modell, batch_size=BATCH)


def _screening(instrument, rng, tyngde, kjonn):
    definisjon = instrumenter.INSTRUMENTER[instrument]
    svar = {}
    for sporsmal in definisjon.sporsmal:
        poeng = sorted(sporsmal.gyldige_poeng())
        indeks = max(0, min(len(poeng) - 1, round(tyngde / 10 * (len(poeng) - 1)) + rng.randint(-1, 1)))
        svar[str(sporsmal.nr)] = poeng[indeks]
    kjonn = kjonn if kjonn in ("mann", "kvinne") else ""
    resultat = definisjon.skaar(svar, kjonn=kjonn)
    return Screening(
        instrument=instrument, svar=svar, fullstendig=resultat.fullstendig, sum=resultat.sum,
        sone=resultat.sone.kode if resultat.sone else "", kjonn=kjonn,
    )  # fmt: skip


def _samtale(rng, person, start, slutt, ansatt, fritekst, type_=None):
    dager = max(0, (slutt - start).days)
    dato = start + timedelta(days=rng.randint(0, dager))
    type_ = type_ or rng.choice(TYPER)
    slag = rng.choice(SLAG)
    samtale = Samtale(
        deltaker_id=person["pk"],
        type=type_,
        kontaktslag=slag,
        tidspunkt=_tid(dato, rng.randint(0, 420)),
        varighet=rng.choice([5, 10, 15, 20, 30, 45, 60, 90]) if slag in KONTAKT else rng.choice([None, 5]),
        form=rng.choice(FORMER),
        livsomrader=rng.sample(OMRADER, rng.randint(0, 3)),
        neste_steg=rng.choice(NESTE_STEG) if fritekst and rng.random() < 0.4 else "",
        notat=rng.choice(NOTATER) if fritekst and slag in KONTAKT and rng.random() < 0.7 else "",
        registrert_av_id=ansatt,
    )
    if type_ == Samtaletype.MOTIVASJON and slag in KONTAKT:
        samtale.endringsfase = rng.choice(FASER)
        samtale.viktighet, samtale.mestringstro = rng.randint(2, 10), rng.randint(0, 9)
    samtale.registrert = samtale.tidspunkt + timedelta(minutes=samtale.varighet or 5)
    samtale._history_date = samtale.registrert
    return samtale


def _lagre_samtaler(samtaler):
    bulk_create_with_history(samtaler, Samtale, batch_size=BATCH)
    gjennom = Samtale.ansatte.through
    gjennom.objects.bulk_create(
        [gjennom(samtale_id=s.pk, bruker_id=s.registrert_av_id) for s in samtaler if s.registrert_av_id],
        batch_size=BATCH * 5,
    )


def _avtale(rng, person, dato, ansatt, status):
    avtale = Avtale(
        deltaker_id=person["pk"],
        tidspunkt=_tid(dato, rng.choice([0, 60, 90, 240, 300])),
        form=rng.choice([Samtaleform.SAMTALEROM, Samtaleform.SENTERET, Samtaleform.FOLGE_NAV, Samtaleform.TELEFON]),
        med_id=ansatt,
        status=status,
        registrert_av_id=ansatt,
    )
    avtale.registrert = min(avtale.tidspunkt - timedelta(days=7), timezone.now())
    avtale._history_date = avtale.registrert
    return avtale


def _plan(rng, person, start, slutt, idag, ansatt, fritekst):
    """(plan, [(hovedmål, [(delmål, [tiltak])])]) to be saved by `_lagre_planer`."""
    aktivert = min(slutt, start + timedelta(days=rng.randint(14, 60)))
    avsluttet = person["status"] == Status.AVSLUTTET
    plan = Tiltaksplan(
        deltaker_id=person["pk"],
        status=Tiltaksplan.Status.AVSLUTTET if avsluttet else Tiltaksplan.Status.AKTIV,
        aktivert=aktivert,
        avsluttet=slutt if avsluttet else None,
        gjennomgatt=aktivert,
        evalueringsdato=aktivert + timedelta(days=rng.randint(60, 400)),
        opprettet=_tid(aktivert, 120),
        endret=_tid(aktivert, 121),
        opprettet_av_id=ansatt,
    )
    plan._history_date = plan.opprettet
    innhold = []
    for r, (omrade, tekst) in enumerate(rng.sample(MAL, rng.randint(1, 3))):
        nadd = rng.random() < (0.4 if avsluttet else 0.15)
        hovedmal = Hovedmal(
            tekst=tekst if fritekst else "", livsomrade=omrade, rekkefolge=r,
            status="nadd" if nadd else "pagar",
            status_dato=min(slutt, aktivert + timedelta(days=120)) if nadd else None,
            tidgiver_kan_hjelpe=rng.random() < 0.3, opprettet=plan.opprettet,
        )  # fmt: skip
        tiltak = []
        for t in range(rng.randint(1, 2)):
            frist = aktivert + timedelta(days=rng.randint(14, 200))
            status = rng.choice(list(Tiltak.Status))
            tiltak.append(
                Tiltak(
                    hva="Søke om bostøtte sammen med veileder" if fritekst else "",
                    ansvar=rng.choice(list(Tiltak.Ansvar)),
                    frist=frist,
                    status=status,
                    rekkefolge=t,
                    opprettet=plan.opprettet,
                    status_dato=min(idag, frist) if status != Tiltak.Status.IKKE_STARTET else None,
                )  # fmt: skip
            )
        innhold.append(
            (hovedmal, [(Delmal(tekst="Første steg" if fritekst else "", opprettet=plan.opprettet), tiltak)])
        )
    return plan, innhold


def _lagre_planer(planer):
    bulk_create_with_history([plan for plan, _ in planer], Tiltaksplan, batch_size=BATCH)
    hovedmal, delmal, tiltak = [], [], []
    for plan, innhold in planer:
        for mal, _ in innhold:
            mal.plan, mal._history_date = plan, plan.opprettet
            hovedmal.append(mal)
    bulk_create_with_history(hovedmal, Hovedmal, batch_size=BATCH)
    for plan, innhold in planer:
        for mal, deler in innhold:
            for del_, _ in deler:
                del_.hovedmal, del_._history_date = mal, plan.opprettet
                delmal.append(del_)
    bulk_create_with_history(delmal, Delmal, batch_size=BATCH)
    for plan, innhold in planer:
        for _, deler in innhold:
            for del_, tiltak_ in deler:
                for t in tiltak_:
                    t.delmal, t._history_date = del_, plan.opprettet
                    tiltak.append(t)
    bulk_create_with_history(tiltak, Tiltak, batch_size=BATCH)
    return len(tiltak)


def _oppgaver(senter, rng, idag, stab, personer):
    """Open tasks for one in twenty people (a third overdue, some for the motivasjonsteam, some about guests)
    and as many done ones."""
    ansatte = stab.get(Rolle.VEILEDER, []) + stab.get(Rolle.SOSIONOM, [])
    oppgaver = []
    for k in range(max(5, len(personer) // 20) * 2):
        person = personer[rng.randrange(len(personer))]
        gjest = k % 7 == 3
        opprettet = idag - timedelta(days=rng.randint(0, 40))
        oppgave = Oppgave(
            senter=senter,
            deltaker_id=None if gjest else person["pk"],
            gjest=rng.choice(["Han med den røde sykkelen", "Kari", "Ny gjest, spurte om klær"]) if gjest else "",
            hva=rng.choice(OPPGAVER),
            tildelt=None if k % 5 == 0 else rng.choice(ansatte),
            gruppe=Oppgave.Gruppe.MOTIVASJONSTEAM if k % 5 == 0 else "",
            frist=opprettet + timedelta(days=rng.randint(1, 30)),
            ferdig=_tid(opprettet + timedelta(days=2), 30) if k % 2 else None,
            opprettet=_tid(opprettet, 15),
            opprettet_av=rng.choice(ansatte),
        )
        oppgave._history_date = oppgave.opprettet
        oppgaver.append(oppgave)
    bulk_create_with_history(oppgaver, Oppgave, batch_size=BATCH)
    return len(oppgaver)


def _tellinger(senter, rng, idag):
    """A year of weekday tallies at the low-threshold cafés."""
    if senter.type != Senter.Type.GATENAERT:
        return 0
    rader = []
    for d in range(365, 0, -1):
        dato = idag - timedelta(days=d)
        if dato.weekday() >= 5:
            continue
        besok = rng.randint(25, 70)
        for teller in tellinger.tellere_for(senter):
            antall = {"besok": besok, "maltider": besok - rng.randint(0, 15), "nye_ansikter": rng.randint(0, 4)}.get(
                teller.kode, rng.randint(0, 12)
            )
            rad = Telling(senter=senter, dato=dato, teller=teller.kode, antall=antall, endret=_tid(dato, 480))
            rad._history_date = rad.endret
            rader.append(rad)
    bulk_create_with_history(rader, Telling, batch_size=BATCH)
    return len(rader)
