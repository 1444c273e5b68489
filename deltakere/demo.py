"""Demo centres and staff. The centres exist; every person is fictional."""

from .models import Bruker, Medlemskap, Rolle, Senter

DEMO_PASSORD = "Medvandrer-demo-2026"
DEMO_DOMENE = "medvandrer.test"

SENTRE = [
    ("Kalfarhuset oppfølgingssenter", "Bergen", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Barm oppfølgingssenter", "Hamar", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Jarlegården oppfølgingssenter", "Steinkjer", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Huset oppfølgingssenter", "Tromsø", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Tilja oppfølgingssenter", "Skien", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Crux oppfølgingssenter", "Sandnes", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Vindfanget oppfølgingssenter", "Os", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.METADATA),
    ("Bruhjørnet oppfølgingssenter", "Hokksund", Senter.Type.OPPFOLGINGSSENTER, Senter.Journalform.FULL),
    ("Kontaktsenteret", "Oslo", Senter.Type.GATENAERT, Senter.Journalform.METADATA),
    ("Steg for Steg Bergen", "Bergen", Senter.Type.STEG_FOR_STEG, Senter.Journalform.FULL),
]

# The demo logins, one per role; the veileder and the coordinator work at two centres.
DEMO_BRUKERE = [
    ("leder", "Hanne Aasheim", [("Kalfarhuset oppfølgingssenter", Rolle.LEDER)]),
    (
        "veileder",
        "Jonas Berntsen",
        [("Kalfarhuset oppfølgingssenter", Rolle.VEILEDER), ("Steg for Steg Bergen", Rolle.VEILEDER)],
    ),
    ("sosionom", "Amina Lund", [("Kalfarhuset oppfølgingssenter", Rolle.SOSIONOM)]),
    (
        "koordinator",
        "Petter Solli",
        [("Kalfarhuset oppfølgingssenter", Rolle.TIDGIVERKOORDINATOR), ("Kontaktsenteret", Rolle.TIDGIVERKOORDINATOR)],
    ),
]

# Everyday staff at every centre, so each has a leder, veiledere and a sosionom.
FORNAVN = ["Silje", "Ole", "Fatima", "Eirik", "Marte", "Ahmed", "Ingrid", "Tor", "Linn", "Kristoffer", "Nora", "Arne"]
ETTERNAVN = ["Hauge", "Strand", "Moen", "Ali", "Dahl", "Vik", "Lie", "Nygård", "Bakken", "Eide", "Sæther", "Holm"]
STAB_ROLLER = [Rolle.LEDER, Rolle.VEILEDER, Rolle.VEILEDER, Rolle.SOSIONOM]


def _slug(tekst):
    tabell = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "-"})
    return tekst.lower().translate(tabell)


def _bruker(email, navn, **extra):
    bruker, opprettet = Bruker.objects.get_or_create(email=email, defaults={"navn": navn, **extra})
    if opprettet:
        bruker.set_password(DEMO_PASSORD)
        bruker.save(update_fields=["password"])
    return bruker


def _medlem(bruker, senter, rolle):
    Medlemskap.objects.get_or_create(bruker=bruker, senter=senter, defaults={"rolle": rolle})


def seed(stdout):
    sentre = {}
    for navn, kommune, type_, journalform in SENTRE:
        sentre[navn], _ = Senter.objects.get_or_create(
            navn=navn, defaults={"kommune": kommune, "type": type_, "journalform": journalform}
        )

    _bruker(f"admin@{DEMO_DOMENE}", "Driftsansvarlig Demo", is_staff=True, is_superuser=True)
    for brukernavn, navn, medlemskap in DEMO_BRUKERE:
        bruker = _bruker(f"{brukernavn}@{DEMO_DOMENE}", navn)
        for senternavn, rolle in medlemskap:
            _medlem(bruker, sentre[senternavn], rolle)

    for i, senter in enumerate(sentre.values()):
        for j, rolle in enumerate(STAB_ROLLER):
            fornavn = FORNAVN[(i + j * 5) % len(FORNAVN)]
            etternavn = ETTERNAVN[(i * 3 + j) % len(ETTERNAVN)]
            email = f"{_slug(fornavn)}.{_slug(etternavn)}.{i}{j}@{DEMO_DOMENE}"
            _medlem(_bruker(email, f"{fornavn} {etternavn}"), senter, rolle)

    stdout.write(f"Demodata for {len(sentre)} sentre er på plass.")
    seed_deltakere(stdout)


