"""Demo tidgivere (every person fictional): 15–50 per centre, in every state of the process, some with a
politiattest about to expire, and the centre's samlinger with attendance. Made through the services, so the
status history is dated and the gate is passed as on the pages. Idempotent per centre: a centre that already has
tidgivere is left as it is."""

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from deltakere.models import Medlemskap, Rolle, Senter

from . import demo_koblinger, katalog, services
from .models import Avslutningsarsak, Samling, Status, Tidgiver, legg_til_maneder

FORNAVN = [
    "Astrid", "Bjørn", "Camilla", "Dag", "Eirin", "Frode", "Gunn", "Harald", "Ida", "Jon", "Kari", "Leif", "Marit",
    "Nils", "Oda", "Pål", "Ragnhild", "Sindre", "Tone", "Ulf", "Vigdis", "Øystein", "Åse", "Yasmin", "Tomasz",
    "Amal", "Jonas", "Liv", "Mats", "Sunniva",
]  # fmt: skip
ETTERNAVN = [
    "Aas", "Bakke", "Dahl", "Eide", "Fjeld", "Garmo", "Hauge", "Jensen", "Kvam", "Lie", "Moe", "Nygård", "Opsahl",
    "Rønning", "Sand", "Tveit", "Vik", "Ødegård", "Ali", "Nowak",
]  # fmt: skip
YRKER = [
    ("Snekker", ["snekker", "verktøy"]), ("Grafisk designer", ["grafisk design", "foto"]),
    ("Sykepleier", ["helse", "førstehjelp"]), ("Pensjonert lærer", ["lesing", "lekser"]),
    ("Kokk", ["matlaging", "budsjett"]), ("IT-konsulent", ["data", "mobil"]), ("Student", ["fotball", "gitar"]),
    ("Regnskapsfører", ["økonomi", "skjemaer"]), ("Bussjåfør", ["fiske", "bil"]), ("Musiker", ["gitar", "sang"]),
]  # fmt: skip
BYDELER = ["Sentrum", "Nord", "Sør", "Øst", "Vest", "Sentrum", "Nord"]
TEMAER = ["Å møte folk der de er", "Rus og skam", "Taushetsplikt i praksis", "Grensesetting", "Tilbakefall"]
# The life of each demo tidgiver, in order: how far they came.
FORLOP = [
    [Status.INTERESSERT],
    [Status.INTERESSERT, Status.INTERVJU],
    [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT],
    [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT, Status.AKTIV],
    [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT, Status.AKTIV],
    [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT, Status.AKTIV],
    [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT, Status.AKTIV, Status.PAUSE],
    [Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT, Status.AKTIV, Status.AVSLUTTET],
    [Status.INTERESSERT, Status.AVSLUTTET],
]


def seed(stdout):
    idag = timezone.localdate()
    for senter in Senter.objects.order_by("navn"):
        if Tidgiver.objects.filter(senter=senter).exists():
            continue
        rng = random.Random(f"tidgivere-{senter.navn}")
        ansatte = [
            m.bruker
            for m in Medlemskap.objects.filter(
                senter=senter, sluttet__isnull=True, rolle__in=[Rolle.LEDER, Rolle.TIDGIVERKOORDINATOR]
            ).select_related("bruker")
        ]
        antall = rng.randint(15, 50)
        kurs = services.opprett_samling(
            senter=senter, type=Samling.Type.INTRODUKSJONSKURS, dato=idag - timedelta(days=400), tema="Introduksjon"
        )
        tidgivere = [_tidgiver(rng, senter, nr, idag, ansatte) for nr in range(antall)]
        # Those who got that far took the course: the attendance marks it completed.
        services.registrer_oppmote(
            kurs, tidgiver_ids=[t.pk for t in tidgivere if t.taushetserklaering_signert], av=None
        )
        for t in tidgivere:
            t.refresh_from_db()  # the course's date and version, set through the attendance
            _statuser(rng, t, idag)
        for i, type_ in enumerate([Samling.Type.TEMAKVELD, Samling.Type.TIDGIVERSAMLING, Samling.Type.TEMAKVELD]):
            samling = services.opprett_samling(
                senter=senter, type=type_, dato=idag - timedelta(days=30 + 60 * i), tema=rng.choice(TEMAER)
            )
            aktive = [t.pk for t in tidgivere if t.status in (Status.AKTIV, Status.PAUSE) and rng.random() < 0.6]
            services.registrer_oppmote(samling, tidgiver_ids=aktive, av=None)
        services.opprett_samling(
            senter=senter, type=Samling.Type.INTRODUKSJONSKURS, dato=idag + timedelta(days=21), tema="Neste kull"
        )
        stdout.write(f"  {senter}: {antall} tidgivere")
    demo_koblinger.seed(stdout)  # matches, after the tidgivere they use


