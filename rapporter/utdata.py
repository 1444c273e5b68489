"""The report as files: CSV and XLSX of every table, the file name, and nb number formatting."""

import csv
import io
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import slugify

from .skjerming import vis


def tekst(celle):
    """A cell as the report prints it: "<5", "–" for no figure, nb numbers."""
    skjult = vis(celle)
    if skjult:
        return skjult
    if celle.verdi is None:
        return "–"
    if celle.format == "andel":
        return f"{number_format(Decimal(celle.verdi) * 100, 0, force_grouping=True)} %"
    if celle.format in ("snitt", "timer"):
        return number_format(Decimal(celle.verdi), 1 if celle.format == "timer" else 2, force_grouping=True)
    return number_format(celle.verdi, 0, force_grouping=True)


NORSKE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


FILER = [("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "Excel (XLSX)")]


def filnavn(sentre, periode, endelse, utkast=False):
    """An ASCII file name saying the centre (or "flere-sentre"), the period, and "utkast" for a draft."""
    del_sentre = "flere-sentre" if len(sentre) > 1 else slugify(sentre[0].navn.translate(NORSKE))
    forstavelse = "utkast-rapport" if utkast else "rapport"
    return f"{forstavelse}-{del_sentre}-{periode.fra:%Y-%m-%d}-{periode.til:%Y-%m-%d}.{endelse}"


def _tabeller(deler):
    """(part name, section title, table, sheet name) for every table of the report, sheet names unique."""
    for i, d in enumerate(deler):
        for tittel, tabeller in d.seksjoner:
            for t in tabeller:
                ark = (t.id or slugify(t.tittel))[:27]
                yield d.navn, tittel, t, ark if len(deler) == 1 else f"{i}-{ark}"


def som_csv(deler):
    ut = io.StringIO()
    skriv = csv.writer(ut, delimiter=";")
    for navn, tittel, t, _ark in _tabeller(deler):
        skriv.writerow([x for x in (navn, tittel, t.tittel) if x])
        skriv.writerow([t.radoverskrift, *t.kolonner])
        for r in t.rader:
            skriv.writerow([r.navn, *[tekst(c) for c in r.celler]])
        if t.merknad:
            skriv.writerow([t.merknad])
        skriv.writerow([])
    return "\ufeff" + ut.getvalue()  # the BOM makes Excel read UTF-8


def som_xlsx(deler):
    from openpyxl import Workbook

    bok = Workbook()
    bok.remove(bok.active)
    for navn, _tittel, t, arknavn in _tabeller(deler):
        ark = bok.create_sheet(arknavn)
        ark.append([x for x in (navn, t.tittel) if x])
        ark.append([t.radoverskrift, *t.kolonner])
        for r in t.rader:
            ark.append([r.navn, *[_xlsx_verdi(c) for c in r.celler]])
        if t.merknad:
            ark.append([t.merknad])
    ut = io.BytesIO()
    bok.save(ut)
    return ut.getvalue()


def _xlsx_verdi(celle):
    if celle.skjult:
        return vis(celle)
    if isinstance(celle.verdi, Decimal):
        return float(celle.verdi)
    return celle.verdi
