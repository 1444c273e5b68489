"""How fast the main pages answer on PostgreSQL at national scale, and the register as one centre grows.

    # every main page, over seed_load's data at scale 0.1 and 1 (loads it; about a minute)
    .venv/bin/python benchmarks/sider.py sider

    # the register with 1,000, 20,000 and 200,000 people at one centre (about four minutes)
    .venv/bin/python benchmarks/sider.py register

Both use their own PostgreSQL database (`--database-url`, default medvandrer_benchmark on 127.0.0.1; it
is created if missing, and its data replaced), never the demo's. Each page is asked for through Django's
test Client, signed in as a veileder at the largest centre, so the time is the server's whole work for the
request (every middleware, the queries, the template) without a network: the median and 90th percentile
of `--runder` requests after one warm-up (of the quietest of `--gjentak` such series), the ratio of the
median to the empty signed-in page (a page with only the base layout, through the same middleware:
benchmarks/urls.py), and the number of queries.
Templates render as in production (DEBUG off for rendering). Results: docs/benchmarks.md.

`--kode DIR` runs another checkout's code against the same database (how the "before" numbers were
taken: the database must then be at that code's migrations, and `--ingen-lasting` keeps the data).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

PROSJEKT = Path(__file__).resolve().parent.parent
STANDARD_DB = "postgres://postgres@127.0.0.1:5432/medvandrer_benchmark"
SOK = "mar"  # three letters, typed into the search field
FORNAVN = [
    "Tiril", "Sander", "Maja", "Mads", "Marius", "Martine", "Mathilde", "Jonas", "Ylva", "Elias", "Hedda",
    "Kasper", "Ingrid", "Olav", "Sigrid", "Tobias", "Nora", "Henrik", "Live", "Aksel", "Frida", "Eirik",
    "Sunniva", "Vetle", "Ragnhild", "Torstein", "Aurora", "Brage", "Embla", "Gaute",
]  # fmt: skip
ETTERNAVN = [
    "Testesen", "Prøvlie", "Eksempelrud", "Fiktivdal", "Demoberg", "Oppdiktet", "Tenkevik", "Liksomhaug",
    "Påstandnes", "Modellund", "Utkastmo", "Skissebakk", "Lagerud", "Tallaksen", "Målestokk", "Nullpunkt",
]  # fmt: skip
KALLENAVN = ["Fjellrev", "Tutta", "Sandy", "Bamsen", "Kvitten", "Ravn", "Lillegull", "Sjefen"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modus", choices=["sider", "register"])
    parser.add_argument("--database-url", default=os.environ.get("BENCHMARK_DATABASE_URL", STANDARD_DB))
    parser.add_argument("--runder", type=int, default=50)
    parser.add_argument("--gjentak", type=int, default=1, help="series per page; the quietest one counts")
    parser.add_argument("--skalaer", default="0.1,1", help="sider: seed_load scales, comma-separated")
    parser.add_argument("--antall", default="1000,20000,200000", help="register: people at the one centre")
    parser.add_argument("--kode", type=Path, default=PROSJEKT, help="the checkout whose code to run")
    parser.add_argument("--ingen-lasting", action="store_true", help="use the data already in the database")
    args = parser.parse_args()

    _lag_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DEBUG"] = "true"  # demo settings (seed_load runs only with DEBUG on); templates below as in production
    os.environ["REQUIRE_2FA"] = "false"
    sys.path[:0] = [str(args.kode), str(PROSJEKT)]
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ROOT_URLCONF = "benchmarks.urls"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    if not args.ingen_lasting:
        call_command("migrate", verbosity=0)
    print(f"Kode: {args.kode} ({_commit(args.kode)}), database: {urlsplit(args.database_url).path[1:]}")
    if args.modus == "sider":
        resultater = {}
        for skala in [float(s) for s in args.skalaer.split(",")]:
            if not args.ingen_lasting:
                settings.DEBUG = True
                call_command("seed_load", "--scale", str(skala), "--tom")
                _analyser()
            resultater[skala] = maal(sider_tilfeller(), args.runder, f"skala {skala:g}", args.gjentak)
        if len(resultater) > 1:
            _sammenlign_sporringer(resultater)
    else:
        for antall in [int(a) for a in args.antall.split(",")]:
            if not args.ingen_lasting:
                _fyll_ett_senter(antall)
                _analyser()
            tittel = f"{antall:,} deltakere ved ett senter".replace(",", " ")
            maal(register_tilfeller(), args.runder, tittel, args.gjentak)


def _lag_database(url):
    navn = urlsplit(url).path[1:]
    vert = urlsplit(url).hostname
    bruker = urlsplit(url).username or "postgres"
    if subprocess.run(["psql", "-h", vert, "-U", bruker, "-lqt"], capture_output=True, text=True).stdout.count(
        f" {navn} "
    ):
        return
    subprocess.run(["createdb", "-h", vert, "-U", bruker, navn], check=True)


def _commit(kode):
    svar = subprocess.run(["git", "-C", str(kode), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return svar.stdout.strip() or "ikke et git-tre"


def _analyser():
    """Fresh statistics and visibility map, as autovacuum would give a database that has been running a while."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")  # so the load's writes are not flushed to disk while measuring


