from django import template

from rapporter.diagram import livsomradediagram, soylediagram
from rapporter.utdata import tekst

register = template.Library()


@register.filter
def celletekst(celle):
    """A report cell as printed: "<5" when hidden, nb numbers."""
    return tekst(celle)


@register.filter
def diagram(tabell, del_nr=""):
    """The table as the SVG chart its `diagram` names ("livsomrader", else bars: "soyle", or True in reports
    archived before the field was a string); `del_nr` (the part of the report) keeps its ids unique on the page."""
    tegn = livsomradediagram if tabell.diagram == "livsomrader" else soylediagram
    return tegn(tabell, f"{del_nr}-" if del_nr else "")
