"""Samlinger for the centre's tidgivere (temakveld, tidgiversamling, introduksjonskurs) and who was there."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.okt import skjemadata
from deltakere.views.felles import legg_til_feil

from .. import selectors, services
from ..forms import OppmoteForm, SamlingForm
from ..models import Samling
from .felles import forvaltet_senter, krev_forvalter

PER_SIDE = 25


@require_GET
def samlinger(request):
    senter = forvaltet_senter(request)
    side = Paginator(selectors.samlinger(senter), PER_SIDE).get_page(request.GET.get("side"))
    return render(request, "tidgivere/samlinger.html", {"senter": senter, "side": side})


@require_http_methods(["GET", "POST"])
def ny_samling(request):
    senter = forvaltet_senter(request)
    form = legg_til_engangskode(SamlingForm(skjemadata(request)))

    def lagre():
        if form.is_valid():
            try:
                samling = services.opprett_samling(
                    senter=senter,
                    type=form.cleaned_data["type"],
                    dato=form.cleaned_data["dato"],
                    tema=form.cleaned_data["tema"],
                    av=request.user,
                )
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                messages.success(request, "Samlingen er registrert.")
                return redirect("tidgivere:oppmote", samling_id=samling.pk), True
        return _vis_ny(request, senter, form), False

    if request.method == "POST":
        return en_gang(request, form, lagre)
    return _vis_ny(request, senter, form)


def _vis_ny(request, senter, form):
    return render(request, "tidgivere/ny_samling.html", {"senter": senter, "form": form})


@require_http_methods(["GET", "POST"])
def oppmote(request, samling_id):
    """Tick who was at the samling. An introduksjonskurs marks the course as completed for those ticked."""
    samling = get_object_or_404(Samling.objects.select_related("senter"), pk=samling_id)
    krev_forvalter(request, samling.senter_id)
    tidgivere = list(selectors.kan_registreres_paa(samling))
    til_stede = selectors.til_stede(samling)
    data = skjemadata(request)
    form = legg_til_engangskode(
        OppmoteForm(data, tidgivere=tidgivere, initial={"til_stede": [str(pk) for pk in til_stede]})
    )
    fremtidig = samling.dato > timezone.localdate()

    def lagre():
        if form.is_valid():
            try:
                nye, borte = services.registrer_oppmote(
                    samling, tidgiver_ids=form.cleaned_data["til_stede"], av=request.user
                )
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                messages.success(request, f"Oppmøtet er lagret ({nye} lagt til, {borte} tatt bort).")
                return redirect("tidgivere:oppmote", samling_id=samling.pk), True
        return _vis_oppmote(request, samling, form, tidgivere, fremtidig), False

    if request.method == "POST":
        return en_gang(request, form, lagre)
    return _vis_oppmote(request, samling, form, tidgivere, fremtidig)


def _vis_oppmote(request, samling, form, tidgivere, fremtidig):
    return render(
        request,
        "tidgivere/oppmote.html",
        {"samling": samling, "form": form, "antall": len(tidgivere), "fremtidig": fremtidig},
    )