# ---------------------------------------------------------------------------
# What is measured
# ---------------------------------------------------------------------------


class Tilfelle:
    """One request to measure: a name, and a function (client, context) -> response."""

    def __init__(self, navn, be_om, forventet=200):
        self.navn, self.be_om, self.forventet = navn, be_om, forventet


def _get(url_fra_kontekst, **headers):
    return lambda klient, k: klient.get(url_fra_kontekst(k), headers=headers)


def _sok_htmx(klient, k):
    """As typing: the text differs from the last request's (in case only), so the session is written each time."""
    k["sok_nr"] = k.get("sok_nr", 0) + 1
    return klient.post("/deltakere/", {"q": SOK if k["sok_nr"] % 2 else SOK.title()}, headers={"HX-Request": "true"})


def _siste_side(klient, k):
    """The register's "Siste side" link, as a user follows it (OFFSET before issue 12, keyset after)."""
    body = klient.get("/deltakere/").content.decode()
    k["siste_side"] = unescape(re.search(r'href="([^"]*)">Siste side</a>', body).group(1))
    if k["siste_side"].startswith("?"):
        k["siste_side"] = "/deltakere/" + k["siste_side"]
    return k["siste_side"]


def register_tilfeller():
    return [
        Tilfelle("tom side (sammenligningsgrunnlag)", _get(lambda k: "/benchmark/tom-side/")),
        Tilfelle("registeret, uten søk", _get(lambda k: "/deltakere/")),
        Tilfelle(f"registeret, søk «{SOK}» mens du skriver (htmx POST)", _sok_htmx),
        Tilfelle("registeret, sortert på sist endret", _get(lambda k: "/deltakere/?sorter=-endret")),
        Tilfelle("registeret, siste side", _get(lambda k: k["siste_side"])),
    ]


def _post_situasjon(klient, k):
    """A change of situation, as the form sends it: a new dated row on one of 25 ordinary people in turn."""
    from django_scopes import scopes_disabled

    from deltakere.models import Deltaker

    k["post_nr"] = k.get("post_nr", -1) + 1
    pk = k["vanlige"][k["post_nr"] % len(k["vanlige"])]
    with scopes_disabled():
        d = Deltaker.objects.get(pk=pk)
    data = {
        "versjon": d.versjon,
        "dato": k["dato"],
        "bosituasjon": "egen_bolig" if d.bosituasjon != "egen_bolig" else "kommunal_bolig",
        "inntekt": d.inntekt,
        "soningsforhold": d.soningsforhold,
        "engangskode": str(uuid.uuid4()),
    }
    return klient.post(f"/deltakere/{pk}/situasjon/", data)


