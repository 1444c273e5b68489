"""The one scoping helper: every query of personal data is limited to the signed-in user's centres.

Centre-owned models declare `objects = SenterScopedManager("senter")` (or the lookup that
leads to their centre, e.g. "deltaker__senter"). The manager is django-scopes' ScopedManager,
so a query run with no active scope raises `ScopeError` instead of returning rows: the
boundary fails closed, as pretix does with django-scopes.

`SenterScopeMiddleware` opens the scope for each signed-in request with the ids of the centres
where the user has an active membership; views then fetch with `get_object_or_404` on the
scoped manager, and an object of another centre answers 404. Management commands and tests
open a scope explicitly (`senter_scope(user)`, or `scopes_disabled()` where the whole
database is meant).

Roles narrow what a member may do at a centre; `rolle_ved` and `krev_rolle` answer that from
the memberships the middleware has already loaded, so a role check costs no query.
"""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django_scopes import ScopedManager, get_scope, scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet

__all__ = [
    "FULL_TILGANG",
    "RETTIGHETER",
    "kan",
    "registrer_rettighet",
    "SenterScopedManager",
    "deltakere_for",
    "hent_deltaker",
    "SenterScopeMiddleware",
    "aktive_medlemskap",
    "krev_rolle",
    "rolle_ved",
    "scopes_disabled",
    "senter_scope",
]


class _UtenScopeQuerySet(DisabledQuerySet):
    """django-scopes' refusing queryset, also refusing the terminal calls it lets through."""

    exists = DisabledQuerySet.error
    contains = DisabledQuerySet.error
    in_bulk = DisabledQuerySet.error
    explain = DisabledQuerySet.error
    bulk_update = DisabledQuerySet.error


def SenterScopedManager(lookup="senter", manager_class=models.Manager):  # noqa: N802 - a factory, like ScopedManager
    """A manager whose querysets are limited to the active centre scope through `lookup`."""
    scoped_class = type(ScopedManager(_manager_class=manager_class, senter=lookup))

    class SenterManager(scoped_class):
        def get_queryset(self):
            qs = super().get_queryset()
            if isinstance(qs, DisabledQuerySet):
                return _UtenScopeQuerySet(self.model, using=self._db, missing_scopes=qs.missing_scopes)
            return qs

    return SenterManager()


def aktive_medlemskap(bruker):
    """The user's active memberships, with their centres: the only unscoped read of memberships.

    It has to be unscoped, because the memberships are what the scope is made from.
    """
    from .models import Medlemskap

    if not bruker.is_authenticated:
        return []
    return list(
        Medlemskap.objects.with_scopes_disabled()
        .filter(bruker=bruker, sluttet__isnull=True, senter__aktiv=True)
        .select_related("senter")
        .order_by("senter__navn")
    )


@contextmanager
def senter_scope(bruker):
    """Open the scope of `bruker`'s centres (for management commands, shell work and tests)."""
    ids = [m.senter_id for m in aktive_medlemskap(bruker)]
    with scope(senter=ids):
        yield ids


AKTIVT_SENTER_SESSION_KEY = "aktivt_senter_id"


class SenterScopeMiddleware:
    """Opens the centre scope for every request of a signed-in user.

    Anonymous requests get no scope at all, so any query of personal data they could
    reach raises instead of answering. The scope is always a list (possibly empty): a
    user with no active membership sees nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            request.medlemskap = []
            request.aktivt_medlemskap = None
            return self.get_response(request)

        medlemskap = aktive_medlemskap(request.user)
        request.medlemskap = medlemskap
        valgt = request.session.get(AKTIVT_SENTER_SESSION_KEY)
        request.aktivt_medlemskap = next(
            (m for m in medlemskap if m.senter_id == valgt), medlemskap[0] if medlemskap else None
        )
        with scope(senter=[m.senter_id for m in medlemskap]):
            return self.get_response(request)


def rolle_ved(request, senter_id):
    """The user's role at the centre, or None when they do not work there."""
    for m in getattr(request, "medlemskap", []):
        if m.senter_id == senter_id:
            return m.rolle
    return None


