"""The seams the apps above the register plug into. deltakere knows nothing of them.

Two kinds, both Django signals:

**Slots on the participant pages** (as pretix's `order_info` and ephios' `insert_html`). A receiver gets
`request` and `deltaker` (keyword arguments; the person was fetched through the scoping helper and the
access is already logged) and returns rendered HTML (`render_to_string(..., request=request)`), or "" to
add nothing. `plass_html(plass, request, deltaker)` joins the answers in a stated order: the order of the
receivers' apps in INSTALLED_APPS (oppfolging before tidgivere), so the page is the same on every run.
A receiver must run a bounded number of queries, whatever the size of the person's history.

- `sak_overst`: under the person's name and status (the current plan's hovedmål, warnings).
- `sak_avtaler_og_kontakt`: the box beside the consents (next appointment, last contact).
- `sak_seksjoner`: whole sections after the register's own (kartlegging, tiltaksplan, samtaler, tidgiver).
- `sak_begrenset`: the tidgiverkoordinator's limited page (only what may be shared with a tidgiver).

**The timeline** (`sak_tidslinje`) takes data, not HTML, because the register merges every app's events by
date: a receiver returns a list of `deltakere.selectors.Hendelse`.

**Domain events**, sent by deltakere's services after the transaction commits (never for a change that was
rolled back). Receivers get `deltaker` and the arguments below; they run in the request that made the change,
inside its centre scope. tidgivere must stop matching a person the moment the consent to share is withdrawn.

- `samtykke_trukket(deltaker, samtykke)`
- `status_endret(deltaker, fra_status, til_status, dato)`
- `deltaker_overfort(deltaker, ny)`: `ny` is the new record at the other centre (not readable here).
- `oppfolging_avsluttet(deltaker, arsak, dato)`
"""

from django.apps import apps
from django.db import transaction
from django.dispatch import Signal
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

sak_overst = Signal()
sak_avtaler_og_kontakt = Signal()
sak_seksjoner = Signal()
sak_begrenset = Signal()
sak_tidslinje = Signal()

PLASSER = {
    "sak_overst": sak_overst,
    "sak_avtaler_og_kontakt": sak_avtaler_og_kontakt,
    "sak_seksjoner": sak_seksjoner,
    "sak_begrenset": sak_begrenset,
}

samtykke_trukket = Signal()
status_endret = Signal()
deltaker_overfort = Signal()
oppfolging_avsluttet = Signal()


def _app_rekkefolge(receiver):
    """Where the receiver's app stands in INSTALLED_APPS (unknown apps last, in connection order)."""
    config = apps.get_containing_app_config(getattr(receiver, "__module__", ""))
    rekkefolge = [a.name for a in apps.get_app_configs()]
    return rekkefolge.index(config.name) if config else len(rekkefolge)


def svar_i_rekkefolge(signal, **kwargs):
    """The receivers' answers, ordered by their apps' place in INSTALLED_APPS."""
    svar = signal.send(sender=None, **kwargs)
    return [verdi for _, verdi in sorted(svar, key=lambda par: _app_rekkefolge(par[0]))]


def plass_html(plass, request, deltaker):
    """The HTML the apps add to a slot, joined in a stated order. Non-HTML answers are escaped."""
    deler = [del_ for del_ in svar_i_rekkefolge(PLASSER[plass], request=request, deltaker=deltaker) if del_]
    return mark_safe(format_html_join("\n", "{}", ((conditional_escape(del_),) for del_ in deler)))


def send_etter_commit(signal, **kwargs):
    """Send `signal` once the current transaction commits (at once when there is none)."""
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))
