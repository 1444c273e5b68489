"""The status lifecycle: henvist → aktiv → pause → avsluttet (and back), and transfer to another centre."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.formats import date_format

from .. import services
from ..forms import AvsluttForm, OverforForm, StatusForm
from ..models import Status, StatusEndring
from ..services import Versjonskonflikt
from .felles import hent_redigerbar_deltaker, lagre_eller_konflikt, skjemaside, vis_konflikt


def _utdatert(form, deltaker):
    """The form was opened on an older version of the person than the one saved now."""
    versjon = form.cleaned_data.get("versjon")
    return versjon is not None and versjon != deltaker.versjon


def _statusrad(lagret, ny_status):
    """The conflict table's row for a status change: what is saved now, and what the user asked for."""
    return ("Status", f"{lagret.get_status_display()} fra {date_format(lagret.status_fra, 'j. F Y')}", ny_status)


def _statuskonflikt(form, lagret, ny_status):
    return vis_konflikt(form, lagret, []) + [_statusrad(lagret, ny_status)]


@login_required
def endre_status(request, pk):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    initial = {"versjon": deltaker.versjon}
    valg = [s for s in deltaker.mulige_statuser() if s != Status.AVSLUTTET]
    if len(valg) == 1:
        initial["til_status"] = valg[0].value
    form = StatusForm(request.POST or None, deltaker=deltaker, initial=initial)
    konflikt = None
    if request.method == "POST":
        gyldig = form.is_valid()
        valgt = dict(Status.choices).get(request.POST.get("til_status"), "")
        if _utdatert(form, deltaker):
            konflikt = _statuskonflikt(form, deltaker, valgt)
        elif gyldig:
            data = form.cleaned_data
            lagret, konflikt = lagre_eller_konflikt(
                form,
                [],
                lambda: services.endre_status(
                    deltaker,
                    versjon=data["versjon"],
                    til_status=data["til_status"],
                    dato=data["dato"],
                    av=request.user,
                    notat=data["notat"],
                ),
                tillegg=lambda lagret: [_statusrad(lagret, valgt)],
            )
            if lagret:
                messages.success(request, f"Status for {deltaker.fullt_navn} er nå «{deltaker.get_status_display()}».")
                return redirect("sak", pk=deltaker.pk)
    gjenoppta = deltaker.status == Status.AVSLUTTET
    avslutning = (
        StatusEndring.objects.filter(deltaker=deltaker, til_status=Status.AVSLUTTET).first() if gjenoppta else None
    )
    return skjemaside(
        request,
        "deltakere/endre_status.html",
        deltaker,
        form,
        konflikt,
        gjenoppta=gjenoppta,
        avslutning=avslutning,
        tittel="Gjenoppta oppfølgingen" if gjenoppta else "Endre status",
    )


@login_required
def avslutt_oppfolging(request, pk):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    if deltaker.status == Status.AVSLUTTET:
        messages.info(request, f"Oppfølgingen av {deltaker.fullt_navn} er allerede avsluttet.")
        return redirect("sak", pk=deltaker.pk)
    form = AvsluttForm(request.POST or None, initial={"versjon": deltaker.versjon})
    konflikt = None
    if request.method == "POST":
        gyldig = form.is_valid()
        if _utdatert(form, deltaker):
            konflikt = _statuskonflikt(form, deltaker, Status.AVSLUTTET.label)
        elif gyldig:
            data = form.cleaned_data
            lagret, konflikt = lagre_eller_konflikt(
                form,
                [],
                lambda: services.endre_status(
                    deltaker,
                    versjon=data["versjon"],
                    til_status=Status.AVSLUTTET,
                    dato=data["dato"],
                    av=request.user,
                    arsak=data["arsak"],
                    avslutningssamtale=data["avslutningssamtale"],
                    apen_dor_til=data["apen_dor_til"],
                    notat=data["notat"],
                ),
                tillegg=lambda lagret: [_statusrad(lagret, Status.AVSLUTTET.label)],
            )
            if lagret:
                messages.success(request, f"Oppfølgingen av {deltaker.fullt_navn} er avsluttet.")
                return redirect("sak", pk=deltaker.pk)
    return skjemaside(request, "deltakere/avslutt.html", deltaker, form, konflikt)


@login_required
def overfor_deltaker(request, pk):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    form = OverforForm(request.POST or None, deltaker=deltaker, initial={"versjon": deltaker.versjon})
    konflikt = None
    if request.method == "POST":
        gyldig = form.is_valid()
        if _utdatert(form, deltaker):
            konflikt = _statuskonflikt(form, deltaker, "Overført")
        elif gyldig:
            data = form.cleaned_data
            try:
                ny = services.overfor_deltaker(
                    deltaker,
                    versjon=data["versjon"],
                    til_senter=data["til_senter"],
                    dato=data["dato"],
                    samtykke_form=data["samtykke_form"],
                    av=request.user,
                )
            except Versjonskonflikt as exc:
                konflikt = _statuskonflikt(form, exc.lagret, "Overført")
            except ValidationError as e:
                form.add_error(None, e)
            else:
                # The user usually does not work at the new centre: back to the old, now read-only, record.
                messages.success(request, f"{deltaker.fullt_navn} er overført til {ny.senter}.")
                return redirect("sak", pk=deltaker.pk)
    return skjemaside(request, "deltakere/overfor.html", deltaker, form, konflikt)
