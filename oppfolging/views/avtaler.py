"""Appointments: one made directly for a person, a person's appointments, the centre's appointments of a day,
and marking one kept ("gjennomført"), missed ("uteble") or cancelled (from the day list, the person's list and
Min oversikt)."""

from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from deltakere.scoping import hent_deltaker, kan
from deltakere.views.felles import Personskjema

from .. import selectors, services
from ..forms import AvtaleForm
from ..models import Avtale

RETT = "oppfolging.avtaler"
# Kept or missed can be marked from a little before the time (the service's FRAMOVER), never days ahead.
STATUSVALG = {
    Avtale.Status.GJENNOMFORT: "Gjennomført",
    Avtale.Status.UTEBLE: "Uteble",
    Avtale.Status.AVLYST: "Avlys",
}


def aktivt_senter(request, rettighet):
    """The centre the user works in now, when their role there has `rettighet`: 404 without a centre, 403
    for a role that may not."""
    aktivt = request.aktivt_medlemskap
    if aktivt is None:
        raise Http404
    if not kan(request, rettighet, aktivt.senter_id):
        raise PermissionDenied
    return aktivt.senter


def tilbake_til(request, standard):
    """Where a small POST form sends the user back: its `neste` (a path on this site), or `standard`."""
    neste = request.POST.get("neste", "")
    if neste.startswith("/") and url_has_allowed_host_and_scheme(neste, {request.get_host()}, request.is_secure()):
        return neste
    return standard


def kan_merkes(avtale, naa=None):
    """May the appointment be marked kept or missed yet (the service's rule, for showing the buttons)?"""
    return avtale.tidspunkt <= (naa or timezone.now()) + services.FRAMOVER


def merk_avtaler(avtaler):
    """Which buttons each appointment gets: kept/missed once its time has come, cancel while planned."""
    naa = timezone.now()
    for a in avtaler:
        a.kan_merkes = a.status == Avtale.Status.PLANLAGT and kan_merkes(a, naa)
        a.kan_avlyses = a.status == Avtale.Status.PLANLAGT
    return avtaler


class NyAvtale(Personskjema):
    form_class = AvtaleForm
    tittel = "Ny avtale"
    knapp = "Lagre avtalen"
    melding = "Avtalen er lagret."
    rettighet = RETT
    template_name = "oppfolging/avtale_skjema.html"

    def skjema_kwargs(self):
        return {"deltaker": self.deltaker}

    def lagre(self, form):
        data = form.cleaned_data
        tidspunkt = timezone.make_aware(datetime.combine(data["dato"], data["klokkeslett"]))
        try:
            services.ny_avtale(
                self.deltaker,
                tidspunkt=tidspunkt,
                form=data["form"],
                av=self.request.user,
                med=data["med"],
                notat=data.get("notat", ""),
            )
        except ValidationError as e:  # the service names the moment "tidspunkt": the day is what was typed
            if hasattr(e, "error_dict") and "tidspunkt" in e.error_dict:
                e.error_dict["dato"] = e.error_dict.pop("tidspunkt")
            raise
        return reverse("oppfolging:deltaker_avtaler", args=[self.deltaker.pk])


@require_GET
def deltaker_avtaler(request, pk):
    """A person's appointments: the coming ones first, then the earlier ones, newest first."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    alle = merk_avtaler(
        list(Avtale.objects.filter(deltaker=deltaker).select_related("med").order_by("tidspunkt", "pk"))
    )
    naa = timezone.now()
    kommende = [a for a in alle if a.tidspunkt >= naa and a.status == Avtale.Status.PLANLAGT]
    tidligere = [a for a in reversed(alle) if a not in kommende]
    return render(
        request,
        "oppfolging/avtaler_deltaker.html",
        {
            "deltaker": deltaker,
            "kommende": kommende,
            "tidligere": tidligere,
            "redigerbar": not deltaker.er_overfort,
            "statusvalg": STATUSVALG,
        },
    )


def _dag(tekst):
    try:
        dag = date.fromisoformat(tekst or "")
    except ValueError:
        return None
    return dag if date(2000, 1, 1) <= dag <= timezone.localdate() + timedelta(days=3 * 365) else None


@require_GET
def dagens_avtaler(request):
    """The appointments of one day at the centre the user works in now, by staff member. `?dag=YYYY-MM-DD`
    (default today; a date only, never a name)."""
    senter = aktivt_senter(request, RETT)
    idag = timezone.localdate()
    dag = _dag(request.GET.get("dag")) or idag
    avtaler = merk_avtaler(selectors.dagens_avtaler([senter], dag))
    grupper = {}
    for a in avtaler:
        grupper.setdefault(a.med.navn if a.med_id else "Ingen bestemt", []).append(a)
    return render(
        request,
        "oppfolging/avtaler_dag.html",
        {
            "senter": senter,
            "dag": dag,
            "idag": idag,
            "forrige": dag - timedelta(days=1),
            "neste": dag + timedelta(days=1),
            "grupper": sorted(grupper.items()),
            "antall": len(avtaler),
            "statusvalg": STATUSVALG,
            "neste_url": request.get_full_path(),
        },
    )


@require_POST
def avtalestatus(request, pk, avtale_id):
    """Mark one appointment kept, missed or cancelled (a small form beside it), and go back to where it sat."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    avtale = get_object_or_404(Avtale.objects, pk=avtale_id, deltaker=deltaker)
    tilbake = tilbake_til(request, reverse("oppfolging:deltaker_avtaler", args=[deltaker.pk]))
    status = request.POST.get("status", "")
    if deltaker.er_overfort:
        messages.error(request, "Personen er overført. Det som er registrert her, kan bare leses.")
    elif status not in STATUSVALG:
        messages.error(request, "Velg om avtalen ble gjennomført, om personen uteble, eller om den er avlyst.")
    else:
        try:
            services.sett_avtalestatus(avtale, status=status)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            kl = timezone.localtime(avtale.tidspunkt).strftime("%H:%M")
            messages.success(request, f"Avtalen kl. {kl} er merket «{avtale.get_status_display().lower()}».")
    return redirect(tilbake)
