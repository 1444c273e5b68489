"""What a report holds, and the report as a document.

`SEKSJONER` lists its sections in order, each a title and a function (senter_ids, periode) -> [Tabell]. A
report on one centre is one part (`Del`); on several, a summary over all of them and then a part per centre.
Every output (preview, PDF, CSV, XLSX) is built from the same protected figures, which a `Rapport` keeps as
JSON (`til_json` / `fra_json`) so an approved report can be shown and rendered again exactly as it was made.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string

from .aktivitet import aktivitetstabeller
from .resultat import resultattabeller
from .skjerming import skjerm_tabeller
from .tabeller import Celle, Periode, Rad, Tabell

SEKSJONER = [
    ("Aktivitetsrapport", aktivitetstabeller),
    ("Resultatrapport", resultattabeller),
]

SAMLET = "Alle valgte sentre"


@dataclass
class Del:
    """One part of a report: the centres it covers (by name, "" for a report on one centre) and its sections,
    [(section title, [protected Tabell])]."""

    navn: str
    seksjoner: list


def lag_rapport(senter_ids, periode):
    """[(section title, [protected Tabell])] for the centres in the period; the caller opens their scope."""
    return [(tittel, skjerm_tabeller(funksjon(senter_ids, periode))) for tittel, funksjon in SEKSJONER]


def deler_for(sentre):
    """The parts a report on `sentre` has, as (name, [centre ids]): one, or the summary and one per centre."""
    ids = [s.pk for s in sentre]
    if len(ids) == 1:
        return [("", ids)]
    return [(SAMLET, ids)] + [(s.navn, [s.pk]) for s in sentre]


def som_pdf(sentre, periode, deler, laget, godkjenning=None):
    """The report as a tagged A4 PDF (WeasyPrint, PDF/UA-1), from the same body template as the preview. Needs no
    request, so the background task makes it. `godkjenning` (who, when) stamps an approved report; without it
    every page says the report is a draft."""
    from weasyprint import HTML

    innhold = {
        "sentre": sentre,
        "periode": periode,
        "deler": deler,
        "laget": laget,
        "godkjenning": godkjenning,
        "seksjonstitler": [tittel for tittel, _ in SEKSJONER],
    }
    html = render_to_string("rapporter/rapport_pdf.html", innhold)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


# --- the figures as JSON (Rapport.innhold) -----------------------------------------------------------------


def til_json(deler):
    def verdi(v):
        return {"desimal": str(v)} if isinstance(v, Decimal) else v

    def tabell(t):
        data = asdict(t)
        for rad in data["rader"]:
            for celle in rad["celler"]:
                celle["verdi"] = verdi(celle["verdi"])
        return data

    return {"deler": [{"navn": d.navn, "seksjoner": [[tittel, [tabell(t) for t in ts]] for tittel, ts in d.seksjoner]}
                      for d in deler]}  # fmt: skip


def fra_json(data):
    def verdi(v):
        return Decimal(v["desimal"]) if isinstance(v, dict) else v

    def tabell(t):
        rader = [
            Rad(**{**r, "celler": [Celle(**{**c, "verdi": verdi(c["verdi"])}) for c in r["celler"]]})
            for r in t["rader"]
        ]
        return Tabell(**{**t, "rader": rader})

    return [Del(d["navn"], [(tittel, [tabell(t) for t in ts]) for tittel, ts in d["seksjoner"]]) for d in data["deler"]]


def periode_for(rapport):
    return Periode(rapport.fra, rapport.til, rapport.periodenavn)
