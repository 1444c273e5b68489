"""What a report holds: its sections in order, each a title and a function (senter_ids, periode) -> [Tabell].

The lead extends `SEKSJONER` (e.g. with the resultatrapport); every output (HTML, PDF, CSV, XLSX) is built
from `lag_rapport`, so each gets the same protected figures."""

from .aktivitet import aktivitetstabeller
from .skjerming import skjerm_tabeller

SEKSJONER = [
    ("Aktivitetsrapport", aktivitetstabeller),
]


def lag_rapport(senter_ids, periode):
    """[(section title, [protected Tabell])] for the centres in the period; the caller opens their scope."""
    return [(tittel, skjerm_tabeller(funksjon(senter_ids, periode))) for tittel, funksjon in SEKSJONER]
