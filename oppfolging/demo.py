"""Demo data for the follow-up work: kartlegginger over time with plausible change, some screenings (complete
and incomplete), tiltaksplaner (some of them overdue), a year of samtaler (weekly for some, sporadic for
others, motivasjonssamtaler where the centre works that way), appointments kept and missed, open morgenmøte
tasks, a draft or two, and daily tallies for the cafés. Made through the services; every person fictional.
Idempotent per centre and kind: a centre that already has kartlegginger (or samtaler, or tallies) is left as
it is."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from deltakere.models import Deltaker, Status

from . import instrumenter, livsomrader, services
from .models import (
    Avtale,
    Endringsfase,
    Kartlegging,
    Kontaktslag,
    Malstatus,
    Oppgave,
    Samtale,
    Samtaleform,
    Samtaletype,
    Telling,
    Tiltak,
)

# Hovedmål in a participant's own words, per life area, and the delmål and tiltak that tend to follow.
MAL = {
    "bolig": ("Få min egen leilighet", "Søke kommunal bolig", ["Fylle ut søknaden", "Ringe boligkontoret"]),
    "okonomi": ("Få orden på regningene", "Lage budsjett", ["Gå gjennom gjelden med NAV", "Sette opp faste trekk"]),
    "arbeid": ("Komme i jobb", "Lage CV", ["Skrive CV med tidgiver", "Melde meg på vikarbyrå"]),
    "fysisk_helse": ("Få bedre søvn og mer energi", "Gå tur hver dag", ["Finne en turvenn", "Time hos fastlegen"]),
    "psykisk_helse": ("Ha det bedre inni meg", "Snakke med noen", ["Time hos psykolog via fastlegen"]),
    "rusmestring": ("Holde meg rusfri", "Ha en plan for helgene", ["Gå på NA-møte", "Følge til LAR-samtale"]),
    "nettverk": ("Få venner som ikke ruser seg", "Være med på noe", ["Konsert uten alkohol med tidgiver"]),
    "familie": ("Få kontakt med barna igjen", "Møte barnevernet", ["Forberede samtalen"]),
    "fritid": ("Ha noe å gjøre på dagtid", "Finne en aktivitet", ["Prøve treningsgruppa"]),
    "rettigheter": ("Få nytt ID-kort", "Bestille time hos politiet", ["Følge til politiet"]),
    "rettssaker": ("Gjøre opp for meg", "Møte friomsorgen", ["Følge til møtet"]),
}


def _vurderinger(rng, nivaa, fritekst):
    rader = []
    for omrade in livsomrader.LIVSOMRADER:
        if rng.random() < 0.08:
            rader.append({"omrade": omrade.kode, "hoppet_over": rng.choice(["ikke_aktuelt", "vil_ikke_svare"])})
            continue
        egen = max(1, min(10, round(nivaa[omrade.kode])))
        rader.append(
            {
                "omrade": omrade.kode,
                "egen": egen,
                "ansatt": max(1, min(10, egen + rng.choice([-1, 0, 0, 1]))) if rng.random() < 0.5 else None,
                "viktig": egen <= 4 and rng.random() < 0.6,
                "onske": MAL[omrade.kode][0] if fritekst and egen <= 4 and rng.random() < 0.5 else "",
            }
        )
    return rader


def _screening(rng, kartlegging, instrument, fullstendig):
    definisjon = instrumenter.INSTRUMENTER[instrument]
    svar = {s.nr: rng.choice(sorted(s.gyldige_poeng())[:3]) for s in definisjon.sporsmal}
    if not fullstendig:
        svar.pop(len(definisjon.sporsmal))
    services.lagre_screening(kartlegging, instrument=instrument, svar=svar, av=None)


def _plan(rng, deltaker, kartlegging, idag, fritekst, ansatte):
    omrader = [r["omrade"] for r in kartlegging if r.get("viktig")] or ["arbeid"]
    plan = services.opprett_plan(
        deltaker,
        av=None,
        hovedmal=[
            {"tekst": MAL[kode][0] if fritekst else "", "livsomrade": kode, "tidgiver_kan_hjelpe": rng.random() < 0.4}
            for kode in omrader[:3]
        ],
    )
    start = max(deltaker.henvisning_dato, idag - timedelta(days=rng.randint(20, 150)))
    services.aktiver_plan(plan, versjon=plan.versjon, dato=start)
    services.endre_plan(
        plan,
        versjon=plan.versjon,
        evalueringsdato=idag + timedelta(days=rng.randint(-40, 80)),  # some are overdue
        gjennomgatt=start,
        deltakers_kommentar="Jeg vil ta det steg for steg." if fritekst and rng.random() < 0.3 else "",
    )
    for hovedmal in plan.hovedmal.all():
        _, delmaltekst, tiltakstekster = MAL[hovedmal.livsomrade]
        delmal = services.legg_til_delmal(hovedmal, versjon=plan.versjon, tekst=delmaltekst if fritekst else "")
        for tekst in tiltakstekster:
            ansvar = rng.choice(list(Tiltak.Ansvar.values[:3]) if ansatte else [Tiltak.Ansvar.DELTAKER])
            tiltak = services.legg_til_tiltak(
                delmal,
                versjon=plan.versjon,
                hva=tekst if fritekst else "",
                ansvar=ansvar,
                ansvarlig_ansatt=rng.choice(ansatte) if ansvar == Tiltak.Ansvar.ANSATT and ansatte else None,
                frist=max(start, idag + timedelta(days=rng.randint(-30, 60))),
            )
            utfall = rng.random()
            if utfall < 0.35:
                services.sett_tiltak_status(
                    tiltak,
                    versjon=plan.versjon,
                    status=Tiltak.Status.FULLFORT,
                    dato=max(start, idag - timedelta(days=5)),
                )
            elif utfall < 0.6:
                services.sett_tiltak_status(tiltak, versjon=plan.versjon, status=Tiltak.Status.PAGAR, dato=start)
        if rng.random() < 0.15:
            services.endre_hovedmal(
                hovedmal, versjon=plan.versjon, tekst=hovedmal.tekst, livsomrade=hovedmal.livsomrade,
                status=Malstatus.NADD, tidgiver_kan_hjelpe=hovedmal.tidgiver_kan_hjelpe, dato=idag - timedelta(days=3),
            )  # fmt: skip


def seed(stdout):
    from deltakere.models import KONTAKTPERSONROLLER, Bruker, Senter

    idag = timezone.localdate()
    antall = 0
    for senter in Senter.objects.order_by("navn"):
        ansatte = list(
            Bruker.objects.filter(
                medlemskap__senter=senter, medlemskap__sluttet__isnull=True, medlemskap__rolle__in=KONTAKTPERSONROLLER
            ).order_by("email")
        )
        if not Samtale.objects.filter(deltaker__senter=senter).exists():
            _samtaler_og_avtaler(random.Random(f"samtaler-{senter.navn}"), senter, ansatte, stdout)
        if not Telling.objects.filter(senter=senter).exists():
            _tellinger(random.Random(f"telling-{senter.navn}"), senter, idag)
        if Kartlegging.objects.filter(deltaker__senter=senter).exists():
            continue
        rng = random.Random(f"oppfolging-{senter.navn}")
        fritekst = senter.fritekst_tillatt
        for deltaker in Deltaker.objects.filter(senter=senter).exclude(status=Status.HENVIST).order_by("pk"):
            if rng.random() < 0.2:
                continue  # not everyone has been through a kartlegging
            nivaa = {o.kode: rng.uniform(2, 6) for o in livsomrader.LIVSOMRADER}
            forste = max(deltaker.henvisning_dato, idag - timedelta(days=rng.randint(60, 600)))
            dager = (idag - forste).days
            for i in range(rng.randint(1, 4)):
                dato = forste + timedelta(days=min(dager, i * rng.randint(60, 120)))
                if dato > idag:
                    break
                rader = _vurderinger(rng, nivaa, fritekst)
                kartlegging = services.registrer_kartlegging(
                    deltaker, dato=dato, utfort_av=rng.choice(ansatte) if ansatte else None, vurderinger=rader, av=None
                )
                antall += 1
                if i == 0 and rng.random() < 0.5:
                    _screening(rng, kartlegging, rng.choice(["audit", "dudit"]), fullstendig=rng.random() < 0.8)
                if rng.random() < 0.35:
                    _screening(rng, kartlegging, "who5", fullstendig=rng.random() < 0.85)
                # Most things get a little better over time, some get worse.
                nivaa = {kode: verdi + rng.uniform(-0.8, 1.6) for kode, verdi in nivaa.items()}
            if deltaker.status in (Status.AKTIV, Status.PAUSE) and rng.random() < 0.75:
                _plan(rng, deltaker, rader, idag, fritekst, ansatte)
    stdout.write(f"Demokartlegginger: {antall} nye.")


# ---------------------------------------------------------------------------
# Samtaler, appointments, morgenmøte tasks, drafts, the daily tally
# ---------------------------------------------------------------------------

NOTATER = [
    "Snakket om uka som har gått. Har holdt seg unna miljøet i helgen.",
    "Var innom kafeen, spiste middag. Virket sliten, sa at det er tungt med boligsituasjonen.",
    "Gikk gjennom brevet fra NAV sammen. Avtalte å ringe saksbehandler neste uke.",
    "Fortalte om ny kontakt med søsteren. Stolt av det.",
    "Kort prat ved døra. Har time hos fastlegen på torsdag.",
    "Fulgte til NAV-kontoret. Møtet gikk bra, søknaden er levert.",
]
NESTE_STEG = ["Ringe NAV sammen", "Møtes på kafeen torsdag", "Søke kommunal bolig", "Time hos fastlegen", ""]
OPPGAVER = [
    "Trenger hjelp med å søke om nytt bankkort.",
    "Spurte om hjelp til å finne fastlege.",
    "Vil gjerne ha en tidgiver å gå tur med.",
    "Trenger klær før jobbintervju.",
    "Har fått brev om husleierestanse, må følges opp.",
]
GJESTER = ["Mann i grønn jakke", "Lise", "Ung kvinne som kom med venninne", "Tor"]


def _tidspunkt(dag, rng):
    return timezone.make_aware(
        datetime.combine(dag, time(rng.choice([9, 10, 11, 12, 13, 14]), rng.choice([0, 15, 30])))
    )


def _samtaler_og_avtaler(rng, senter, ansatte, stdout):
    """A year of contact with the centre's active people: weekly for about a third, sporadic for the rest,
    and a few nobody has reached for a while (so "days since last contact" has something to flag)."""
    if not ansatte:
        return
    fritekst = senter.fritekst_tillatt
    motivasjon = senter.type == senter.Type.GATENAERT  # Kontaktsenteret's method (DESIGN.md)
    idag = timezone.localdate()
    na = timezone.now()
    deltakere = Deltaker.objects.filter(senter=senter, status=Status.AKTIV).select_related("senter")
    antall = 0
    for deltaker in deltakere.order_by("pk"):
        start = max(deltaker.henvisning_dato, idag - timedelta(days=365))
        rytme = rng.choice(["ukentlig", "sporadisk", "sporadisk", "sporadisk", "sporadisk", "stille"])
        if rytme == "stille":
            slutt = idag - timedelta(days=rng.randint(35, 90))  # nobody has reached them for a while
        else:
            slutt = idag - timedelta(days=rng.randint(0, 12))
        dag, fase = start, rng.randrange(3)
        while dag <= slutt:
            av = deltaker.primaerkontakt if deltaker.primaerkontakt in ansatte else rng.choice(ansatte)
            type_ = (
                Samtaletype.MOTIVASJON
                if motivasjon and rng.random() < 0.4
                else rng.choice(
                    [Samtaletype.OPPFOLGING, Samtaletype.OPPFOLGING, Samtaletype.UFORMELL, Samtaletype.UFORMELL]
                )
            )
            slag = Kontaktslag.FORSOK_IKKE_NADD if rng.random() < 0.08 else Kontaktslag.MED_PERSONEN
            data = {
                "type": type_,
                "kontaktslag": slag,
                "tidspunkt": _tidspunkt(dag, rng),
                "varighet": 5 if slag == Kontaktslag.FORSOK_IKKE_NADD else rng.choice([10, 15, 30, 45, 60]),
                "form": Samtaleform.TELEFON if slag == Kontaktslag.FORSOK_IKKE_NADD else rng.choice(list(Samtaleform)),
                "livsomrader": rng.sample([o.kode for o in livsomrader.LIVSOMRADER], rng.randint(0, 2)),
                "neste_steg": rng.choice(NESTE_STEG) if fritekst else "",
                "notat": rng.choice(NOTATER) if fritekst and slag == Kontaktslag.MED_PERSONEN else "",
            }
            if type_ == Samtaletype.MOTIVASJON:
                fase = min(fase + (1 if rng.random() < 0.3 else 0), 4)
                tilbakefall = rng.random() < 0.08
                data.update(
                    endringsfase=Endringsfase.TILBAKEFALL if tilbakefall else list(Endringsfase)[fase],
                    viktighet=min(10, 4 + fase + rng.randint(0, 2)),
                    mestringstro=min(10, 2 + fase + rng.randint(0, 2)),
                    sosionom_inn=rng.random() < 0.05,
                )
            if data["tidspunkt"] < na:
                services.registrer_samtale(deltaker, av=av, **data)
                antall += 1
            dag += timedelta(days=rng.randint(6, 9) if rytme == "ukentlig" else rng.randint(30, 80))
        # Appointments: some kept, some missed, and the next one ahead.
        for _ in range(rng.randint(0, 3)):
            tidspunkt = _tidspunkt(idag - timedelta(days=rng.randint(3, 200)), rng)
            if tidspunkt.date() < deltaker.henvisning_dato:
                continue
            avtale = services.ny_avtale(deltaker, tidspunkt=tidspunkt, form=Samtaleform.SAMTALEROM, av=ansatte[0],
                                        med=rng.choice(ansatte))  # fmt: skip
            services.sett_avtalestatus(
                avtale, status=Avtale.Status.UTEBLE if rng.random() < 0.25 else Avtale.Status.GJENNOMFORT
            )
        if rytme != "stille" and rng.random() < 0.6:
            neste = idag + timedelta(days=rng.randint(0, 13))
            services.ny_avtale(
                deltaker, tidspunkt=_tidspunkt(neste, rng), form=rng.choice([Samtaleform.SAMTALEROM, Samtaleform.KAFE]),
                av=ansatte[0], med=deltaker.primaerkontakt if deltaker.primaerkontakt in ansatte else None,
            )  # fmt: skip
    # Morgenmøte tasks: about people and about guests nobody has registered, some overdue.
    personer = list(deltakere.order_by("?")[:4])
    for i, hva in enumerate(OPPGAVER):
        services.ny_oppgave(
            senter, hva=hva, av=ansatte[0],
            deltaker=personer[i] if i < len(personer) and i % 2 == 0 else None,
            gjest="" if i < len(personer) and i % 2 == 0 else (GJESTER[i % len(GJESTER)] if fritekst else "Gjest"),
            tildelt=ansatte[i % len(ansatte)] if i != 2 else None,
            gruppe=Oppgave.Gruppe.MOTIVASJONSTEAM if i == 2 else "",
            frist=idag + timedelta(days=i * 3 - 4),
        )  # fmt: skip
    # A draft or two: a note begun and not saved, for the staff member who wrote it.
    for deltaker in personer[:2]:
        if fritekst:
            services.lagre_utkast(deltaker, bruker=ansatte[-1], data={
                "type": Samtaletype.OPPFOLGING, "notat": "Snakket om hvordan det går med leiligheten. Han sa at",
            })  # fmt: skip
    stdout.write(f"Demosamtaler ved {senter.navn}: {antall}.")


def _tellinger(rng, senter, idag):
    """The café's daily tally: a year of opening days (weekdays) at a low-threshold café, three months
    elsewhere."""
    from .tellinger import tellere_for

    tellere = [t.kode for t in tellere_for(senter)]
    dager = 365 if senter.type == senter.Type.GATENAERT else 90
    storrelse = 60 if senter.type == senter.Type.GATENAERT else 18
    rader = []
    for n in range(dager, 0, -1):
        dag = idag - timedelta(days=n)
        if dag.weekday() >= 5:
            continue
        besok = max(0, int(rng.gauss(storrelse, storrelse / 5)))
        verdier = {
            "besok": besok,
            "maltider": int(besok * rng.uniform(0.6, 0.9)),
            "nye_ansikter": rng.randint(0, 3),
            "samtaler": rng.randint(0, max(1, besok // 8)),
            "klesutdeling": rng.randint(0, 6),
            "dusj_vask": rng.randint(0, 8),
        }
        rader += [Telling(senter=senter, dato=dag, teller=t, antall=verdier[t]) for t in tellere if verdier[t]]
    # A year of days in one write, with change history, as `services.lagre_telling` writes one day.
    bulk_create_with_history(rader, Telling, batch_size=500)
