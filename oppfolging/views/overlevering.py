"""Cover and handover (leder only): move a staff member's people, as primærkontakt and/or andre kontakt, to
another staff member in one step, dated and in the history (`services.overlever`, through the register's dated
contact-person changes), with their open tasks and future appointments where the leder chooses; then a page
that says what moved."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.models import Bruker, Status
from deltakere.scoping import deltakere_for
from deltakere.tilgangslogg import Handling, logg_tilgang
from deltakere.views.felles import legg_til_feil

from .. import services
from ..forms import OverleveringForm, OverleveringValgForm
from ..models import Avtale, Oppgave
from .avtaler import aktivt_senter

RETT = "oppfolging.overlevering"
KVITTERING = "overlevering_kvittering"  # in the session: ids and dates only


def _personer(request, senter, fra):
    """`fra`'s people at the centre: primærkontakt or andre kontakt, followed up now (not ended or transferred)."""
    return (
        deltakere_for(request)
        .filter(senter=senter, overfort_til__isnull=True)
        .filter(Q(primaerkontakt=fra) | Q(andrekontakt=fra))
        .exclude(status=Status.AVSLUTTET)
        .select_related("senter", "primaerkontakt", "andrekontakt")
        .order_by("etternavn", "fornavn", "pk")
    )


@require_http_methods(["GET", "POST"])
def overlevering(request):
    """Step one (GET, ids only in the address): who hands over, who takes over. Step two: whose people, which
    roles, from which date, whether tasks and appointments follow; the POST does it and shows the receipt."""
    senter = aktivt_senter(request, RETT)
    data = request.POST if request.method == "POST" else (request.GET if "fra" in request.GET else None)
    valg = OverleveringValgForm(data, senter=senter)
    if not valg.is_bound or not valg.is_valid():
        return render(request, "oppfolging/overlevering.html", {"senter": senter, "valg": valg})
    fra, til = valg.cleaned_data["fra"], valg.cleaned_data["til"]
    personer = _personer(request, senter, fra)
    if request.method != "POST":
        form = legg_til_engangskode(
            OverleveringForm(
                initial={
                    "fra": fra.pk,
                    "til": til.pk,
                    "dato": timezone.localdate(),
                    "roller": ["primaerkontakt", "andrekontakt"],
                },
                senter=senter,
                personer=personer,
                fra=fra,
            )
        )
        return _side(request, senter, valg, form)
    form = legg_til_engangskode(OverleveringForm(request.POST, senter=senter, personer=personer, fra=fra))

    def behandle():
        if form.is_valid():
            data = form.cleaned_data
            valgte = list(personer) if data["alle"] else list(data["deltakere"])
            kvittering = {}
            try:
                services.overlever(
                    senter=senter, fra=fra, til=til, deltakere=valgte, dato=data["dato"], av=request.user,
                    roller=tuple(data["roller"]), oppgaver=data["oppgaver"], avtaler=data["avtaler"],
                    kvittering=kvittering,
                )  # fmt: skip
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                endret = {d.pk: d for d in valgte}
                for pk in kvittering["personer"]:
                    logg_tilgang(request, endret[pk], Handling.ENDRE)
                request.session[KVITTERING] = {
                    "senter": senter.pk, "fra": fra.pk, "til": til.pk, "dato": data["dato"].isoformat(),
                    "roller": list(data["roller"]), **kvittering,
                }  # fmt: skip
                return redirect("oppfolging:overlevering_kvittering"), True
        return _side(request, senter, valg, form), False

    return en_gang(request, form, behandle)


def _side(request, senter, valg, form):
    fra = valg.cleaned_data["fra"]
    personer = list(form.fields["deltakere"].queryset)
    ids = [d.pk for d in personer]
    return render(
        request,
        "oppfolging/overlevering.html",
        {
            "senter": senter,
            "valg": valg,
            "form": form,
            "fra": fra,
            "til": valg.cleaned_data["til"],
            "personer": personer,
            "apne_oppgaver": Oppgave.objects.filter(
                senter=senter, tildelt=fra, ferdig__isnull=True, deltaker__in=ids
            ).count(),
            "framtidige_avtaler": Avtale.objects.filter(
                deltaker__in=ids, med=fra, tidspunkt__gte=timezone.now(), status=Avtale.Status.PLANLAGT
            ).count(),
        },
    )


@require_GET
def kvittering(request):
    """What the last handover moved (kept in the session as ids; read back through the scoping helper)."""
    senter = aktivt_senter(request, RETT)
    k = request.session.get(KVITTERING)
    if not k or k.get("senter") != senter.pk:
        messages.info(request, "Det er ingen overlevering å vise. Velg hvem som overleverer.")
        return redirect(reverse("oppfolging:overlevering"))
    brukere = {b.pk: b for b in Bruker.objects.filter(pk__in=[k["fra"], k["til"]])}
    personer = list(
        deltakere_for(request)
        .filter(senter=senter, pk__in=k["personer"])
        .select_related("primaerkontakt", "andrekontakt")
        .order_by("etternavn", "fornavn", "pk")
    )
    oppgaver = list(
        Oppgave.objects.filter(senter=senter, pk__in=k["oppgaver"]).select_related("deltaker").order_by("frist", "pk")
    )
    avtaler = list(
        Avtale.objects.filter(deltaker__senter=senter, pk__in=k["avtaler"])
        .select_related("deltaker")
        .order_by("tidspunkt", "pk")
    )
    return render(
        request,
        "oppfolging/overlevering_kvittering.html",
        {
            "fra": brukere.get(k["fra"]),
            "til": brukere.get(k["til"]),
            "dato": date.fromisoformat(k["dato"]),
            "roller": [navn for kode, navn in OverleveringForm.ROLLER if kode in k["roller"]],
            "personer": personer,
            "oppgaver": oppgaver,
            "avtaler": avtaler,
        },
    )
