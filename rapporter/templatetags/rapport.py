from django import template

from rapporter.diagram import soylediagram
from rapporter.utdata import tekst

register = template.Library()


@register.filter
def celletekst(celle):
    """A report cell as printed: "<5" when hidden, nb numbers."""
    return tekst(celle)


@register.filter
def diagram(tabell):
    """The table as an SVG bar chart."""
    return soylediagram(tabell)
