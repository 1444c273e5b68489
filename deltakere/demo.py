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


def demo_innlogginger():
    """(e-mail, description) of the demo logins, for `make demo` and the README."""
    rader = [(f"admin@{DEMO_DOMENE}", "superbruker (administrasjon)")]
    for brukernavn, _navn, medlemskap in DEMO_BRUKERE:
        roller = ", ".join(f"{rolle.label.lower()} ved {senter}" for senter, rolle in medlemskap)
        rader.append((f"{brukernavn}@{DEMO_DOMENE}", roller))
    return rader
