"""Consent (samtykke) and the person's network: pårørende and samarbeidspartnere."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import NettverkskontaktForm, SamtykkeForm
from ..models import Nettverkskontakt, Samtykke
from .felles import hent_redigerbar_deltaker


def _kontaktsamtykker(deltaker, kontakt):
    """The consents that name `kontakt`, given and withdrawn, newest first."""
    return list(Samtykke.objects.filter(deltaker=deltaker, gjelder=kontakt).order_by("-dato", "-registrert"))


@login_required
def ny_samtykke(request, pk):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    # "Registrer samtykke" from a contact's page preselects the type and the contact (an id, never a name).
    initial = {}
    if request.GET.get("type") in Samtykke.Type.values:
        initial["type"] = request.GET["type"]
    if request.GET.get("gjelder", "").isdigit():
        initial["gjelder"] = request.GET["gjelder"]
    form = SamtykkeForm(request.POST or None, deltaker=deltaker, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            samtykke = services.registrer_samtykke(
                deltaker,
                type=data["type"],
                form=data["form"],
                dato=data["dato"],
                omfang=data["omfang"],
                gjelder=data["gjelder"],
                av=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Samtykket «{samtykke}» er registrert.")
            return redirect("sak", pk=deltaker.pk)
    samtykker = Samtykke.objects.filter(deltaker=deltaker).select_related("gjelder")
    return render(
        request,
        "deltakere/ny_samtykke.html",
        {"deltaker": deltaker, "form": form, "samtykker": samtykker},
    )


@login_required
@require_POST
def trekk_samtykke(request, pk, samtykke_id):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    samtykke = get_object_or_404(Samtykke.objects.select_related("gjelder"), pk=samtykke_id, deltaker=deltaker)
    if samtykke.trukket is not None:
        messages.info(request, f"Samtykket «{samtykke}» var allerede trukket tilbake.")
    else:
        services.trekk_samtykke(samtykke, dato=timezone.localdate())
        messages.success(
            request, f"Samtykket «{samtykke}» er trukket tilbake fra {date_format(samtykke.trukket, 'j. F Y')}."
        )
    return redirect("sak", pk=deltaker.pk)


@login_required
def ny_nettverkskontakt(request, pk):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    form = NettverkskontaktForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        samtykke_form = data.pop("samtykke_til_kontakt")
        try:
            kontakt = services.legg_til_nettverkskontakt(
                deltaker, data=data, samtykke_form=samtykke_form, av=request.user
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            if samtykke_form:
                messages.success(request, f"{kontakt.navn} er lagt til i nettverket, med samtykke til kontakt.")
            else:
                messages.success(
                    request,
                    f"{kontakt.navn} er lagt til i nettverket. Uten samtykke skal {kontakt.navn} ikke kontaktes.",
                )
            return redirect("sak", pk=deltaker.pk)
    return render(request, "deltakere/nettverkskontakt.html", {"deltaker": deltaker, "form": form, "kontakt": None})


@login_required
def endre_nettverkskontakt(request, pk, kontakt_id):
    deltaker, tilbake = hent_redigerbar_deltaker(request, pk)
    if tilbake:
        return tilbake
    kontakt = get_object_or_404(Nettverkskontakt.objects, pk=kontakt_id, deltaker=deltaker)
    form = NettverkskontaktForm(request.POST or None, instance=kontakt)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Endringene for {kontakt.navn} er lagret.")
        return redirect("sak", pk=deltaker.pk)
    # The contact rule lives in one place, the selector the participant page uses too.
    kan_kontaktes = next(k.kan_kontaktes for k in selectors.nettverk(deltaker) if k.pk == kontakt.pk)
    return render(
        request,
        "deltakere/nettverkskontakt.html",
        {
            "deltaker": deltaker,
            "form": form,
            "kontakt": kontakt,
            "samtykker": _kontaktsamtykker(deltaker, kontakt),
            "kan_kontaktes": kan_kontaktes,
        },
    )
