"""The crawler the page-wide tests share: every page reachable by links from a start page.

`gjennomga(hent, start)` follows the links of every HTML page it opens; `hent(url)` opens one page (with
Django's test client, or in a browser) and returns its status, content type and body. Pages added later
are covered by whatever test crawls, without anyone listing them.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.db import connection
from django.urls import Resolver404, resolve

# How many pages of one URL pattern to open: the pattern's view is the same code whichever row it shows.
PER_MONSTER = 2
MAKS_SIDER = 400

# Tables a visit may write to (a GET, or a form sent empty): the access log is written on purpose when a page
# shows a person; the session (and the lockout bookkeeping of sign-in) is what a visit is.
# Rows a GET may write: the log of who saw what (the access log, also of reports), sessions, and the sign-in
# lockout's records.
TILLATT = {
    "deltakere_tilgangslogg",
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}


class _Lenker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lenker = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.lenker.append(href)


def lenker(html, fra):
    """The paths (with query strings) of the links in `html`, a page at path `fra`, on this site."""
    parser = _Lenker()
    parser.feed(html)
    for href in parser.lenker:
        href = urldefrag(href)[0]
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        deler = urlsplit(href)
        if deler.netloc and deler.netloc not in ("testserver", "localhost") and not deler.netloc.startswith("127."):
            continue
        sti = deler.path if deler.path.startswith("/") else fra.rsplit("/", 1)[0] + "/" + deler.path
        if not deler.path:
            sti = fra
        yield sti + (f"?{deler.query}" if deler.query else "")


def url_monster(url):
    """The URL pattern (route) that serves `url`, or None when no pattern does."""
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return None


def gjennomga(hent, start="/", hopp_over=()):
    """Every page reachable by links from `start` (at most PER_MONSTER per URL pattern). Returns [(url, status)].

    `hent(url)` returns (status, content type, body); `hopp_over` holds path prefixes not to open.
    """
    sett_monster, apnet, ko = {}, [], deque([start])
    besokt = set()
    while ko and len(apnet) < MAKS_SIDER:
        url = ko.popleft()
        if url in besokt or url.startswith(tuple(hopp_over)):
            continue
        besokt.add(url)
        monster = url_monster(url)
        if monster is None or sett_monster.get(monster, 0) >= PER_MONSTER:
            continue
        sett_monster[monster] = sett_monster.get(monster, 0) + 1
        status, innholdstype, tekst = hent(url)
        apnet.append((url, status))
        if status == 200 and innholdstype.startswith("text/html"):
            ko.extend(lenker(tekst, urlsplit(url).path))
    return apnet


def hent_med_client(client):
    """`hent` for Django's test client (redirects are not followed: their pages are reached by links)."""

    def hent(url):
        response = client.get(url)
        innhold = response.content.decode() if response["Content-Type"].startswith("text/html") else ""
        return response.status_code, response["Content-Type"], innhold

    return hent


def radtall():
    """The row count of every table of the project's models, except those in TILLATT."""
    tabeller = sorted(set(connection.introspection.table_names()) - TILLATT)
    modeller = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    with connection.cursor() as cursor:
        tall = {}
        for tabell in tabeller:
            if tabell not in modeller:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{tabell}"')
            tall[tabell] = cursor.fetchone()[0]
    return tall
