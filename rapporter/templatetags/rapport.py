from django import template

from rapporter.diagram import soylediagram
from rapporter.utdata import tekst

register = template.Library()


@register.filter
def celletekst(celle):
    """A report cell as printed: "<5" when hidden, nb numbers."""
    return tekst(celle)


@register.filter
def diagram(tabell, del_nr=""):
    """The table as an SVG bar chart; `del_nr` (the part of the report) keeps its ids unique on the page."""
    return soylediagram(tabell, f"{del_nr}-" if del_nr else "")
