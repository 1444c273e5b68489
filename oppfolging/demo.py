"""Demo data for the follow-up work: kartlegginger over time with plausible change, some screenings (complete
and incomplete), and tiltaksplaner, some of them overdue. Made through the services; every person fictional.
Idempotent per centre: a centre that already has kartlegginger is left as it is."""

import random
from datetime import timedelta

from django.utils import timezone

from deltakere.models import Deltaker, Status

from . import instrumenter, livsomrader, services
from .models import Kartlegging, Malstatus, Tiltak

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
        if Kartlegging.objects.filter(deltaker__senter=senter).exists():
            continue
        rng = random.Random(f"oppfolging-{senter.navn}")
        fritekst = senter.fritekst_tillatt
        ansatte = list(
            Bruker.objects.filter(
                medlemskap__senter=senter, medlemskap__sluttet__isnull=True, medlemskap__rolle__in=KONTAKTPERSONROLLER
            ).order_by("email")
        )
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
