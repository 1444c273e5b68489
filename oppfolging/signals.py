"""The seams the apps above oppfolging plug into. oppfolging knows nothing of them.

**Min oversikt** (`min_oversikt_seksjoner`): a receiver gets `request` and `senter` (the centre the user works in
now; keyword arguments) and returns rendered HTML (`render_to_string(..., request=request)`), or "" to add
nothing; it decides itself whom it shows anything to (by role, through `deltakere.scoping.kan`).
`seksjoner_html(request, senter)` joins the answers in the order of their apps in INSTALLED_APPS, as
`deltakere.signals.plass_html` does. A receiver runs a bounded number of queries.
"""

from django.dispatch import Signal
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

from deltakere.signals import svar_i_rekkefolge

min_oversikt_seksjoner = Signal()


def seksjoner_html(request, senter):
    """The HTML the apps add to Min oversikt, joined in a stated order. Non-HTML answers are escaped."""
    deler = [del_ for del_ in svar_i_rekkefolge(min_oversikt_seksjoner, request=request, senter=senter) if del_]
    return mark_safe(format_html_join("\n", "{}", ((conditional_escape(del_),) for del_ in deler)))
