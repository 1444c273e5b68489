"""What a report holds, and the report as a document.

`SEKSJONER` lists its sections in order, each a title and a function (senter_ids, periode) -> [Tabell]. A
report on one centre is one part (`Del`); on several, a summary over all of them in full and then a page per
centre with its key figures (`nokkeltall`).
Every output (preview, PDF, CSV, XLSX) is built from the same protected figures, which a `Rapport` keeps as
JSON (`til_json` / `fra_json`) so an approved report can be shown and rendered again exactly as it was made.
"""

import copy
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django_scopes import scope

from .aktivitet import aktivitetstabeller
from .resultat import resultattabeller
from .ruter import rapportdatabase
from .skjerming import MERKNAD, minste_antall, skjerm_tabeller
from .tabeller import Celle, Periode, Rad, Tabell

SEKSJONER = [
    ("Aktivitetsrapport", aktivitetstabeller),
    ("Resultatrapport", resultattabeller),
]

SAMLET = "Alle valgte sentre"

# A report on several centres: the summary in full, then a page per centre with these key figures, each
# (table id, row, column) of that centre's own protected tables.
NOKKELTALL_AKTIVITET = [
    ("deltakere", "I oppfølging i perioden"),
    ("deltakere", "Nye (startet i perioden)"),
    ("deltakere", "Avsluttet i perioden"),
    ("samtaler", "Sum samtaler og kontakter"),
    ("samtaler", "Ulike deltakere nådd"),
    ("avtaler", "Gjennomført"),
    ("avtaler", "Uteble"),
    ("telling", "Besøk"),
    ("telling", "Besøk: snitt per åpningsdag"),
    ("tidgivere", "Tidgivere aktive i perioden"),
    ("tidgivere", "Koblinger aktive i perioden"),
    ("tidgivere", "Frivillige timer"),
]
NOKKELTALL_RESULTAT = [
    ("livsomrader", "Bolig", 0, "Livsområdet bolig: bedre"),
    ("livsomrader", "Rusmestring", 0, "Livsområdet rusmestring: bedre"),
    ("who5", "Bedre med 10 prosentpoeng eller mer", 0, "WHO-5: bedre med 10 prosentpoeng eller mer"),
    ("audit", "Lavere sone (bedre)", 0, "AUDIT: lavere sone"),
    ("dudit", "Lavere sone (bedre)", 0, "DUDIT: lavere sone"),
    ("endringsfase", "Videre i endringsfasene", 0, "Videre i endringsfasene"),
    ("tiltaksplaner", "Hovedmål nådd", 1, "Nådde minst ett hovedmål"),
    ("situasjon-bolig", "Av disse i egen eller kommunal bolig", 1, "I egen eller kommunal bolig ved periodens slutt"),
]


@dataclass
class Del:
    """One part of a report: the centres it covers (by name, "" for a report on one centre) and its sections,
    [(section title, [protected Tabell])]."""

    navn: str
    seksjoner: list


def lag_deler(sentre, periode, fremdrift=None):
    """The report's parts for `sentre` in `periode`: every section's protected tables, computed on the report
    database (`rapporter.ruter`), each part in its centres' scope. `fremdrift(steps done, text)` is told before
    each step (the background task writes it for the page to show)."""
    deler, ferdig = [], 0
    for navn, ids in deler_for(sentre):
        seksjoner = []
        for tittel, funksjon in SEKSJONER:
            if fremdrift:
                fremdrift(ferdig, f"Regner ut {tittel.lower()}{f' for {navn}' if navn else ''}")
            with scope(senter=ids), rapportdatabase():
                seksjoner.append((tittel, skjerm_tabeller(funksjon(ids, periode))))
            ferdig += 1
        deler.append(Del(navn, nokkeltall(seksjoner) if navn and navn != SAMLET else seksjoner))
    return deler


def nokkeltall(seksjoner):
    """A centre's page in a report on several centres: its key figures from its own (protected) tables."""
    tabeller = {t.id: t for _tittel, ts in seksjoner for t in ts}

    def rad(tabell_id, navn):
        tabell = tabeller.get(tabell_id)
        return next((r for r in tabell.rader if r.navn == navn), None) if tabell else None

    aktivitet = [copy.deepcopy(r) for r in (rad(t, n) for t, n in NOKKELTALL_AKTIVITET) if r]
    resultat = []
    for tabell_id, navn, kolonne, tittel in NOKKELTALL_RESULTAT:
        r = rad(tabell_id, navn)
        if r:
            resultat.append(Rad(tittel, [copy.deepcopy(r.celler[kolonne])]))
    skjult = any(c.skjult for r in aktivitet + resultat for c in r.celler)
    merknad = MERKNAD.format(minste=minste_antall()) if skjult else ""
    return [
        (
            "Nøkkeltall",
            [
                Tabell("Aktivitet", ["Perioden", "Samme periode året før"], aktivitet, merknad=merknad,
                       id="nokkeltall-aktivitet"),
                Tabell("Resultater (personer)", ["Personer"], resultat, merknad=merknad, id="nokkeltall-resultat"),
            ],
        )
    ]  # fmt: skip


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