def demo_innlogginger():
    """(e-mail, description) of the demo logins, for `make demo` and the README."""
    rader = [(f"admin@{DEMO_DOMENE}", "superbruker (administrasjon)")]
    for brukernavn, _navn, medlemskap in DEMO_BRUKERE:
        roller = ", ".join(f"{rolle.label.lower()} ved {senter}" for senter, rolle in medlemskap)
        rader.append((f"{brukernavn}@{DEMO_DOMENE}", roller))
    return rader


# ---------------------------------------------------------------------------
# About 40 fictional deltakere per centre, across all statuses, with plausible histories.
# ---------------------------------------------------------------------------

DELTAKER_FORNAVN = [
    "Anders", "Bente", "Camilla", "Dag", "Elin", "Frode", "Gro", "Hassan", "Ida", "Jan", "Kari", "Leif",
    "Mona", "Nils", "Oda", "Per", "Rune", "Siri", "Terje", "Unni", "Vidar", "Wenche", "Yusuf", "Åse",
    "Bjørn", "Cecilie", "Espen", "Hilde", "Ivar", "Janne", "Kjetil", "Line", "Morten", "Nina", "Ove",
    "Randi", "Stian", "Tone", "Geir", "Marius",
]  # fmt: skip
DELTAKER_ETTERNAVN = [
    "Aasen", "Berg", "Christensen", "Dahle", "Engen", "Fjeld", "Gundersen", "Haugland", "Iversen",
    "Johnsen", "Karlsen", "Larsen", "Myhre", "Nilsen", "Olsen", "Pedersen", "Rønning", "Sandvik",
    "Thorsen", "Ulriksen", "Vangen", "Wold", "Ødegård", "Aune", "Brekke", "Eriksen", "Hagen", "Jakobsen",
]  # fmt: skip
KALLENAVN = ["Kaffe-Per", "Lillebror", "Tuppa", "Sjefen", "Gitar-Jan", "Mamma Mø", "Rocky", "Professoren"]
INTERESSER = [
    "Vil lage CV og melde seg på vikarbyrå.",
    "Liker å gå turer i marka, gjerne med noen.",
    "Spiller gitar; vil gå på konsert uten alkohol.",
    "Fiske og friluftsliv.",
    "Vil lære å lage mat og handle billig.",
    "Fotball på TV og trening på treningssenter.",
    "Tegner og maler; vil ha hjelp med portefølje.",
    "Ønsker følge til NAV og hjelp med søknader.",
]
HENVISERE = {
    "nav": "NAV {kommune}",
    "kriminalomsorgen": "Friomsorgen {kommune}",
    "fengsel": "Bergen fengsel",
    "behandling": "Behandlingsinstitusjon",
    "lar": "LAR {kommune}",
    "kommune": "Rus- og psykisk helsetjeneste, {kommune} kommune",
    "fastlege": "Fastlegekontoret",
}
STATUSFORDELING = ["henvist"] * 4 + ["aktiv"] * 22 + ["pause"] * 5 + ["avsluttet"] * 7 + ["gjenopptatt"] * 2