def _post_samtale(klient, k):
    """A samtale as the form sends it, on one of 25 ordinary people in turn (no next appointment)."""
    from django.utils import timezone

    k["samtale_nr"] = k.get("samtale_nr", -1) + 1
    pk = k["vanlige"][k["samtale_nr"] % len(k["vanlige"])]
    na = timezone.localtime()
    data = {
        "type": "oppfolging",
        "kontaktslag": "med_personen",
        "dato": na.date().isoformat(),
        "klokkeslett": f"{na:%H:%M}",
        "varighet": "30",
        "form": "samtalerom",
        "livsomrader": ["bolig", "okonomi"],
        "neste_steg": "",
        "engangskode": str(uuid.uuid4()),
    }
    return klient.post(f"/deltakere/{pk}/samtaler/ny/", data)


def _post_hurtiglogg(klient, k):
    """The quick log's save (the person already picked in the combobox), then the form again is a GET."""
    k["hurtig_nr"] = k.get("hurtig_nr", -1) + 1
    pk = k["vanlige"][k["hurtig_nr"] % len(k["vanlige"])]
    data = {"sok": "", "deltaker": str(pk), "type": "uformell", "form": "senteret", "varighet": "10"}
    data["engangskode"] = str(uuid.uuid4())
    return klient.post("/hurtiglogg/", data)


def sider_tilfeller():
    return [
        Tilfelle("tom side (sammenligningsgrunnlag)", _get(lambda k: "/benchmark/tom-side/")),
        Tilfelle("Min oversikt", _get(lambda k: "/")),
        Tilfelle("registeret, uten søk", _get(lambda k: "/deltakere/")),
        Tilfelle(f"registeret, søk «{SOK}» mens du skriver (htmx POST)", _sok_htmx),
        Tilfelle("registeret, sortert på sist endret", _get(lambda k: "/deltakere/?sorter=-endret")),
        Tilfelle("registeret, siste side", _get(lambda k: k["siste_side"])),
        Tilfelle("Min oversikt, leder for senteret med 5 000", lambda klient, k: k["leder_klient"].get("/")),
        Tilfelle(
            "deltakersiden, lang historikk (200 daterte rader, 500 samtaler)",
            _get(lambda k: f"/deltakere/{k['lang']}/"),
        ),
        Tilfelle("deltakersiden, vanlig", _get(lambda k: f"/deltakere/{k['vanlige'][0]}/")),
        Tilfelle("endre personopplysninger (GET)", _get(lambda k: f"/deltakere/{k['vanlige'][0]}/endre/")),
        Tilfelle("endre situasjon (GET)", _get(lambda k: f"/deltakere/{k['vanlige'][0]}/situasjon/")),
        Tilfelle("endre situasjon (POST, ny dagert rad)", _post_situasjon, forventet=302),
        Tilfelle("kartlegginger, første mot siste", _get(lambda k: f"/deltakere/{k['kartlagt']}/kartlegging/")),
        Tilfelle("tiltaksplanen", _get(lambda k: f"/deltakere/{k['plan'][0]}/plan/")),
        Tilfelle("tiltaksplanen som PDF", _get(lambda k: f"/deltakere/{k['plan'][0]}/plan/{k['plan'][1]}/utskrift/")),
        Tilfelle("ny samtale (POST)", _post_samtale, forventet=302),
        Tilfelle("hurtiglogg (POST)", _post_hurtiglogg, forventet=302),
        Tilfelle(
            "tidgiverforslag for en deltaker (leder, alle senterets tidgivere)",
            lambda klient, k: k["leder_klient"].get(_forslag_url(k["tidgiver_samtykke"])),
        ),
    ]


def _forslag_url(deltaker_id):
    from django.urls import reverse

    return reverse("tidgivere:forslag", args=[deltaker_id])


