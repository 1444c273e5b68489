"""How long a report takes and how much memory it needs, on PostgreSQL over seed_load's national data.

    # load the data once (scale 1: 20 centres, 20,000 deltakere; a few minutes), then measure
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/medvandrer_rapportmaling .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/medvandrer_rapportmaling .venv/bin/python manage.py seed_load
    .venv/bin/python benchmarks/rapporter.py --database-url postgres://postgres@127.0.0.1:5432/medvandrer_rapportmaling

Two cases, as the issue sets them: one centre's quarterly report (the largest centre, the last complete quarter)
and the national report (every centre: the summary in full, then a page of key figures per centre). Each run
does what the background task does (`rapporter.services.lag`): the figures part by part
(`rapporter.rapport.lag_deler`, protected), then the draft PDF (`som_pdf`, WeasyPrint). Every run is a fresh
process, so its peak memory (max RSS, WeasyPrint's own allocations included) is that report's alone; the time
is split into figures and PDF, with the number of queries. Prints the median and worst of `--runs`.
Results: docs/benchmarks.md, "## Rapporter".
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROSJEKT = Path(__file__).resolve().parent.parent
STANDARD_DB = "postgres://postgres@127.0.0.1:5432/medvandrer_rapportmaling"


def en_kjoring(tilfelle):
    """One report in this process; prints its measurements as JSON."""
    import resource
    import time

    sys.path.insert(0, str(PROSJEKT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from deltakere.models import Senter
    from rapporter.rapport import lag_deler, som_pdf
    from rapporter.tabeller import Periode

    with scopes_disabled():
        if tilfelle == "senter":
            sentre = [Senter.objects.annotate(n=Count("deltakere")).order_by("-n", "pk").first()]
        else:
            sentre = list(Senter.objects.order_by("navn"))
    periode = Periode.siste_hele_kvartal(timezone.localdate())
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as sporringer:
        deler = lag_deler(sentre, periode)
    tall = time.perf_counter() - start
    pdf = som_pdf(sentre, periode, deler, timezone.localtime())
    alt = time.perf_counter() - start
    print(
        json.dumps(
            {
                "sentre": len(sentre),
                "periode": periode.navn,
                "tall_s": tall,
                "pdf_s": alt - tall,
                "totalt_s": alt,
                "sporringer": len(sporringer),
                "maks_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "pdf_kib": len(pdf) / 1024,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCHMARK_DATABASE_URL", STANDARD_DB))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tilfeller", default="senter,nasjonal")
    parser.add_argument("--en", choices=["senter", "nasjonal"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.en:
        return en_kjoring(args.en)
    miljo = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false", "SECRET_KEY": "benchmark",
             "ALLOWED_HOSTS": "localhost", "LOG_LEVEL": "WARNING"}  # fmt: skip
    for tilfelle in args.tilfeller.split(","):
        malinger = []
        for _ in range(args.runs):
            ut = subprocess.run(
                [sys.executable, __file__, "--en", tilfelle], env=miljo, capture_output=True, text=True, check=True
            )
            malinger.append(json.loads(ut.stdout.strip().splitlines()[-1]))
        forste = malinger[0]
        print(f"{tilfelle}: {forste['sentre']} senter/sentre, {forste['periode']}, {forste['sporringer']} spørringer")
        for felt in ("tall_s", "pdf_s", "totalt_s", "maks_rss_mib"):
            verdier = [m[felt] for m in malinger]
            print(f"  {felt:14} median {statistics.median(verdier):8.2f}   verst {max(verdier):8.2f}")
        print(f"  PDF {forste['pdf_kib']:.0f} KiB")


if __name__ == "__main__":
    main()
