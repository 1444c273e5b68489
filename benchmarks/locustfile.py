"""The load run's users (locust): staff at the largest centre at work in the register. Run by benchmarks/lastkjoring.py.

Each user has a session made beforehand (the file in MEDVANDRER_OKTER: cookie and the people at the centre),
and goes through what a veileder does in a day, with a short pause between actions: the start page, the
register, search as you type, a sorted list, the last page, a participant page, an edit page and, now and
then, a change of situation. Redirects are not followed (a sign-in page is an error, not a 200), and
every answer but the expected one (and a version conflict, which is a right answer when two users change
the same person) counts as an error.
"""

import itertools
import json
import os
import random
import re
import uuid
from urllib.parse import urlencode

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

OKTER = json.loads(open(os.environ["MEDVANDRER_OKTER"]).read())
NESTE = itertools.count()
SKJEMA = {"Content-Type": "application/x-www-form-urlencoded"}  # a form's body, as the browser sends it
SOK = ["mar", "ber", "ola", "and", "sen", "kar", "hau", "lun", "ing", "tor"]


class Ansatt(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        okt = OKTER[next(NESTE) % len(OKTER)]  # a session of its own for each user
        self.deltakere = okt["deltakere"]
        self.client.cookiejar.set_cookie(_cookie(okt["cookie_navn"], okt["cookie"]))
        self.client.cookiejar.set_cookie(_cookie(okt["csrf_navn"], okt["csrf"]))
        self.csrf = okt["csrf"]  # Django takes the cookie's secret itself as the token in X-CSRFToken

    def _hent(self, url, navn):
        with self.client.get(url, name=navn, catch_response=True, allow_redirects=False) as svar:
            if svar.status_code != 200:
                svar.failure(f"{svar.status_code}")
            return svar

    @task(3)
    def min_oversikt(self):
        self._hent("/", "Min oversikt")

    @task(3)
    def registeret(self):
        self._hent("/deltakere/", "registeret")

    @task(4)
    def sok_mens_du_skriver(self):
        ord_ = random.choice(SOK)
        for lengde in (1, 2, 3):  # three keystrokes, as htmx sends them
            with self.client.post(
                "/deltakere/",
                data=urlencode({"q": ord_[:lengde]}),
                headers={**SKJEMA, "HX-Request": "true", "X-CSRFToken": self.csrf},
                name="søk mens du skriver (htmx)",
                catch_response=True,
                allow_redirects=False,
            ) as svar:
                if svar.status_code != 200:
                    svar.failure(f"{svar.status_code}")

    @task(1)
    def sortert(self):
        self._hent("/deltakere/?sorter=-endret", "registeret, sist endret")

    @task(1)
    def siste_side(self):
        self._hent("/deltakere/?side=siste", "registeret, siste side")

    @task(4)
    def deltakersiden(self):
        self._hent(f"/deltakere/{random.choice(self.deltakere)}/", "deltakersiden")

    @task(1)
    def endre_side(self):
        self._hent(f"/deltakere/{random.choice(self.deltakere)}/endre/", "endre personopplysninger (GET)")

    @task(1)
    def endre_situasjon(self):
        pk = random.choice(self.deltakere)
        skjema = self._hent(f"/deltakere/{pk}/situasjon/", "endre situasjon (GET)").text
        data = {
            "versjon": _felt(skjema, "versjon"),
            "engangskode": _felt(skjema, "engangskode") or str(uuid.uuid4()),
            "dato": _felt(skjema, "dato"),
            "bosituasjon": random.choice(["egen_bolig", "kommunal_bolig", "midlertidig"]),
            "inntekt": random.choice(["aap", "arbeid", "sosialhjelp"]),
            "soningsforhold": "",
        }
        with self.client.post(
            f"/deltakere/{pk}/situasjon/",
            data=urlencode(data),
            headers={**SKJEMA, "X-CSRFToken": self.csrf},
            name="endre situasjon (POST)",
            catch_response=True,
            allow_redirects=False,
        ) as svar:
            if svar.status_code in (302, 409):  # 409: another user saved the same person first, and is told so
                svar.success()
            else:
                feil = re.findall(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>\s*([^<]+)', svar.text or "")
                svar.failure(f"{svar.status_code} {' '.join(feil)[:200]}")


def _cookie(navn, verdi):
    from http.cookiejar import Cookie

    return Cookie(0, navn, verdi, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {})


def _felt(html, navn):
    """The value of the input named `navn` in a form page (attributes in either order)."""
    for monster in (rf'name="{navn}" value="([^"]*)"', rf'value="([^"]*)"[^>]*name="{navn}"'):
        if funnet := re.search(monster, html):
            return funnet.group(1)
    return ""
