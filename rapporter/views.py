"""The report pages: order a report (the form) beside the archive of reports made; a report's page with its
progress, its figures and the approval; its files (PDF, CSV, XLSX).

Who may: the right `rapporter.lage` (a leder) at every centre a report covers; a superuser at any (a national
report). A centre the user does not work at answers 404, a role without the right 403. Ordering, approving,
viewing and downloading are written to the access log, one row per centre of the report.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.models import Senter, Tilgangslogg
from deltakere.scoping import kan, rolle_ved
from deltakere.tilgangslogg import logg_tilgang

from . import services, utdata
from .forms import GodkjennForm, RapportForm
from .models import Rapport
from .rapport import fra_json, periode_for

Handling = Tilgangslogg.Handling
RETTIGHET = "rapporter.lage"
PER_SIDE = 25
FORMATER = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _egne_senter_ids(request):
    """The centres the user may report on; a superuser: all (None)."""
    if request.user.is_superuser:
        return None
    ids = [m.senter_id for m in request.medlemskap if kan(request, RETTIGHET, m.senter_id)]
    if not ids:
        raise PermissionDenied
    return ids


def _krev(request, senter_ids):
    """404 for a centre the user does not work at, 403 for one where their role may not; superuser: any."""
    if request.user.is_superuser:
        return
    if any(rolle_ved(request, s) is None for s in senter_ids):
        raise Http404
    if not all(kan(request, RETTIGHET, s) for s in senter_ids):
        raise PermissionDenied


def _logg(request, rapport, sentre, handling):
    for senter in sentre:
        logg_tilgang(request, rapport, handling, senter_id=senter.pk)


def _arkiv(request, egne):
    rapporter = Rapport.objects.defer("pdf", "innhold").select_related("bestilt_av", "godkjent_av")
    if egne is not None:
        rapporter = rapporter.filter(sentre__in=egne).exclude(sentre__in=Senter.objects.exclude(pk__in=egne))
    rapporter = rapporter.distinct().prefetch_related("sentre")
    return Paginator(rapporter, PER_SIDE).get_page(request.GET.get("side"))


@require_http_methods(["GET", "POST"])
def rapporter(request):
    egne = _egne_senter_ids(request)
    sentre = Senter.objects.order_by("navn")
    if egne is not None:
        sentre = sentre.filter(pk__in=egne)
    if request.method == "POST":
        _krev(request, [int(v) for v in request.POST.getlist("senter") if v.isdigit()])
    form = legg_til_engangskode(RapportForm(request.POST or None, sentre=sentre))
    if not form.is_bound:
        ids = list(sentre.values_list("pk", flat=True))
        if len(ids) == 1 or egne is not None:
            form.initial["senter"] = ids[:1]

    def vis():
        return render(request, "rapporter/rapporter.html", {"form": form, "side": _arkiv(request, egne)})

    def behandle():
        if not form.is_valid():
            return vis(), False
        valgte = list(form.cleaned_data["senter"])
        rapport = services.bestill(request.user, valgte, form.cleaned_data["rapportperiode"])
        _logg(request, rapport, valgte, Handling.LAGE)
        return redirect("rapporter:rapport", rapport.pk), True

    if request.method == "POST":
        return en_gang(request, form, behandle)
    return vis()


def _hent(request, rapport_id):
    # The PDF is read only by the file view (deferred: the progress box asks every other second).
    rapport = get_object_or_404(Rapport.objects.defer("pdf").select_related("bestilt_av", "godkjent_av"), pk=rapport_id)
    sentre = list(rapport.sentre.order_by("navn"))
    _krev(request, [s.pk for s in sentre])
    return rapport, sentre


@require_GET
def rapport(request, rapport_id):
    rapport, sentre = _hent(request, rapport_id)
    innhold = {"rapport": rapport, "sentre": sentre, "periode": periode_for(rapport)}
    if request.headers.get("HX-Request") == "true":
        svar = render(request, "rapporter/_fremdrift.html", innhold)
        if not rapport.under_arbeid:
            svar["HX-Refresh"] = "true"  # done (or failed): htmx reloads the page, which shows the report
        return svar
    if rapport.innhold is not None:
        innhold["deler"] = fra_json(rapport.innhold)
        innhold["filer"] = [(reverse("rapporter:fil", args=[rapport.pk, f]), navn) for f, navn in utdata.FILER]
        innhold["godkjenn_form"] = legg_til_engangskode(GodkjennForm())
        _logg(request, rapport, sentre, Handling.VIS)
    return render(request, "rapporter/rapport.html", innhold)


@require_POST
def godkjenn(request, rapport_id):
    rapport, sentre = _hent(request, rapport_id)
    form = legg_til_engangskode(GodkjennForm(request.POST))

    def behandle():
        try:
            services.godkjenn(rapport, request.user)
        except services.KanIkkeGodkjennes:
            messages.error(request, "Rapporten kan ikke godkjennes: den er ikke et utkast.")
            return redirect("rapporter:rapport", rapport.pk), False
        _logg(request, rapport, sentre, Handling.GODKJENNE)
        messages.success(request, "Rapporten er godkjent og arkivert.")
        return redirect("rapporter:rapport", rapport.pk), True

    return en_gang(request, form, behandle)


@require_GET
def fil(request, rapport_id, format):
    rapport, sentre = _hent(request, rapport_id)
    if rapport.innhold is None or rapport.status == Rapport.Status.GODKJENNES:
        messages.info(request, "Rapporten er ikke ferdig ennå.")
        return redirect("rapporter:rapport", rapport.pk)
    if format == "pdf":
        innhold = bytes(rapport.pdf)
    elif format == "csv":
        innhold = utdata.som_csv(fra_json(rapport.innhold))
    else:
        innhold = utdata.som_xlsx(fra_json(rapport.innhold))
    _logg(request, rapport, sentre, Handling.EKSPORT)
    svar = HttpResponse(innhold, content_type=FORMATER[format])
    navn = utdata.filnavn(sentre, periode_for(rapport), format, utkast=rapport.status != Rapport.Status.GODKJENT)
    svar["Content-Disposition"] = f'attachment; filename="{navn}"'
    return svar
