from django import template

from rapporter.utdata import tekst

register = template.Library()


@register.filter
def celletekst(celle):
    """A report cell as printed: "<5" when hidden, nb numbers."""
    return tekst(celle)