def _tidgiver(rng, senter, nr, idag, ansatte):
    forlop = FORLOP[nr % len(FORLOP)]
    yrke, ferdigheter = rng.choice(YRKER)
    aktiviteter = rng.sample([kode for kode, _ in katalog.AKTIVITETER], rng.randint(1, 4))
    start = idag - timedelta(days=rng.randint(420, 900))
    if Status.AKTIV in forlop and nr % 4 == 1:  # with us for three years: the politiattest is about to expire
        start = idag - timedelta(days=rng.randint(1130, 1200))
    data = {
        "navn": f"{FORNAVN[(nr * 7 + len(senter.navn)) % len(FORNAVN)]} {rng.choice(ETTERNAVN)}",
        "telefon": f"9{rng.randint(1000000, 9999999)}",
        "kommune": f"{senter.kommune} {rng.choice(BYDELER).lower()}",
        "fodselsaar": rng.randint(1950, 2003),
        "kjonn": rng.choice(["kvinne", "mann", "kvinne", "annet", "ikke_oppgitt"]),
        "sprak": ["norsk"] + rng.sample(["engelsk", "polsk", "arabisk", "somali", "svensk"], rng.randint(0, 2)),
        "yrke": yrke,
        "ferdigheter": ferdigheter,
        "interesser": rng.sample([kode for kode, _ in katalog.AKTIVITETER], rng.randint(1, 3)),
        "aktiviteter": aktiviteter,
        "tilgjengelighet": sorted(rng.sample(katalog.TIDER, rng.randint(2, 8)), key=katalog.TIDER.index),
        "kapasitet": rng.choice([1, 1, 1, 2, 2, 3]),
        "erfaringskompetanse": rng.random() < 0.35,
        "motivasjonsteam": rng.random() < 0.2,
        "velkomstgruppe": rng.random() < 0.25,
    }
    data["vil_at_det_er_kjent"] = data["erfaringskompetanse"] and rng.random() < 0.6
    av = rng.choice(ansatte) if ansatte else None
    if Status.INTERVJU in forlop:
        data |= {"intervju1_dato": start + timedelta(days=10), "intervju1_av": av}
        if senter.fritekst_tillatt:
            data["intervju1_vurdering"] = "Rolig og trygg. Har god erfaring med å lytte."
    if Status.GODKJENT in forlop:
        data |= {"intervju2_dato": start + timedelta(days=24), "intervju2_av": av}
        data["referanser_sjekket"] = start + timedelta(days=30)
        attest = start + timedelta(days=35)
        if Status.AKTIV in forlop and nr % 4 == 1:  # seen almost the validity period ago
            attest = legg_til_maneder(idag, -settings.POLITIATTEST_GYLDIG_MANEDER) + timedelta(days=rng.randint(5, 55))
        data["politiattest_sett"] = attest
        if forlop[-1] != Status.GODKJENT or nr % 2 == 0:  # some approved ones still miss this
            data["taushetserklaering_signert"] = start + timedelta(days=36)
        if Status.AKTIV in forlop:
            data["tidgivermappe_utlevert"] = start + timedelta(days=40)
    tidgiver = services.opprett_tidgiver(senter=senter, data=data, status_dato=start, av=av)
    tidgiver._forlop = forlop
    tidgiver._start = start
    return tidgiver


def _statuser(rng, tidgiver, idag):
    """Walk the tidgiver along their life (after the first status), each step dated after the one before."""
    datoer = {
        Status.INTERVJU: tidgiver._start + timedelta(days=10),
        Status.GODKJENT: tidgiver._start + timedelta(days=30),
        Status.AKTIV: max(tidgiver._start + timedelta(days=45), idag - timedelta(days=399)),
        Status.PAUSE: idag - timedelta(days=rng.randint(10, 100)),
        Status.AVSLUTTET: idag - timedelta(days=rng.randint(10, 100)),
    }
    for til in tidgiver._forlop[1:]:
        if til == Status.AVSLUTTET and Status.AKTIV not in tidgiver._forlop:
            dato, arsak = tidgiver._start + timedelta(days=20), Avslutningsarsak.IKKE_GODKJENT
        else:
            dato, arsak = datoer[til], rng.choice([Avslutningsarsak.TIDSMANGEL, Avslutningsarsak.FLYTTET])
        services.endre_status(tidgiver, versjon=tidgiver.versjon, til=til, dato=dato, arsak=arsak, av=None)
