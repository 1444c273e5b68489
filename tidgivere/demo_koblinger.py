"""Demo data for matching: wishes for some deltakere, and matches in every state with dated steps, check-ins and
activities with hours. Made through the services (so the hard rules hold: only consenting, active people and
tidgivere through the gate); every person fictional. Run after the tidgiver demo; idempotent per centre.
About a third of those who may be matched are left waiting, for the board."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from deltakere.models import Deltaker, Senter

from . import katalog, selectors, services
from .models import Kobling, Koblingsstatus, Sluttarsak, Tidgiveronske

STEDER = ["Bergen / Bergenhus", "Bergen / Årstad", "Bergen / Fana", "Oslo / Sagene", "Oslo / Grünerløkka", "Tromsø"]
# The state each demo match ends in, and how many days ago it was proposed.
FORLOP = [
    (Koblingsstatus.FORESLATT, 5),
    (Koblingsstatus.TILBUDT, 12),
    (Koblingsstatus.AKSEPTERT, 20),
    (Koblingsstatus.FORSTE_MOTE, 25),
    (Koblingsstatus.AKTIV, 120),
    (Koblingsstatus.PAUSE, 200),
    (Koblingsstatus.AVSLUTNINGSSAMTALE, 300),
    (Koblingsstatus.AVSLUTTET, 380),
    (Koblingsstatus.AVSLATT, 40),
    (Koblingsstatus.AKTIV, 430),
    (Koblingsstatus.AKTIV, 60),
    (Koblingsstatus.AVSLUTTET, 250),
]
VEI = [
    Koblingsstatus.FORESLATT,
    Koblingsstatus.TILBUDT,
    Koblingsstatus.AKSEPTERT,
    Koblingsstatus.FORSTE_MOTE,
    Koblingsstatus.AKTIV,
]


def seed(stdout):
    idag = timezone.localdate()
    for senter in Senter.objects.order_by("navn"):
        if Kobling.objects.filter(deltaker__senter=senter).exists():
            continue
        rng = random.Random(f"koblinger-{senter.navn}")
        deltakere = list(Deltaker.objects.kan_matches().filter(senter=senter).order_by("pk"))
        for d in deltakere:
            if rng.random() < 0.7 and not Tidgiveronske.objects.filter(deltaker=d).exists():
                services.lagre_onsker(
                    d,
                    versjon=0,
                    interesser=rng.sample([k for k, _ in katalog.AKTIVITETER], rng.randint(1, 3)),
                    tilgjengelighet=rng.sample(katalog.TIDER, rng.randint(2, 6)),
                    kommune=rng.choice(STEDER),
                    sprak=["norsk"] + (["engelsk"] if rng.random() < 0.3 else []),
                    kjonn=rng.choice(["", "", "", "kvinne", "mann"]),
                    alder_fra=rng.choice([None, None, 25]),
                    alder_til=rng.choice([None, None, 70]),
                    erfaringskompetanse=rng.choice(["", "", "onsket", "ikke_onsket"]),
                )
        antall = 0
        # Every state first, then more matches while two thirds of the people have had one.
        for d, (slutt, dager) in zip(deltakere[: max(9, 2 * len(deltakere) // 3)], FORLOP, strict=False):
            if _kobling(rng, senter, d, slutt, idag - timedelta(days=dager), idag):
                antall += 1
        venter = len(selectors.ventende(senter))
        stdout.write(f"  {senter}: {antall} koblinger, {venter} venter på tidgiver")


def _kobling(rng, senter, deltaker, slutt, start, idag):
    profil = selectors.deltakerprofil(deltaker)
    tidgivere, profiler = selectors.tidgivere_og_profiler(senter, dato=start, bare_mulige=True)
    mulige = [t for t, p in zip(tidgivere, profiler, strict=True) if t.pk not in profil.pagaende]
    if not mulige:
        return None
    tidgiver = rng.choice(mulige)
    k = services.foreslaa(deltaker, tidgiver, dato=start)
    vei = VEI if slutt not in (Koblingsstatus.FORESLATT, Koblingsstatus.AVSLATT) else [Koblingsstatus.FORESLATT]
    if slutt in VEI:
        vei = VEI[: VEI.index(slutt) + 1]
    dato = start
    for til in vei[1:]:
        dato = min(dato + timedelta(days=rng.randint(2, 6)), idag)
        mote = dato + timedelta(days=3) if til == Koblingsstatus.FORSTE_MOTE else None
        services.neste_steg(k, versjon=k.versjon, til=til, dato=dato, forste_mote=mote)
    if slutt == Koblingsstatus.AVSLATT:
        services.neste_steg(k, versjon=k.versjon, til=slutt, dato=min(start + timedelta(days=4), idag))
        return k
    if slutt in VEI[:-1]:
        return k
    # Under way: activities and check-ins from the start until now (or the end).
    aktiv_fra = k.aktiv_fra
    slutt_dato = idag - timedelta(days=rng.randint(5, 20)) if slutt == Koblingsstatus.AVSLUTTET else idag
    dag = aktiv_fra
    while dag < slutt_dato - timedelta(days=7):
        dag += timedelta(days=rng.randint(7, 21))
        if dag > slutt_dato:
            break
        type_ = rng.choice(tidgiver.aktiviteter or ["kafe_prat"])
        utlegg = Decimal(rng.choice([0, 0, 0, 120, 250, 390])) if type_ == "kultur_konsert" else Decimal(0)
        services.ny_aktivitet(k, dato=dag, timer=Decimal(rng.choice(["1.5", "2", "2.5", "3"])), type=type_,
                                      utlegg=utlegg)  # fmt: skip
    frist = aktiv_fra
    while True:  # check-ins on time, except that the newest matches are left with one due
        frist = selectors.neste_innsjekk(aktiv_fra, frist)
        if frist > slutt_dato - timedelta(days=rng.randint(0, 25)):
            break
        for med in ("deltaker", "tidgiver"):
            services.ny_innsjekk(k, med=med, dato=frist)
    if slutt in (Koblingsstatus.PAUSE, Koblingsstatus.AVSLUTNINGSSAMTALE, Koblingsstatus.AVSLUTTET):
        dato = slutt_dato - timedelta(days=3) if slutt == Koblingsstatus.AVSLUTTET else slutt_dato
        til = Koblingsstatus.AVSLUTNINGSSAMTALE if slutt != Koblingsstatus.PAUSE else Koblingsstatus.PAUSE
        services.neste_steg(k, versjon=k.versjon, til=til, dato=dato)
        if slutt == Koblingsstatus.AVSLUTTET:
            arsak = rng.choice([Sluttarsak.MAL_NADD, Sluttarsak.DELTAKER_ONSKET, Sluttarsak.DARLIG_MATCH])
            services.neste_steg(k, versjon=k.versjon, til=slutt, dato=slutt_dato, arsak=arsak)
    return k