def _kontekst(klient):
    """Who signs in and which people the pages are about: found in the database, the same for any scale."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from deltakere.models import Bruker, Deltaker

    with scopes_disabled():
        bruker = (
            Bruker.objects.filter(email__startswith="veileder0.senter0@").first()
            or Bruker.objects.filter(medlemskap__rolle="veileder").order_by("pk").first()
        )
        senter = bruker.medlemskap.get().senter_id
        lang = (
            Deltaker.objects.filter(senter=senter)
            .annotate(n=Count("statusendringer"))
            .order_by("-n", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        # Ordinary people with what most pages of theirs show (an active plan, a kartlegging), so the query
        # counts compare like with like at every scale.
        vanlige = list(
            Deltaker.objects.filter(senter=senter, status="aktiv", tiltaksplaner__status="aktiv")
            .filter(pk__in=Deltaker.objects.filter(kartlegginger__isnull=False).values("pk"))
            .annotate(n=Count("statusendringer", distinct=True))
            .filter(n__lt=5)
            .order_by("pk")
            .values_list("pk", flat=True)[:25]
        )
    klient.force_login(bruker)
    from django.test import Client
    from django.utils import timezone

    from oppfolging.models import Kartlegging, Tiltak

    with scopes_disabled():
        kartlagt = (
            Kartlegging.objects.filter(deltaker__senter=senter, deltaker__primaerkontakt=bruker)
            .values("deltaker")
            .annotate(n=Count("pk"))
            .order_by("-n", "deltaker")
            .values_list("deltaker", flat=True)
            .first()
        )
        plan = (
            Tiltak.objects.filter(
                delmal__hovedmal__plan__status="aktiv", delmal__hovedmal__plan__deltaker__senter=senter
            )
            .values("delmal__hovedmal__plan__deltaker", "delmal__hovedmal__plan")
            .annotate(n=Count("pk"))
            .order_by("-n", "delmal__hovedmal__plan")
            .values_list("delmal__hovedmal__plan__deltaker", "delmal__hovedmal__plan")
            .first()
        )
        leder = Bruker.objects.filter(medlemskap__senter=senter, medlemskap__rolle="leder").order_by("pk").first()
        # Someone at the centre who consents to share with a tidgiver and has no match going on: the suggestions
        # page then ranks every tidgiver of the centre for them.
        from deltakere.models import Samtykke
        from tidgivere.models import PAGAENDE

        tidgiver_samtykke = (
            Deltaker.objects.filter(
                senter=senter,
                status="aktiv",
                samtykker__type=Samtykke.Type.DELE_MED_TIDGIVER,
                samtykker__trukket__isnull=True,
            )
            .exclude(koblinger__status__in=PAGAENDE)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
    leder_klient = Client()
    leder_klient.force_login(leder)
    k = {
        "lang": lang,
        "vanlige": vanlige,
        "dato": timezone.localdate().isoformat(),
        "kartlagt": kartlagt,
        "plan": plan,
        "leder_klient": leder_klient,
        "tidgiver_samtykke": tidgiver_samtykke,
    }
    _siste_side(klient, k)
    return k


def maal(tilfeller, runder, tittel, gjentak=1):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.DEBUG = False  # templates as in production; seed_load before this needs DEBUG on
    klient = Client()
    k = _kontekst(klient)
    print()
    print(f"## {tittel}")
    print()
    print("| side | median ms | p90 ms | × tom side | spørringer |")
    print("| --- | ---: | ---: | ---: | ---: |")
    resultater = {}
    grunnlag = None
    for t in tilfeller:
        svar = t.be_om(klient, k)  # warm-up
        assert svar.status_code == t.forventet, (t.navn, svar.status_code)
        beste = None
        for _ in range(gjentak):  # the quietest of `gjentak` series: other work on the machine only slows
            tider = []
            for _ in range(runder):
                start = time.perf_counter()
                svar = t.be_om(klient, k)
                tider.append((time.perf_counter() - start) * 1000)
                assert svar.status_code == t.forventet, (t.navn, svar.status_code)
            if beste is None or statistics.median(tider) < statistics.median(beste):
                beste = tider
        tider = beste
        connection.queries_log.clear()  # a full log (9,000 queries) makes CaptureQueriesContext count nothing
        with CaptureQueriesContext(connection) as sporringer:
            t.be_om(klient, k)
        antall = len(sporringer)  # now: the log is emptied by the next request
        klient.post("/deltakere/", {"q": ""}, headers={"HX-Request": "true"})  # the search is kept: clear it
        median, p90 = statistics.median(tider), statistics.quantiles(tider, n=10)[-1]
        grunnlag = grunnlag or median
        resultater[t.navn] = antall
        print(f"| {t.navn} | {median:.1f} | {p90:.1f} | {median / grunnlag:.1f} | {antall} |")
    return resultater


def _sammenlign_sporringer(resultater):
    skalaer = list(resultater)
    ulike = [navn for navn in resultater[skalaer[0]] if len({resultater[s][navn] for s in skalaer}) > 1]
    print()
    if ulike:
        print(f"ULIKT ANTALL SPØRRINGER mellom skalaene for: {', '.join(ulike)}")
    else:
        print(f"Samme antall spørringer ved skala {' og '.join(f'{s:g}' for s in skalaer)} for alle sidene.")


# ---------------------------------------------------------------------------
# The register at one centre of 1,000 to 200,000 people
# ---------------------------------------------------------------------------


def _fyll_ett_senter(antall):
    """`antall` fictional people at one centre with six veiledere (only the fields both the old and the new code
    know), with their change history; everything else in the database is removed first."""
    import random
    from datetime import date, timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled
    from simple_history.utils import bulk_create_with_history

    from deltakere.models import Bosituasjon, Bruker, Deltaker, Henvisningskilde, Inntekt, Medlemskap, Senter, Status

    start = time.perf_counter()
    tabeller = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tabeller)} RESTART IDENTITY CASCADE")
    rng = random.Random(2026)
    naa = timezone.now()
    with scopes_disabled(), transaction.atomic():
        senter = Senter.objects.create(navn="Fjordhuset oppfølgingssenter", kommune="Bergen")
        passord = make_password("Et-langt-benchmarkpassord")
        ansatte = []
        for n in range(6):
            bruker = Bruker.objects.create(email=f"veileder{n}.senter0@benchmark.test", navn=f"Veileder {n}")
            bruker.password = passord
            bruker.save()
            Medlemskap.objects.create(bruker=bruker, senter=senter, rolle="veileder")
            ansatte.append(bruker)
        for fra in range(0, antall, 10_000):
            bulk_create_with_history(
                [
                    Deltaker(
                        senter=senter,
                        fornavn=rng.choice(FORNAVN),
                        etternavn=rng.choice(ETTERNAVN),
                        kallenavn=rng.choice(KALLENAVN) if n % 9 == 0 else "",
                        fodselsaar=rng.randint(1950, 2005),
                        bosituasjon_ved_start=Bosituasjon.MIDLERTIDIG,
                        inntekt_ved_start=Inntekt.SOSIALHJELP,
                        bosituasjon=rng.choice(Bosituasjon.values),
                        inntekt=rng.choice(Inntekt.values),
                        henvisning_kilde=rng.choice(Henvisningskilde.values),
                        henvisning_dato=date(2025, 1, 1),
                        status=rng.choice(Status.values),
                        primaerkontakt=rng.choice(ansatte),
                        endret=naa - timedelta(minutes=rng.randint(0, 500_000)),
                    )
                    for n in range(fra, min(antall, fra + 10_000))
                ],
                Deltaker,
                batch_size=2000,
            )
    print(f"\nFylte databasen med {antall} deltakere på {time.perf_counter() - start:.0f} s.")


if __name__ == "__main__":
    main()
