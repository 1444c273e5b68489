"""A leder invites, changes and removes the staff of their own centre; an invited person accepts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import services
from ..forms import EndreRolleForm, NyAnsattForm, NyKontoForm
from ..models import Bruker, Invitasjon, Medlemskap
from ..okt import skjemadata
from ..scoping import AKTIVT_SENTER_SESSION_KEY, RETTIGHETER, krev_rolle

VIS_INVITASJONER = 50


def _senter_for_leder(request, senter_id):
    return krev_rolle(request, senter_id, RETTIGHETER["deltakere.ansatte"]).senter


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def ansatte(request, senter_id):
    senter = _senter_for_leder(request, senter_id)
    aktive = Medlemskap.objects.filter(senter=senter, sluttet__isnull=True).select_related("bruker")
    tidligere = Medlemskap.objects.filter(senter=senter, sluttet__isnull=False).select_related("bruker")
    invitasjoner = Invitasjon.objects.filter(senter=senter).order_by("-sendt")[:VIS_INVITASJONER]
    return render(
        request,
        "deltakere/ansatte.html",
        {
            "senter": senter,
            "aktive": aktive,
            "tidligere": tidligere.order_by("-sluttet")[:50],
            "invitasjoner": invitasjoner,
        },
    )


def ny_ansatt(request, senter_id):
    senter = _senter_for_leder(request, senter_id)
    form = NyAnsattForm(skjemadata(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitasjon = services.inviter_ansatt(
                senter=senter, invitert_av=request.user, base_url=_base_url(request), **form.cleaned_data
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                f"En invitasjon er sendt til {invitasjon.email}. Personen får tilgang når hen har godtatt den.",
            )
            return redirect("deltakere:ansatte", senter_id=senter.pk)
    return render(request, "deltakere/ny_ansatt.html", {"senter": senter, "form": form})


def _invitasjon_for_leder(request, senter_id, invitasjon_id):
    senter = _senter_for_leder(request, senter_id)
    return senter, get_object_or_404(Invitasjon.objects, pk=invitasjon_id, senter=senter)


@require_POST
def send_invitasjon_pa_nytt(request, senter_id, invitasjon_id):
    senter, invitasjon = _invitasjon_for_leder(request, senter_id, invitasjon_id)
    try:
        services.send_invitasjon_pa_nytt(invitasjon, invitert_av=request.user, base_url=_base_url(request))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, f"Invitasjonen er sendt på nytt til {invitasjon.email}. Den gamle lenken virker ikke lenger."
        )
    return redirect("deltakere:ansatte", senter_id=senter.pk)


@require_POST
def trekk_invitasjon(request, senter_id, invitasjon_id):
    senter, invitasjon = _invitasjon_for_leder(request, senter_id, invitasjon_id)
    services.trekk_invitasjon(invitasjon)
    messages.success(request, f"Invitasjonen til {invitasjon.email} er trukket tilbake.")
    return redirect("deltakere:ansatte", senter_id=senter.pk)


def endre_ansatt(request, senter_id, medlemskap_id):
    senter = _senter_for_leder(request, senter_id)
    medlemskap = get_object_or_404(
        Medlemskap.objects.select_related("bruker"), pk=medlemskap_id, senter=senter, sluttet__isnull=True
    )
    form = EndreRolleForm(
        skjemadata(request), initial={"rolle": medlemskap.rolle, "stillingsprosent": medlemskap.stillingsprosent}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.endre_rolle(medlemskap, endret_av=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Rollen og stillingen til {medlemskap.bruker.navn} er lagret.")
            return redirect("deltakere:ansatte", senter_id=senter.pk)
    return render(request, "deltakere/endre_ansatt.html", {"senter": senter, "medlemskap": medlemskap, "form": form})


@require_POST
def fjern_ansatt(request, senter_id, medlemskap_id):
    senter = _senter_for_leder(request, senter_id)
    medlemskap = get_object_or_404(
        Medlemskap.objects.select_related("bruker"), pk=medlemskap_id, senter=senter, sluttet__isnull=True
    )
    if medlemskap.bruker_id == request.user.pk:
        messages.error(request, "Du kan ikke fjerne deg selv. Be en annen leder om å gjøre det.")
    else:
        services.avslutt_medlemskap(medlemskap)
        messages.success(request, f"{medlemskap.bruker.navn} har ikke lenger tilgang til {senter}.")
    return redirect("deltakere:ansatte", senter_id=senter.pk)


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
    return redirect(settings.LOGIN_REDIRECT_URL)


@login_not_required
@never_cache
def godta_invitasjon(request, token):
    """The link in the invitation: a new person chooses name and password; someone with an account signs
    in as the invited address and accepts."""
    invitasjon = services.finn_invitasjon(token)
    if invitasjon is None:
        return render(request, "konto/invitasjon_ugyldig.html", status=404)
    har_konto = Bruker.objects.filter(email=invitasjon.email).exists()
    context = {"invitasjon": invitasjon, "har_konto": har_konto}
    if not har_konto:
        if request.user.is_authenticated:
            context["annen_bruker"] = True
            return render(request, "konto/invitasjon.html", context)
        form = NyKontoForm(request.POST or None, email=invitasjon.email)
        if request.method == "POST" and form.is_valid():
            try:
                bruker = services.opprett_konto_fra_invitasjon(
                    invitasjon, navn=form.cleaned_data["navn"], passord=form.cleaned_data["passord1"]
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                login(request, bruker, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, f"Velkommen! Du har nå tilgang til {invitasjon.senter}.")
                return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, "konto/invitasjon.html", {**context, "form": form})
    if not request.user.is_authenticated:
        return render(request, "konto/invitasjon.html", context)
    if request.user.email != invitasjon.email:
        context["annen_bruker"] = True
        return render(request, "konto/invitasjon.html", context)
    if request.method == "POST":
        services.godta_invitasjon(invitasjon, bruker=request.user)
        messages.success(
            request, f"Du har nå tilgang til {invitasjon.senter} som {invitasjon.get_rolle_display().lower()}."
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "konto/invitasjon.html", context)
