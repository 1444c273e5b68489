"""The participant page's section for appointments and morgenmøte tasks (slot `sak_seksjoner`): the coming
appointments, the open tasks about the person, and the ways to make new ones. Two queries."""

from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from deltakere import signals
from deltakere.scoping import kan

from . import signaler  # noqa: F401  (its section comes first on the page: connect it first)
from .models import Avtale, Oppgave

VIS = 3


@receiver(signals.sak_seksjoner)
def avtaler_og_oppgaver(sender, request, deltaker, **kwargs):
    if not kan(request, "oppfolging.avtaler", deltaker.senter_id):
        return ""
    kommende = list(
        Avtale.objects.filter(deltaker=deltaker, status=Avtale.Status.PLANLAGT, tidspunkt__gte=timezone.now())
        .select_related("med")
        .order_by("tidspunkt", "pk")[:VIS]
    )
    oppgaver = list(
        Oppgave.objects.filter(deltaker=deltaker, ferdig__isnull=True).select_related("tildelt").order_by("frist", "pk")
    )
    return render_to_string(
        "oppfolging/avtale_sak.html",
        {
            "deltaker": deltaker,
            "kommende": kommende,
            "oppgaver": oppgaver,
            "redigerbar": not deltaker.er_overfort,
            "kan_oppgaver": kan(request, "oppfolging.oppgaver", deltaker.senter_id),
        },
        request=request,
    )