def krev_rolle(request, senter_id, roller):
    """The user's membership at `senter_id` when their role there is one of `roller`.

    Not a member of that centre: 404, so the centre's data stays invisible. A member
    whose role may not do this: 403.
    """
    for m in getattr(request, "medlemskap", []):
        if m.senter_id == senter_id:
            if m.rolle in roller:
                return m
            raise PermissionDenied
    raise Http404


# ---------------------------------------------------------------------------
# Rights: what a role may do to the people followed up at its centre
# ---------------------------------------------------------------------------

# One table, one helper (`kan`). Apps above the register add their own rights with
# `registrer_rettighet` in AppConfig.ready(), so "sosionom and leder may change a tiltaksplan,
# veileder may comment" needs no second mechanism.
RETTIGHETER = {
    # The whole record of a person: everything the register holds.
    "deltakere.se": frozenset({"veileder", "sosionom", "leder"}),
    # Only what a person has consented to share with a tidgiver (name, nickname, birth year, interests).
    "deltakere.se_begrenset": frozenset({"veileder", "sosionom", "leder", "tidgiverkoordinator"}),
    "deltakere.registrere": frozenset({"veileder", "sosionom", "leder"}),
    "deltakere.endre": frozenset({"veileder", "sosionom", "leder"}),
    "deltakere.ansatte": frozenset({"leder"}),
}

# Roles that see and edit everything about the people followed up at their centre.
FULL_TILGANG = RETTIGHETER["deltakere.se"]


def registrer_rettighet(navn, roller):
    """Add (or replace) a right: the roles that have it at their own centre."""
    RETTIGHETER[navn] = frozenset(roller)


def kan(request, rettighet, senter_id):
    """May the signed-in user do `rettighet` at `senter_id`? From the loaded memberships: no query."""
    return rolle_ved(request, senter_id) in RETTIGHETER[rettighet]


def deltakere_for(request):
    """The people the user may see: at their centres, and narrowed by role.

    A veileder, sosionom or leder sees everyone followed up at the centre. A
    tidgiverkoordinator sees only those who have consented to share information with a
    tidgiver (and only name, nickname, birth year, interests and that consent: the views
    decide the fields, this decides the rows).
    """
    from django.db.models import Q

    from .models import Deltaker

    full = [m.senter_id for m in request.medlemskap if m.rolle in FULL_TILGANG]
    begrenset = [
        m.senter_id for m in request.medlemskap if m.rolle in RETTIGHETER["deltakere.se_begrenset"] - FULL_TILGANG
    ]
    if not begrenset and _bare_disse_sentrene(full):
        # The scope already limits the rows to exactly these centres: saying it twice would only make
        # PostgreSQL misjudge how many rows match (it multiplies the two filters' selectivity).
        return Deltaker.objects.all()
    return Deltaker.objects.filter(Q(senter__in=full) | (Q(senter__in=begrenset) & Deltaker.deler_med_tidgiver()))


def _bare_disse_sentrene(senter_ids):
    """Is a scope open that limits queries to exactly these centres? (Never when scopes are disabled.)"""
    aktivt = get_scope()
    return bool(aktivt.get("_enabled")) and set(aktivt.get("senter") or ()) == set(senter_ids)


def hent_deltaker(request, pk, *, rettighet="deltakere.se", handling=None, logg=True):
    """One person the user may see and do `rettighet` to, or 404; the access is written to the access log.

    The one way a view fetches a person, so no page that shows one can forget the log: a GET is
    logged as "vis", another method as "endre", unless `handling` says otherwise (or `logg=False`, for a
    view that writes its one row itself once it knows what it did). A user who
    may not (another centre, or a role without the right) gets 404, so the person's existence
    is not revealed.
    """
    from django.shortcuts import get_object_or_404

    from .tilgangslogg import Handling, logg_tilgang

    qs = deltakere_for(request).select_related("senter", "primaerkontakt", "andrekontakt", "overfort_til__senter")
    deltaker = get_object_or_404(qs, pk=pk)
    if not kan(request, rettighet, deltaker.senter_id):
        raise Http404
    if logg:  # logg=False only where the caller writes the one row itself (a printout, say)
        if handling is None:
            handling = Handling.VIS if request.method in ("GET", "HEAD") else Handling.ENDRE
        logg_tilgang(request, deltaker, handling)
    return deltaker
