"""What oppfolging adds to the register's pages, through its slots (deltakere.signals).

The participant page gets a section with the current plan's hovedmål, overdue tiltak and when the next
kartlegging is due; the timeline gets the kartlegginger (with the main changes) and the plan's events; the
tidgiverkoordinator's limited page gets the hovedmål the person has agreed a tidgiver may help with.
Each reads a fixed number of queries, shared between the slots of one page.
"""

from django.conf import settings
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from deltakere import signals
from deltakere.scoping import kan
from deltakere.selectors import Hendelse

from . import selectors
from .models import Avtale, Hovedmal, Kontaktslag, Malstatus, Oppgave, Samtale, Tiltak, Tiltaksplan


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


# ---------------------------------------------------------------------------
# Samtaler, appointments and tasks
# ---------------------------------------------------------------------------

SAMTALE = "oppfolging.samtale"
VIS_PER_SLAG = 50  # the timeline reads the newest of each kind; the samtale list has them all


@receiver(signals.sak_avtaler_og_kontakt)
def avtaler_og_kontakt(sender, request, deltaker, **kwargs):
    """ "Neste avtale" and "Siste kontakt" (days since, from the one definition of contact, flagged above the
    centre's threshold), and the way to log a new samtale. Three queries."""
    if not kan(request, SAMTALE, deltaker.senter_id):
        return ""
    from .models import Senterinnstillinger

    siste = selectors.siste_kontakt(deltaker)
    dager = selectors.dager_siden(siste)
    innstillinger = Senterinnstillinger.objects.filter(senter=deltaker.senter_id).first()
    terskel = innstillinger.terskel if innstillinger else settings.KONTAKT_TERSKEL_DAGER
    return render_to_string(
        "oppfolging/_sak_kontakt.html",
        {
            "deltaker": deltaker,
            "neste_avtale": selectors.neste_avtale(deltaker),
            "siste_kontakt": siste,
            "dager": dager,
            "terskel": terskel,
            "flagget": dager is None or dager > terskel,
            "redigerbar": not deltaker.er_overfort,
        },
        request=request,
    )


@receiver(signals.sak_seksjoner)
def samtaleseksjon(sender, request, deltaker, **kwargs):
    """The motivation over time (chart and table) and the way to the samtaler. Two queries."""
    if not kan(request, SAMTALE, deltaker.senter_id):
        return ""
    from . import diagram

    punkter = selectors.motivasjonshistorikk(deltaker)[-12:]
    antall = Samtale.objects.filter(deltaker=deltaker).count()
    return render_to_string(
        "oppfolging/_sak_samtaler.html",
        {
            "deltaker": deltaker,
            "punkter": punkter,
            "diagram": diagram.motivasjonsdiagram(punkter) if punkter else None,
            "antall": antall,
            "redigerbar": not deltaker.er_overfort,
        },
        request=request,
    )


def _samtalehendelse(deltaker, s, fritekst):
    detaljer = [s.get_form_display() + (f", {s.varighet} minutter" if s.varighet is not None else "")]
    if s.kontaktslag != Kontaktslag.MED_PERSONEN:
        detaljer.append(s.get_kontaktslag_display() + ("" if s.er_kontakt else " (teller ikke som kontakt)"))
    if fritekst and s.notat:
        detaljer.append(Truncator(s.notat).chars(300))
    tittel = s.get_type_display()
    if s.kontaktslag == Kontaktslag.FORSOK_IKKE_NADD:
        tittel += ": forsøk som ikke nådde personen"
    return Hendelse(
        timezone.localdate(s.tidspunkt), tittel, detaljer, s.tidspunkt, "samtale",
        s.registrert_av.navn if s.registrert_av else "",
        lenke=reverse("oppfolging:samtale", args=[deltaker.pk, s.pk]), typenavn="Samtaler",
    )  # fmt: skip


@receiver(signals.sak_tidslinje)
def samtaler_i_tidslinjen(sender, request, deltaker, **kwargs):
    """The newest samtaler, appointments and tasks (VIS_PER_SLAG of each kind): three queries."""
    if request is not None and not kan(request, SAMTALE, deltaker.senter_id):
        return []
    fritekst = deltaker.senter.fritekst_tillatt
    hendelser = [
        _samtalehendelse(deltaker, s, fritekst)
        for s in Samtale.objects.filter(deltaker=deltaker).select_related("registrert_av")[:VIS_PER_SLAG]
    ]
    for a in (
        Avtale.objects.filter(deltaker=deltaker).select_related("med").order_by("-tidspunkt", "-pk")[:VIS_PER_SLAG]
    ):
        detaljer = [a.get_form_display() + (f", med {a.med.navn}" if a.med_id else "")]
        if fritekst and a.notat:
            detaljer.append(a.notat)
        lenke = reverse("oppfolging:samtale", args=[deltaker.pk, a.fra_samtale_id]) if a.fra_samtale_id else ""
        hendelser.append(
            Hendelse(
                timezone.localdate(a.tidspunkt),
                f"Avtale kl. {timezone.localtime(a.tidspunkt):%H:%M}: {a.get_status_display().lower()}",
                detaljer,
                a.tidspunkt,
                "avtale",
                lenke=lenke,
                typenavn="Avtaler",
            )  # fmt: skip
        )
    for o in (
        Oppgave.objects.filter(deltaker=deltaker).select_related("tildelt").order_by("-opprettet", "-pk")[:VIS_PER_SLAG]
    ):
        hvem = o.tildelt.navn if o.tildelt_id else (o.get_gruppe_display() if o.gruppe else "ingen ennå")
        detaljer = [f"Hvem har den: {hvem}"]
        if o.frist:
            detaljer.append(f"Frist {o.frist:%d.%m.%Y}")
        if o.ferdig:
            detaljer.append(f"Ferdig {timezone.localtime(o.ferdig):%d.%m.%Y}")
        lenke = reverse("oppfolging:samtale", args=[deltaker.pk, o.fra_samtale_id]) if o.fra_samtale_id else ""
        hendelser.append(
            Hendelse(
                timezone.localdate(o.opprettet),
                f"Oppgave: {o.hva}",
                detaljer,
                o.opprettet,
                "oppgave",
                lenke=lenke,
                typenavn="Oppgaver",
            )  # fmt: skip
        )
    return hendelser