def seed_deltakere(stdout):
    """Idempotent per centre: a centre that already has deltakere is left as it is."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from .models import (
        Avslutningsarsak,
        Bosituasjon,
        Deltaker,
        Henvisningskilde,
        Inntekt,
        Kjonn,
        Kontaktform,
        Kontaktpersonendring,
        Nettverkskontakt,
        Samtykke,
        Situasjonsendring,
        Soningsforhold,
        Status,
        Statusendring,
    )

    idag = timezone.localdate()
    for senter in Senter.objects.order_by("navn"):
        if Deltaker.objects.filter(senter=senter).exists():
            continue
        rng = random.Random(senter.navn)
        stab = list(
            Bruker.objects.filter(
                medlemskap__senter=senter, medlemskap__rolle__in=[Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER]
            ).order_by("email")
        )
        for i, forlop in enumerate(STATUSFORDELING):
            fornavn = DELTAKER_FORNAVN[(i * 7 + len(senter.navn)) % len(DELTAKER_FORNAVN)]
            etternavn = DELTAKER_ETTERNAVN[(i * 5 + len(senter.kommune)) % len(DELTAKER_ETTERNAVN)]
            start = idag - timedelta(days=rng.randint(20, 700))
            kilde = rng.choice(list(Henvisningskilde))
            bo_start = rng.choice(
                [Bosituasjon.BOSTEDSLOS, Bosituasjon.MIDLERTIDIG, Bosituasjon.INSTITUSJON, Bosituasjon.FENGSEL,
                 Bosituasjon.FAMILIE_VENNER, Bosituasjon.KOMMUNAL_BOLIG]
            )  # fmt: skip
            inntekt_start = rng.choice([Inntekt.SOSIALHJELP, Inntekt.AAP, Inntekt.INGEN, Inntekt.UFORETRYGD])
            primaer, sekundaer = rng.sample(stab, 2) if len(stab) >= 2 else (None, None)
            d = Deltaker.objects.create(
                senter=senter,
                fornavn=fornavn,
                etternavn=etternavn,
                kallenavn=KALLENAVN[i % len(KALLENAVN)] if i % 6 == 0 else "",
                fodselsaar=rng.randint(1962, 2004),
                kjonn=rng.choice(list(Kjonn)),
                telefon=f"9{rng.randint(0, 9999999):07d}" if i % 4 else "",
                kontaktform=rng.choice(list(Kontaktform)),
                interesser=rng.choice(INTERESSER),
                bosituasjon_ved_start=bo_start,
                inntekt_ved_start=inntekt_start,
                bosituasjon=bo_start,
                inntekt=inntekt_start,
                lar=rng.random() < 0.25,
                i_behandling=rng.random() < 0.2,
                soningsforhold=rng.choice(
                    [Soningsforhold.INGEN] * 6 + [Soningsforhold.PARAGRAF_12, Soningsforhold.PROVELOSLATT]
                ),  # fmt: skip
                henvisning_kilde=kilde,
                henvisning_dato=start,
                henvisende_instans=HENVISERE.get(kilde, "").format(kommune=senter.kommune),
                primaerkontakt=primaer,
                andrekontakt=sekundaer,
                status=Status.HENVIST,
                status_fra=start,
                samarbeidsavtale_signert=start + timedelta(days=14) if forlop != "henvist" else None,
                samarbeidsavtale_notat=(
                    "Senteret hjelper med å finne bolig, følge til NAV og å bygge nettverk. "
                    "Senteret gir ikke behandling og kan ikke skaffe penger."
                    if forlop != "henvist"
                    else ""
                ),
            )
            Statusendring.objects.create(deltaker=d, til_status=Status.HENVIST, dato=start, registrert_av=primaer)
            Situasjonsendring.objects.create(
                deltaker=d, dato=start, bosituasjon=bo_start, inntekt=inntekt_start, lar=d.lar,
                i_behandling=d.i_behandling, soningsforhold=d.soningsforhold, registrert_av=primaer,
            )  # fmt: skip
            Kontaktpersonendring.objects.create(
                deltaker=d, dato=start, primaerkontakt=primaer, andrekontakt=sekundaer, registrert_av=primaer
            )
            Samtykke.objects.create(
                deltaker=d, type=Samtykke.Type.REGISTRERING, form=Samtykke.Form.SKRIFTLIG, dato=start,
                registrert_av=primaer,
            )  # fmt: skip
            if i % 3 != 2:
                Samtykke.objects.create(
                    deltaker=d, type=Samtykke.Type.STATISTIKK, form=Samtykke.Form.SKRIFTLIG, dato=start,
                    registrert_av=primaer,
                )  # fmt: skip
            if i % 2 == 0:
                Samtykke.objects.create(
                    deltaker=d, type=Samtykke.Type.DELE_MED_TIDGIVER, form=Samtykke.Form.MUNTLIG, dato=start,
                    registrert_av=primaer, trukket=start + timedelta(days=10) if i % 10 == 0 else None,
                )  # fmt: skip
            nav = Nettverkskontakt.objects.create(
                deltaker=d, rolle=Nettverkskontakt.Rolle.NAV, navn=f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}",
                relasjon=f"NAV {senter.kommune}", telefon="55553333", i_ansvarsgruppe=i % 3 == 0,
            )  # fmt: skip
            if i % 5 != 4:
                Samtykke.objects.create(
                    deltaker=d, type=Samtykke.Type.KONTAKT_INSTANS, gjelder=nav, form=Samtykke.Form.SKRIFTLIG,
                    dato=start, registrert_av=primaer,
                )  # fmt: skip
            if i % 4 == 1:
                Nettverkskontakt.objects.create(
                    deltaker=d, rolle=Nettverkskontakt.Rolle.PARORENDE, navn=f"{rng.choice(FORNAVN)} {etternavn}",
                    relasjon=rng.choice(["mor", "søster", "bror", "far", "tante"]),
                )  # fmt: skip

            # The history after intake.
            naa, dato = Status.HENVIST, start
            steg = {
                "henvist": [],
                "aktiv": [Status.AKTIV],
                "pause": [Status.AKTIV, Status.PAUSE],
                "avsluttet": [Status.AKTIV, Status.AVSLUTTET],
                "gjenopptatt": [Status.AKTIV, Status.AVSLUTTET, Status.AKTIV],
            }[forlop]
            for til in steg:
                dato = min(idag, dato + timedelta(days=rng.randint(3, 90)))
                ekstra = {}
                if til == Status.AVSLUTTET:
                    ekstra = {
                        # Somebody who comes back later was not ended by death.
                        "arsak": rng.choice(
                            [a for a in Avslutningsarsak if a != Avslutningsarsak.OVERFORT]
                            if forlop == "avsluttet"
                            else [Avslutningsarsak.ONSKET_SELV, Avslutningsarsak.IKKE_KONTAKT, Avslutningsarsak.FLYTTET]
                        ),
                        "avslutningssamtale": dato - timedelta(days=7),
                        "apen_dor_til": dato + timedelta(days=90),
                    }
                Statusendring.objects.create(
                    deltaker=d, fra_status=naa, til_status=til, dato=dato, registrert_av=primaer, **ekstra
                )
                naa = til
            if forlop in ("aktiv", "avsluttet", "gjenopptatt") and rng.random() < 0.5:
                bedre = rng.choice([Bosituasjon.EGEN_BOLIG, Bosituasjon.KOMMUNAL_BOLIG])
                ny_inntekt = rng.choice([Inntekt.ARBEID, Inntekt.AAP, inntekt_start])
                Situasjonsendring.objects.create(
                    deltaker=d, dato=min(idag, start + timedelta(days=rng.randint(30, 200))), bosituasjon=bedre,
                    inntekt=ny_inntekt, lar=d.lar, i_behandling=d.i_behandling, soningsforhold="",
                    registrert_av=primaer,
                )  # fmt: skip
                d.bosituasjon, d.inntekt, d.soningsforhold = bedre, ny_inntekt, ""
            d.status, d.status_fra = naa, dato
            d.save()
    stdout.write(f"Demodeltakere: {Deltaker.objects.count()} i alt.")
