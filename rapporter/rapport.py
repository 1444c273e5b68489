"""What a report holds: its sections in order, each a title and a function (senter_ids, periode) -> [Tabell].

The lead extends `SEKSJONER` (e.g. with the resultatrapport); every output (HTML, PDF, CSV, XLSX) is built
from `lag_rapport`, so each gets the same protected figures."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .aktivitet import aktivitetstabeller
from .skjerming import skjerm_tabeller

SEKSJONER = [
    ("Aktivitetsrapport", aktivitetstabeller),
]


def lag_rapport(senter_ids, periode):
    """[(section title, [protected Tabell])] for the centres in the period; the caller opens their scope."""
    return [(tittel, skjerm_tabeller(funksjon(senter_ids, periode))) for tittel, funksjon in SEKSJONER]



def som_pdf(sentre, periode, seksjoner, laget=None):
    """The report as a tagged A4 PDF (WeasyPrint, PDF/UA-1), from the same body template as the preview. Needs no
    request, so a background task makes the same file as the page."""
    from weasyprint import HTML

    innhold = {"sentre": sentre, "periode": periode, "seksjoner": seksjoner, "laget": laget or timezone.localdate()}
    html = render_to_string("rapporter/rapport_pdf.html", innhold)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
