"""What matching adds to the register (slots in deltakere.signals) and how it answers the register's domain events.

- When the consent to share with a tidgiver is withdrawn, the follow-up ends or the person is transferred to
  another centre, every match under way is paused (one not yet started is declined), with the reason shown to the
  coordinator. The person leaves every candidate list at once, since the lists ask the database for the consent.
- Min oversikt (`oppfolging.signals.min_oversikt_seksjoner`) shows the coordinator and the leder the check-ins
  due, the matches waiting for a step, and the matches the system paused, with links to the board and the hours.
- The participant page (staff: `sak_seksjoner`; the coordinator's narrowed page: `sak_begrenset`) shows the
  person's current and past tidgivere, and for the coordinator and leder a link to find one. One query.
"""

from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from deltakere import signals
from deltakere.models import Samtykke
from deltakere.scoping import deltakere_for, kan
from oppfolging.signals import min_oversikt_seksjoner

from . import selectors, services

VIS = 10


@receiver(signals.samtykke_trukket)
def samtykke_trukket(sender, deltaker, samtykke, **kwargs):
    if samtykke.type == Samtykke.Type.DELE_MED_TIDGIVER:
        services.pause_for_deltaker(deltaker, grunn="Samtykket til å dele med tidgiver ble trukket")


@receiver(signals.oppfolging_avsluttet)
def oppfolging_avsluttet(sender, deltaker, dato=None, **kwargs):
    services.pause_for_deltaker(deltaker, grunn="Oppfølgingen ble avsluttet", dato=dato)


@receiver(signals.deltaker_overfort)
def deltaker_overfort(sender, deltaker, **kwargs):
    services.pause_for_deltaker(deltaker, grunn="Deltakeren ble overført til et annet senter")


def _tidgiverseksjon(request, deltaker):
    if not kan(request, "tidgivere.se_kobling", deltaker.senter_id):
        return ""
    koblinger = selectors.koblinger_for_deltaker(deltaker)
    return render_to_string(
        "tidgivere/_sak_koblinger.html",
        {
            "deltaker": deltaker,
            "naa": [k for k in koblinger if k.pagaende],
            "tidligere": [k for k in koblinger if not k.pagaende],
            "kan_koble": kan(request, "tidgivere.koble", deltaker.senter_id) and not deltaker.er_overfort,
        },
        request=request,
    )


@receiver(signals.sak_seksjoner)
def tidgiverseksjon(sender, request, deltaker, **kwargs):
    return _tidgiverseksjon(request, deltaker)


@receiver(signals.sak_begrenset)
def tidgiverseksjon_begrenset(sender, request, deltaker, **kwargs):
    return _tidgiverseksjon(request, deltaker)


@receiver(min_oversikt_seksjoner)
def min_oversikt(sender, request, senter, **kwargs):
    """Four queries: the people the user may see, check-ins due, matches waiting for a step, paused ones."""
    if not kan(request, "tidgivere.koble", senter.pk):
        return ""
    synlige = set(deltakere_for(request).filter(senter=senter, koblinger__isnull=False).values_list("pk", flat=True))
    forfalte = [f for f in selectors.forfalte_innsjekker(senter) if f.kobling.deltaker_id in synlige]
    venter = [k for k in selectors.venter_paa_steg(senter) if k.deltaker_id in synlige]
    pauset = selectors.satt_pa_pause(senter)
    return render_to_string(
        "tidgivere/_min_oversikt_koblinger.html",
        {
            "forfalte": forfalte[:VIS],
            "antall_forfalte": len(forfalte),
            "venter": venter[:VIS],
            "antall_venter": len(venter),
            "pauset": [(k, k.deltaker_id in synlige) for k in pauset[:VIS]],
            "vis": VIS,
            "idag": timezone.localdate(),
        },
        request=request,
    )
