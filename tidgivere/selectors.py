"""Reads of the volunteer register, each a bounded number of queries whatever the number of rows.

Every read goes through the scoped managers (the one scoping helper): a tidgiver of another centre is not found.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from .models import Oppmote, Samling, Status, Tidgiver, Tidgiverstatus


def varselgrense(dato=None):
    """The last day of the renewal window: politiattester valid until this day or earlier are listed."""
    return (dato or timezone.localdate()) + timedelta(days=settings.POLITIATTEST_VARSEL_DAGER)


def fornyelse_q(dato=None):
    """The renewal condition: a politiattest expiring within the window (for everyone still with the centre),
    or already expired for an active tidgiver (or one on pause, who may come back)."""
    dato = dato or timezone.localdate()
    utloper = Q(politiattest_gyldig_til__gte=dato, politiattest_gyldig_til__lte=varselgrense(dato)) & ~Q(
        status=Status.AVSLUTTET
    )
    utlopt = Q(politiattest_gyldig_til__lt=dato, status__in=[Status.AKTIV, Status.PAUSE])
    return utloper | utlopt


def tidgivere(senter):
    return Tidgiver.objects.filter(senter=senter)


def register(senter, *, sok="", status="", aktivitet="", attest=False, dato=None):
    """The centre's tidgivere, searched and filtered; ordered by name."""
    qs = tidgivere(senter).sok(sok)
    if status:
        qs = qs.filter(status=status)
    if aktivitet:
        # JSON lists: a code is matched with its quotes, so "trening" never matches inside another code.
        qs = qs.filter(Q(aktiviteter__icontains=f'"{aktivitet}"') | Q(interesser__icontains=f'"{aktivitet}"'))
    if attest:
        qs = qs.filter(fornyelse_q(dato))
    return qs.order_by("navn", "pk")


def fornyelser(senter, dato=None):
    """Politiattester to renew at the centre: the expired first, then by the day they expire."""
    return tidgivere(senter).filter(fornyelse_q(dato)).order_by("politiattest_gyldig_til", "navn", "pk")


def statushistorikk(tidgiver):
    return list(Tidgiverstatus.objects.filter(tidgiver=tidgiver).select_related("av"))


def samlinger_for(tidgiver):
    return list(
        Samling.objects.filter(oppmoter__tidgiver=tidgiver).order_by("-dato", "-pk").only("type", "dato", "tema")
    )


def samlinger(senter):
    return Samling.objects.filter(senter=senter).annotate(antall=Count("oppmoter")).order_by("-dato", "-pk")


def til_stede(samling):
    return set(Oppmote.objects.filter(samling=samling).values_list("tidgiver_id", flat=True))


def kan_registreres_paa(samling):
    """Who may be ticked as present: the centre's tidgivere who have not ended, and those already ticked."""
    return (
        tidgivere(samling.senter)
        .filter(~Q(status=Status.AVSLUTTET) | Q(oppmoter__samling=samling))
        .distinct()
        .order_by("navn", "pk")
        .only("navn", "status")
    )
