"""How fast the register page answers with 5,000 people at a centre (and 5,000 at another).

Run from the project folder:

    .venv/bin/python benchmarks/register_sok.py

It builds a throwaway SQLite database in a temporary folder (never the demo's db.sqlite3),
fills it with fictional people, and renders the register through Django's test Client as a
signed-in veileder: the median of 20 runs per case, and the number of queries. Not part of the
test suite. See docs/benchmarks.md for results.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROSJEKT = Path(__file__).resolve().parent.parent
PER_SENTER = 5_000
RUNDER = 20

FORNAVN = [
    "Tiril", "Sander", "Maja", "Mads", "Marius", "Martine", "Mathilde", "Jonas", "Ylva", "Elias", "Hedda",
    "Kasper", "Ingrid", "Olav", "Sigrid", "Tobias", "Nora", "Henrik", "Live", "Aksel", "Frida", "Eirik",
    "Sunniva", "Vetle", "Ragnhild", "Torstein", "Aurora", "Brage", "Embla", "Gaute",
]  # fmt: skip
ETTERNAVN = [
    "Testesen", "Prøvlie", "Eksempelrud", "Fiktivdal", "Demoberg", "Oppdiktet", "Tenkevik", "Liksomhaug",
    "Påstandnes", "Modellund", "Utkastmo", "Skissebakk",
]  # fmt: skip
KALLENAVN = ["Fjellrev", "Tutta", "Sandy", "Bamsen", "Kvitten", "Ravn", "Lillegull", "Sjefen"]

TILFELLER = [
    ("veileder, uten søk", "veileder", {}, {}),
    ("veileder, kallenavn «Fjellrev»", "veileder", {"q": "Fjellrev"}, {}),
    ("veileder, vanlig fornavnsstart «ma»", "veileder", {"q": "ma"}, {}),
    ("veileder, «ma», bare treff (htmx)", "veileder", {"q": "ma"}, {"HX-Request": "true"}),
    ("veileder, siste side", "veileder", {"side": "200"}, {}),
    ("veileder, sortert på status", "veileder", {"sorter": "status"}, {}),
    ("koordinator, uten søk", "koordinator", {}, {}),
]


def main():
    with tempfile.TemporaryDirectory(prefix="medvandrer-benchmark-") as mappe:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(mappe) / 'benchmark.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        os.environ["DEBUG"] = "true"  # demo settings (static files from the folder), no second factor
        os.environ["REQUIRE_2FA"] = "false"
        sys.path.insert(0, str(PROSJEKT))

        import django

        django.setup()

        from django.conf import settings
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        setup_test_environment()
        settings.DEBUG = False  # templates as in production (no debug info); set before the first render
        call_command("migrate", verbosity=0)
        brukere = fyll_databasen()
        maal(brukere)


def fyll_databasen():
    from django_scopes import scopes_disabled

    from deltakere.models import (
        Bosituasjon,
        Bruker,
        Deltaker,
        Henvisningskilde,
        Inntekt,
        Medlemskap,
        Rolle,
        Samtykke,
        Senter,
        Status,
    )

    tilfeldig = random.Random(2026)
    start = time.perf_counter()
    with scopes_disabled():
        senter = Senter.objects.create(navn="Fjordhuset oppfølgingssenter", kommune="Bergen")
        annet = Senter.objects.create(navn="Elvegården oppfølgingssenter", kommune="Tromsø")
        ansatte = []
        for n in range(6):
            bruker = Bruker.objects.create_user(email=f"veileder{n}@medvandrer.test", navn=f"Veileder Nummer{n}")
            Medlemskap.objects.create(bruker=bruker, senter=senter, rolle=Rolle.VEILEDER)
            ansatte.append(bruker)
        koordinator = Bruker.objects.create_user(email="koordinator@medvandrer.test", navn="Kari Koordinator")
        Medlemskap.objects.create(bruker=koordinator, senter=senter, rolle=Rolle.TIDGIVERKOORDINATOR)
        fremmed = Bruker.objects.create_user(email="annen@medvandrer.test", navn="Annen Veileder")
        Medlemskap.objects.create(bruker=fremmed, senter=annet, rolle=Rolle.VEILEDER)

        for sted, kontakter in ((senter, ansatte), (annet, [fremmed])):
            Deltaker.objects.bulk_create(
                (
                    Deltaker(
                        senter=sted,
                        fornavn=tilfeldig.choice(FORNAVN),
                        etternavn=f"{tilfeldig.choice(ETTERNAVN)}{n}",
                        kallenavn=tilfeldig.choice(KALLENAVN) if n % 7 == 0 else "",
                        fodselsaar=tilfeldig.randint(1950, 2005),
                        bosituasjon_ved_start=Bosituasjon.MIDLERTIDIG,
                        inntekt_ved_start=Inntekt.SOSIALHJELP,
                        bosituasjon=tilfeldig.choice(Bosituasjon.values),
                        inntekt=tilfeldig.choice(Inntekt.values),
                        henvisning_kilde=tilfeldig.choice(Henvisningskilde.values),
                        henvisning_dato=date(2025, 1, 1),
                        status=tilfeldig.choice(Status.values),
                        primaerkontakt=tilfeldig.choice(kontakter),
                    )
                    for n in range(PER_SENTER)
                ),
                batch_size=1000,
            )
        # Every other person at the centre consents to sharing with a tidgiver (the koordinator's list).
        Samtykke.objects.bulk_create(
            (
                Samtykke(deltaker_id=pk, type=Samtykke.Type.DELE_MED_TIDGIVER, form="skriftlig", dato=date(2025, 1, 1))
                for pk in Deltaker.objects.filter(senter=senter).values_list("pk", flat=True)[::2]
            ),
            batch_size=1000,
        )
        print(
            f"Fylte databasen på {time.perf_counter() - start:.1f} s: {Deltaker.objects.count()} deltakere, "
            f"{Samtykke.objects.count()} samtykker."
        )
    return {"veileder": ansatte[0], "koordinator": koordinator}


def maal(brukere):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    klienter = {}
    for navn, bruker in brukere.items():
        klienter[navn] = Client()
        klienter[navn].force_login(bruker)

    url = reverse("register")
    print()
    print(f"{'tilfelle':<42} {'median ms':>10} {'min ms':>8} {'maks ms':>8} {'spørringer':>10}  treff")
    print("-" * 92)
    for tittel, hvem, params, headers in TILFELLER:
        klient = klienter[hvem]
        klient.get(url, params, headers=headers)  # warm-up
        tider = []
        for _ in range(RUNDER):
            start = time.perf_counter()
            response = klient.get(url, params, headers=headers)
            tider.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as sporringer:
            response = klient.get(url, params, headers=headers)
        treff = response.context["antall"]
        print(
            f"{tittel:<42} {statistics.median(tider):>10.1f} {min(tider):>8.1f} {max(tider):>8.1f} "
            f"{len(sporringer):>10}  {treff}"
        )


if __name__ == "__main__":
    main()
