"""A load run: 50 signed-in users for 60 seconds against gunicorn and PostgreSQL, all on 127.0.0.1.

    .venv/bin/python benchmarks/lastkjoring.py            # needs seed_load's data: see below
    .venv/bin/python benchmarks/lastkjoring.py --last     # loads it first (seed_load --scale 1 --tom)

It uses the benchmark database (`--database-url`, default medvandrer_benchmark on 127.0.0.1, as
benchmarks/sider.py leaves it after `sider`), and:

1. collects the static files into a temporary folder and starts gunicorn with config/gunicorn.py,
   production settings (DEBUG off, two-factor sign-in required) bound to 127.0.0.1 only;
2. makes one session for each of 50 staff at the largest centre, each with a confirmed authenticator
   app and the session verified with it, as after sign-in and the code (signing in itself is not
   measured: a password hash costs a third of a second of CPU by design, once a day per person);
3. runs locust headless (benchmarks/locustfile.py) with 50 users for `--sekunder` (60), which stops by
   itself, and prints throughput, the 50th and 95th percentile and the errors per request;
4. stops gunicorn, and removes the sessions and devices it made.

Every request goes to 127.0.0.1; the run is bounded in time (locust's --run-time, and a hard timeout).
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROSJEKT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent
STANDARD_DB = "postgres://postgres@127.0.0.1:5432/medvandrer_benchmark"
PORT = 8123
BRUKERE = 50


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCHMARK_DATABASE_URL", STANDARD_DB))
    parser.add_argument("--sekunder", type=int, default=60)
    parser.add_argument("--brukere", type=int, default=BRUKERE)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (config/gunicorn.py's default)")
    parser.add_argument("--last", action="store_true", help="load seed_load's data at scale 1 first")
    args = parser.parse_args()

    os.environ.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="true",
        REQUIRE_2FA="true",
        SECRET_KEY=secrets.token_urlsafe(50),  # the sessions made here are signed for the server's key
    )
    sys.path.insert(0, str(PROSJEKT))
    import django

    django.setup()
    from django.core.management import call_command

    if args.last:
        call_command("seed_load", "--scale", "1", "--tom")
    with tempfile.TemporaryDirectory(prefix="medvandrer-last-") as mappe:
        mappe = Path(mappe)
        okter = _lag_okter(args.brukere)
        (mappe / "okter.json").write_text(json.dumps(okter))
        server = _start_gunicorn(args, mappe)
        try:
            _vent_pa(f"http://127.0.0.1:{PORT}/helse/")
            start = time.strftime("%Y-%m-%d %H:%M")
            subprocess.run(
                [VENV / "locust", "-f", PROSJEKT / "benchmarks" / "locustfile.py", "--headless",
                 "-u", str(args.brukere), "-r", str(args.brukere), "-t", f"{args.sekunder}s",
                 "--host", f"http://127.0.0.1:{PORT}", "--csv", mappe / "last", "--only-summary",
                 "--stop-timeout", "5", "--loglevel", "WARNING"],
                env={**os.environ, "MEDVANDRER_OKTER": str(mappe / "okter.json")},
                timeout=args.sekunder + 60,
                check=False,
            )  # fmt: skip
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            _rydd(okter)
        _skriv_ut(mappe / "last_stats.csv", args, start)


def _lag_okter(antall):
    """A verified session for each of `antall` staff at the largest centre, and the people they may open."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_scopes import scopes_disabled

    from deltakere.last import LAST_DOMENE
    from deltakere.middleware import ANDRE_FAKTOR
    from deltakere.models import Bruker, Deltaker
    from deltakere.okt import SIST_AKTIV

    with scopes_disabled():
        ansatte = list(
            Bruker.objects.filter(
                email__endswith=f".senter0@{LAST_DOMENE}", email__regex=r"^(veileder|sosionom)"
            ).order_by("pk")[:antall]
        )
        if len(ansatte) < antall:
            sys.exit("Fant ikke nok ansatte: last data med --last (seed_load --scale 1).")
        senter = ansatte[0].medlemskap.get().senter_id
        deltakere = list(Deltaker.objects.filter(senter=senter).order_by("?").values_list("pk", flat=True)[:500])
    okter = []
    for bruker in ansatte:
        enhet, _ = TOTPDevice.objects.get_or_create(user=bruker, name="Lastkjøring", defaults={"confirmed": True})
        bruker.refresh_from_db()  # the device moved the user's andre_faktor_versjon
        okt = SessionStore()
        okt[SESSION_KEY] = str(bruker.pk)
        okt[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        okt[HASH_SESSION_KEY] = bruker.get_session_auth_hash()
        okt[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
        okt[ANDRE_FAKTOR] = {"bruker": bruker.pk, "versjon": bruker.andre_faktor_versjon, "enhet": True}
        okt[SIST_AKTIV] = time.time()
        okt.create()
        okter.append(
            {
                "cookie_navn": settings.SESSION_COOKIE_NAME,
                "cookie": okt.session_key,
                "csrf_navn": settings.CSRF_COOKIE_NAME,
                "csrf": get_random_string(32),  # the CSRF cookie a browser would have got with its first page
                "deltakere": deltakere,
            }
        )
    return okter


def _start_gunicorn(args, mappe):
    miljo = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback; production terminates TLS in front
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": str(mappe / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": str(args.workers),
        "LOG_LEVEL": "WARNING",
    }
    miljo.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=PROSJEKT, env=miljo,
                   check=True)  # fmt: skip
    logg = open(mappe / "gunicorn.log", "w")
    return subprocess.Popen(
        [VENV / "gunicorn", "-c", "config/gunicorn.py", "--access-logfile", "/dev/null", "config.wsgi"],
        cwd=PROSJEKT,
        env=miljo,
        stdout=logg,
        stderr=subprocess.STDOUT,
    )


def _vent_pa(url):
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2) as svar:
                if svar.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn svarte ikke på {url}")


def _rydd(okter):
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Session.objects.filter(session_key__in=[okt["cookie"] for okt in okter]).delete()
    TOTPDevice.objects.filter(name="Lastkjøring").delete()


def _skriv_ut(fil, args, start):
    rader = list(csv.DictReader(open(fil)))
    print()
    print(f"Lastkjøring {start}: {args.brukere} brukere i {args.sekunder} s, gunicorn med {args.workers} workers.")
    print()
    print("| forespørsel | antall | feil | median ms | p95 ms | per sekund |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for rad in rader:
        print(
            f"| {rad['Name'] if rad['Name'] != 'Aggregated' else '**alle**'} | {rad['Request Count']} | "
            f"{rad['Failure Count']} | {rad['50%']} | {rad['95%']} | {float(rad['Requests/s']):.1f} |"
        )


if __name__ == "__main__":
    main()
