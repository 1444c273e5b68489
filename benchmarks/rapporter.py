"""How long a report takes and how much memory it needs, on PostgreSQL over seed_load's national data.

    # load the data once (scale 1: 20 centres, 20,000 deltakere; 15 minutes on two shared cores), then measure
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/medvandrer_rapport_bench .venv/bin/python manage.py migrate
    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/medvandrer_rapport_bench \
        .venv/bin/python manage.py seed_load --scale 1
    .venv/bin/python benchmarks/rapporter.py                  # both cases, 3 runs each
    .venv/bin/python benchmarks/rapporter.py --runs 5 --tilfeller nasjonal --jit off
    .venv/bin/python benchmarks/rapporter.py --profil nasjonal --steg tall   # cProfile of one step, top costs

Two cases, as the issue sets them: one centre's quarterly report (the largest centre, 5,000 deltakere at scale 1)
and the national report (every centre: the summary in full, then a page of key figures per centre), both for the
last complete quarter that has data: the quarter of `deltakere.last.SISTE_DATO` (seed_load's register ends there;
the work done runs up to the day of loading), or `--kvartal 2026-2`. Each run does what the background task does
(`rapporter.services.lag`): the figures part by part (`rapporter.rapport.lag_deler`: every section's tables in the
part's scope, protected), then the draft PDF (`som_pdf`, WeasyPrint, PDF/UA-1). The two steps are timed apart, with
the queries of each (CaptureQueriesContext). Every run is a fresh process, so its peak memory (max RSS, WeasyPrint's
own allocations included) is that report's alone; one more run per case measures the Python heap's peak with
tracemalloc (which slows the run, so its time is not counted). Prints the median and worst of `--runs` and whether
the issue's targets are met (a centre: < 5 s; national: < 30 s and < 1 GB); `sql_tall_s` is the part of the figures'
time spent in the database (Django's own timing of each query). `--jit off` runs with PostgreSQL's JIT compilation
off (PGOPTIONS): with the server's default (on) and fresh statistics, JIT compiling the large conditional-count
queries costs seconds each. `--en senter --tregeste 10` (with DATABASE_URL set) prints one run's slowest queries.
Results: docs/benchmarks.md, "## Rapporter".
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

PROSJEKT = Path(__file__).resolve().parent.parent
STANDARD_DB = "postgres://postgres@127.0.0.1:5432/medvandrer_rapport_bench"
MAL = {"senter": {"totalt_s": 5}, "nasjonal": {"totalt_s": 30, "maks_rss_mib": 1024}}
MAL_TEKST = {"totalt_s": "s", "maks_rss_mib": "MiB max RSS"}


def _django():
    sys.path.insert(0, str(PROSJEKT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _oppsett(tilfelle, kvartal):
    """The centres and the period of a case."""
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from deltakere.last import SISTE_DATO
    from deltakere.models import Senter
    from rapporter.tabeller import Periode

    with scopes_disabled():
        if tilfelle == "senter":
            sentre = [Senter.objects.annotate(n=Count("deltakere")).order_by("-n", "pk").first()]
        else:
            sentre = list(Senter.objects.order_by("navn"))
    if kvartal:
        aar, nr = (int(d) for d in kvartal.split("-"))
    else:
        aar, nr = SISTE_DATO.year, (SISTE_DATO.month - 1) // 3 + 1
    return sentre, Periode.kvartal(aar, nr)


def _deltakere(sentre):
    from django_scopes import scopes_disabled

    from deltakere.models import Deltaker

    with scopes_disabled():
        return Deltaker.objects.filter(senter__in=sentre).count()


def en_kjoring(tilfelle, kvartal, sporing, tregeste=0):
    """One report in this process; prints its measurements as JSON. With `sporing`, under tracemalloc."""
    import resource
    import time
    import tracemalloc

    _django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from rapporter.rapport import lag_deler, som_pdf

    sentre, periode = _oppsett(tilfelle, kvartal)
    if sporing:
        tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as sporringer_tall:
        deler = lag_deler(sentre, periode)
    tall = time.perf_counter() - start
    rss_tall = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with CaptureQueriesContext(connection) as sporringer_pdf:
        pdf = som_pdf(sentre, periode, deler, timezone.localtime())
    alt = time.perf_counter() - start
    topp = tracemalloc.get_traced_memory()[1] / 2**20 if sporing else None
    for sporring in sorted(sporringer_tall.captured_queries, key=lambda q: -float(q["time"]))[:tregeste]:
        print(f"{float(sporring['time']):7.3f} s  {sporring['sql'][:400]}", file=sys.stderr)
    print(
        json.dumps(
            {
                "sentre": len(sentre),
                "deltakere": _deltakere(sentre),
                "periode": periode.navn,
                "tall_s": tall,
                "pdf_s": alt - tall,
                "totalt_s": alt,
                "sporringer_tall": len(sporringer_tall),
                "sql_tall_s": sum(float(q["time"]) for q in sporringer_tall.captured_queries),
                "sporringer_pdf": len(sporringer_pdf),
                "rss_etter_tall_mib": rss_tall,
                "maks_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "tracemalloc_mib": topp,
                "pdf_kib": len(pdf) / 1024,
            }
        )
    )


def profil(tilfelle, kvartal, steg, antall):
    """cProfile of one step of one report: the top costs by own time and by cumulative time."""
    import cProfile
    import pstats

    _django()
    from django.utils import timezone

    from rapporter.rapport import lag_deler, som_pdf

    sentre, periode = _oppsett(tilfelle, kvartal)
    profiler = cProfile.Profile()
    if steg == "tall":
        profiler.runcall(lag_deler, sentre, periode)
    else:
        deler = lag_deler(sentre, periode)
        profiler.runcall(som_pdf, sentre, periode, deler, timezone.localtime())
    statistikk = pstats.Stats(profiler).strip_dirs()
    statistikk.sort_stats("tottime").print_stats(antall)
    statistikk.sort_stats("cumulative").print_stats(antall)


def _maskin(miljo, commit):
    def kommando(*args):
        try:
            return subprocess.run(args, capture_output=True, text=True, env=miljo, cwd=PROSJEKT).stdout.strip()
        except OSError:
            return "?"

    cpu = next((linje.split(":", 1)[1].strip() for linje in Path("/proc/cpuinfo").read_text().splitlines()
                if linje.startswith("model name")), platform.processor())  # fmt: skip
    versjoner = kommando(
        sys.executable, "-c",
        "import django, weasyprint, psycopg; print(f'Django {django.get_version()}, WeasyPrint "
        "{weasyprint.__version__}, psycopg {psycopg.__version__}')",
    )  # fmt: skip
    pg = kommando(sys.executable, "manage.py", "shell", "--no-imports", "-c",
                  "from django.db import connection; c = connection.cursor(); c.execute('show server_version'); "
                  "v = c.fetchone()[0]; c.execute('show jit'); "
                  "print(f'PostgreSQL {v}, jit {c.fetchone()[0]}')")  # fmt: skip
    if not commit:
        commit = kommando("git", "rev-parse", "--short", "HEAD") or "(no git)"
        commit += " + uncommitted changes" if kommando("git", "status", "--porcelain", "--untracked-files=no") else ""
    last = os.getloadavg()
    return (
        f"commit {commit}; {os.cpu_count()} CPU ({cpu}); "
        f"Python {platform.python_version()}, {versjoner}, {pg}; load average {last[0]:.1f} at start; "
        f"PGOPTIONS={miljo.get('PGOPTIONS', '(none)')}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCHMARK_DATABASE_URL", STANDARD_DB))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tilfeller", default="senter,nasjonal")
    parser.add_argument("--kvartal", help="år-nr, for eksempel 2026-3 (standard: kvartalet til SISTE_DATO)")
    parser.add_argument("--profil", choices=["senter", "nasjonal"], help="cProfile av ett steg i ett tilfelle")
    parser.add_argument("--steg", choices=["tall", "pdf"], default="tall")
    parser.add_argument("--topp", type=int, default=25)
    parser.add_argument("--jit", choices=["on", "off"], help="PostgreSQL's JIT for the run (default: the server's)")
    parser.add_argument("--commit", help="the commit measured, for a copy made by git archive (no .git)")
    parser.add_argument("--en", choices=["senter", "nasjonal"], help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tregeste", type=int, default=0, help="with --en: the slowest queries, on stderr")
    args = parser.parse_args()
    if args.en:
        return en_kjoring(args.en, args.kvartal, args.tracemalloc, args.tregeste)
    miljo = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false", "SECRET_KEY": "benchmark",
             "ALLOWED_HOSTS": "localhost", "LOG_LEVEL": "WARNING"}  # fmt: skip
    miljo.pop("REPORTS_DATABASE_URL", None)  # every query on the default alias, where they are counted
    if args.jit:
        miljo["PGOPTIONS"] = f"{miljo.get('PGOPTIONS', '')} -c jit={args.jit}".strip()  # libpq, so psycopg too
    if args.profil:
        os.environ.update(miljo)  # profiling runs in this process, so its settings read this environment
        return profil(args.profil, args.kvartal, args.steg, args.topp)
    print(_maskin(miljo, args.commit))
    ekstra = ["--kvartal", args.kvartal] if args.kvartal else []

    def kjor(tilfelle, *flagg):
        ut = subprocess.run([sys.executable, __file__, "--en", tilfelle, *ekstra, *flagg], env=miljo,
                            capture_output=True, text=True, check=True)  # fmt: skip
        return json.loads(ut.stdout.strip().splitlines()[-1])

    for tilfelle in args.tilfeller.split(","):
        malinger = [kjor(tilfelle) for _ in range(args.runs)]
        sporet = kjor(tilfelle, "--tracemalloc")
        forste = malinger[0]
        print(
            f"\n{tilfelle}: {forste['sentre']} senter/sentre, {forste['deltakere']} deltakere, {forste['periode']}; "
            f"spørringer: {forste['sporringer_tall']} tall + {forste['sporringer_pdf']} PDF; "
            f"PDF {forste['pdf_kib']:.0f} KiB"
        )
        for felt in ("tall_s", "sql_tall_s", "pdf_s", "totalt_s", "rss_etter_tall_mib", "maks_rss_mib"):
            verdier = [m[felt] for m in malinger]
            print(f"  {felt:20} median {statistics.median(verdier):8.2f}   verst {max(verdier):8.2f}")
        print(f"  {'tracemalloc_mib':20} topp   {sporet['tracemalloc_mib']:8.1f}   (egen kjøring)")
        for felt, grense in MAL[tilfelle].items():
            verst = max(m[felt] for m in malinger)
            svar = "nådd" if verst < grense else "IKKE nådd"
            print(f"  mål {felt} < {grense} {MAL_TEKST[felt]}: {svar} (verst {verst:.2f})")


if __name__ == "__main__":
    main()
