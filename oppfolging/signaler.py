"""What oppfolging adds to the register's pages, through its slots (deltakere.signals).

The participant page gets a section with the current plan's hovedmål, overdue tiltak and when the next
kartlegging is due; the timeline gets the kartlegginger (with the main changes) and the plan's events; the
tidgiverkoordinator's limited page gets the hovedmål the person has agreed a tidgiver may help with.
Each reads a fixed number of queries, shared between the slots of one page.
"""

from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from deltakere import signals
from deltakere.scoping import kan
from deltakere.selectors import Hendelse

from . import selectors
from .models import Hovedmal, Malstatus, Tiltak, Tiltaksplan


def _data(request, deltaker):
    """The person's kartlegginger and plans, read once per request and page."""
    minne = getattr(request, "_oppfolging", None)
    if minne is None or minne[0] != deltaker.pk:
        minne = (deltaker.pk, selectors.kartlegginger(deltaker), selectors.planer(deltaker))
        if request is not None:
            request._oppfolging = minne
    return minne[1], minne[2]


@receiver(signals.sak_seksjoner)
def oppfolgingsseksjon(sender, request, deltaker, **kwargs):
    if not kan(request, "oppfolging.kartlegge", deltaker.senter_id):
        return ""
    kartlegginger, planer = _data(request, deltaker)
    plan = selectors.gjeldende_plan(planer)
    idag = timezone.localdate()
    return render_to_string(
        "oppfolging/_sak_oppfolging.html",
        {
            "deltaker": deltaker,
            "siste": kartlegginger[0] if kartlegginger else None,
            "antall_kartlegginger": len(kartlegginger),
            "neste": selectors.neste_kartlegging(
                deltaker,
                kartlegginger,
                selectors.kartleggingsplan(deltaker.senter),
                avsluttet=selectors.avslutningsdato(deltaker),
            ),
            "plan": plan,
            "forfalte": selectors.forfalte_tiltak(plan, idag) if plan else [],
            "idag": idag,
            "redigerbar": not deltaker.er_overfort,
        },
        request=request,
    )


def _kartleggingshendelser(deltaker, kartlegginger):
    hendelser = []
    eldre_forst = list(reversed(kartlegginger))
    for forrige, k in zip([None, *eldre_forst], eldre_forst, strict=False):
        detaljer = []
        snitt = selectors.snitt(k)
        if snitt is not None:
            detaljer.append(f"Snitt av egne vurderinger: {snitt}")
        if forrige is not None:
            endring = selectors.sammenlign(forrige, k)
            bedre = [f"{r.omrade.navn} {r.for_}→{r.etter}" for r in endring.sammenlignbare if r.endring >= 2]
            verre = [f"{r.omrade.navn} {r.for_}→{r.etter}" for r in endring.sammenlignbare if r.endring <= -2]
            if bedre:
                detaljer.append("Bedre: " + ", ".join(bedre))
            if verre:
                detaljer.append("Verre: " + ", ".join(verre))
        viktige = [o.navn for o in selectors.viktige_omrader(k)]
        if viktige:
            detaljer.append("Viktig å jobbe med nå: " + ", ".join(viktige))
        for s in k.screeninger.all():
            resultat = s.resultat()
            detaljer.append(
                f"{s.get_instrument_display()}: "
                + (f"sum {resultat.sum}, {resultat.sone.navn.lower()}" if resultat.fullstendig else "ufullstendig")
            )
        hendelser.append(
            Hendelse(
                k.dato,
                "Kartlegging",
                detaljer,
                k.registrert,
                "kartlegging",
                k.utfort_av.navn if k.utfort_av else "",
                lenke=reverse("oppfolging:kartlegging", args=[deltaker.pk, k.pk]),
            )
        )
    return hendelser


def _planhendelser(deltaker, planer):
    hendelser = []
    for plan in planer:
        lenke = reverse("oppfolging:plan", args=[deltaker.pk]) + f"?plan={plan.pk}"
        if plan.aktivert:
            mal = [h.tekst or h.omradenavn for h in plan.hovedmal.all()]
            hendelser.append(
                Hendelse(
                    plan.aktivert,
                    "Tiltaksplan tatt i bruk",
                    ["Hovedmål: " + ", ".join(mal)] if mal else [],
                    None,
                    "plan",
                    lenke=lenke,
                )  # fmt: skip
            )
        if plan.avsluttet:
            hendelser.append(Hendelse(plan.avsluttet, "Tiltaksplan avsluttet", [], None, "plan", lenke=lenke))
        for h in plan.hovedmal.all():
            if h.status != Malstatus.PAGAR and h.status_dato:
                tittel = "Hovedmål nådd" if h.status == Malstatus.NADD else "Hovedmål avbrutt"
                hendelser.append(Hendelse(h.status_dato, tittel, [h.tekst or h.omradenavn], None, "plan", lenke=lenke))
            for d in h.delmal.all():
                for t in d.tiltak.all():
                    if t.status == Tiltak.Status.FULLFORT and t.status_dato:
                        hendelser.append(
                            Hendelse(
                                t.status_dato, "Tiltak fullført", [t.hva] if t.hva else [], None, "plan", lenke=lenke
                            )  # fmt: skip
                        )
    return hendelser


@receiver(signals.sak_tidslinje)
def tidslinje(sender, request, deltaker, **kwargs):
    if request is not None and not kan(request, "oppfolging.kartlegge", deltaker.senter_id):
        return []
    kartlegginger, planer = _data(request, deltaker)
    return _kartleggingshendelser(deltaker, kartlegginger) + _planhendelser(deltaker, planer)


@receiver(signals.sak_begrenset)
def tidgivermal(sender, request, deltaker, **kwargs):
    """For the tidgiverkoordinator: the hovedmål the person agreed a tidgiver may help with, and nothing else."""
    mal = list(
        Hovedmal.objects.filter(
            plan__deltaker=deltaker,
            plan__status=Tiltaksplan.Status.AKTIV,
            tidgiver_kan_hjelpe=True,
            status=Malstatus.PAGAR,
        ).order_by("rekkefolge", "pk")
    )
    return render_to_string("oppfolging/_sak_tidgivermal.html", {"mal": mal}, request=request)
