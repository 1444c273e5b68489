"""Template tags every app's templates use."""

import uuid

from django import template
from django.utils.html import format_html

from ..engangs import FELT

register = template.Library()


@register.simple_tag
def engangskode():
    """The hidden one-time token for a small form written by hand in a template (deltakere.engangs)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FELT, uuid.uuid4())
