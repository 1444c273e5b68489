"""A leder adds, changes and removes the staff of their own centre."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..forms import EndreRolleForm, NyAnsattForm
from ..models import Medlemskap, Rolle
from ..scoping import AKTIVT_SENTER_SESSION_KEY, krev_rolle
from ..services import avslutt_medlemskap, legg_til_ansatt


def _senter_for_leder(request, senter_id):
    return krev_rolle(request, senter_id, {Rolle.LEDER}).senter


@login_required
def ansatte(request, senter_id):
    senter = _senter_for_leder(request, senter_id)
    aktive = Medlemskap.objects.filter(senter=senter, sluttet__isnull=True).select_related("bruker")
    tidligere = Medlemskap.objects.filter(senter=senter, sluttet__isnull=False).select_related("bruker")
    return render(
        request,
        "deltakere/ansatte.html",
        {"senter": senter, "aktive": aktive, "tidligere": tidligere.order_by("-sluttet")[:50]},
    )


@login_required
def ny_ansatt(request, senter_id):
    senter = _senter_for_leder(request, senter_id)
    form = NyAnsattForm(request.POST or None, senter=senter)
    if request.method == "POST" and form.is_valid():
        medlemskap, invitert = legg_til_ansatt(
            senter=senter,
            invitert_av=request.user,
            base_url=request.build_absolute_uri("/").rstrip("/"),
            **form.cleaned_data,
        )
        tekst = f"{medlemskap.bruker.navn} er lagt til som {medlemskap.get_rolle_display().lower()}."
        if invitert:
            tekst += " En e-post med lenke for å velge passord er sendt."
        messages.success(request, tekst)
        return redirect("ansatte", senter_id=senter.pk)
    return render(request, "deltakere/ny_ansatt.html", {"senter": senter, "form": form})


@login_required
def endre_ansatt(request, senter_id, medlemskap_id):
    senter = _senter_for_leder(request, senter_id)
    medlemskap = get_object_or_404(
        Medlemskap.objects.select_related("bruker"), pk=medlemskap_id, senter=senter, sluttet__isnull=True
    )
    form = EndreRolleForm(request.POST or None, instance=medlemskap)
    if request.method == "POST" and form.is_valid():
        if medlemskap.bruker_id == request.user.pk and form.cleaned_data["rolle"] != Rolle.LEDER:
            form.add_error("rolle", "Du kan ikke ta fra deg selv lederrollen. Be en annen leder om å gjøre det.")
        else:
            form.save()
            messages.success(request, f"Rollen til {medlemskap.bruker.navn} er endret.")
            return redirect("ansatte", senter_id=senter.pk)
    return render(request, "deltakere/endre_ansatt.html", {"senter": senter, "medlemskap": medlemskap, "form": form})


@login_required
@require_POST
def fjern_ansatt(request, senter_id, medlemskap_id):
    senter = _senter_for_leder(request, senter_id)
    medlemskap = get_object_or_404(
        Medlemskap.objects.select_related("bruker"), pk=medlemskap_id, senter=senter, sluttet__isnull=True
    )
    if medlemskap.bruker_id == request.user.pk:
        messages.error(request, "Du kan ikke fjerne deg selv. Be en annen leder om å gjøre det.")
    else:
        avslutt_medlemskap(medlemskap)
        messages.success(request, f"{medlemskap.bruker.navn} har ikke lenger tilgang til {senter}.")
    return redirect("ansatte", senter_id=senter.pk)


@login_required
@require_POST
def bytt_senter(request):
    """The centre switcher in the header: which centre the user is working in now."""
    try:
        senter_id = int(request.POST.get("senter", ""))
    except ValueError:
        senter_id = None
    medlemskap = next((m for m in request.medlemskap if m.senter_id == senter_id), None)
    if medlemskap is None:
        messages.error(request, "Velg et av sentrene du jobber ved.")
    else:
        request.session[AKTIVT_SENTER_SESSION_KEY] = medlemskap.senter_id
        messages.success(request, f"Du jobber nå ved {medlemskap.senter}.")
    return redirect("min_oversikt")
