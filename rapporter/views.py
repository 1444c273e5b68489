"""The report pages: the form with an HTML preview, and the same report as PDF, CSV and XLSX.

Only a leder (of each chosen centre) or a superuser (any centres: national) may make a report; a centre the
user does not work at answers 404, another role 403. Each report made or downloaded is written to
`Rapportlogg` (a report names no person, so the per-person access log is not the place)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_scopes import scope

from deltakere.models import Rolle, Senter
from deltakere.scoping import krev_rolle

from . import utdata
from .forms import RapportForm
from .models import Rapportlogg
from .rapport import lag_rapport, som_pdf

FORMATER = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _sentre_for(request):
    if request.user.is_superuser:
        return Senter.objects.order_by("navn")
    ids = [m.senter_id for m in getattr(request, "medlemskap", []) if m.rolle == Rolle.LEDER]
    if not ids:
        raise PermissionDenied
    return Senter.objects.filter(pk__in=ids).order_by("navn")


def _bestilling(request):
    """(form, centres, period) from the query string; centres and period None until the form is valid. A centre
    id the user may not report on answers 404 (not a member) or 403 (not its leder), before the form looks."""
    sentre = _sentre_for(request)
    if not request.user.is_superuser:
        for verdi in request.GET.getlist("senter"):
            if verdi.isdigit():
                krev_rolle(request, int(verdi), [Rolle.LEDER])
    form = RapportForm(request.GET or None, sentre=sentre)
    if not request.GET:
        ids = list(sentre.values_list("pk", flat=True))
        if len(ids) == 1 or not request.user.is_superuser:
            form.initial["senter"] = ids[:1]
    if form.is_bound and form.is_valid():
        return form, list(form.cleaned_data["senter"]), form.cleaned_data["rapportperiode"]
    return form, None, None


def _lag(request, sentre, periode, format):
    ids = [s.pk for s in sentre]
    with scope(senter=ids):
        seksjoner = lag_rapport(ids, periode)
    logg = Rapportlogg.objects.create(bruker=request.user, format=format, fra=periode.fra, til=periode.til)
    logg.sentre.set(sentre)
    return seksjoner


def _innhold(sentre, periode, seksjoner, request):
    return {
        "sentre": sentre,
        "periode": periode,
        "seksjoner": seksjoner,
        "laget": timezone.localdate(),
        "sporring": request.GET.urlencode(),
    }


@require_GET
def rapport(request):
    form, sentre, periode = _bestilling(request)
    innhold = {"form": form}
    if sentre:
        innhold.update(_innhold(sentre, periode, _lag(request, sentre, periode, Rapportlogg.Format.HTML), request))
        innhold["filer"] = [
            (navn, f"{reverse('rapporter:fil', args=[f])}?{request.GET.urlencode()}")
            for f, navn in [("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "Excel (XLSX)")]
        ]
    return render(request, "rapporter/rapport.html", innhold)


@require_GET
def fil(request, format):
    form, sentre, periode = _bestilling(request)
    if not sentre:
        return render(request, "rapporter/rapport.html", {"form": form}, status=400)
    seksjoner = _lag(request, sentre, periode, format)
    if format == "csv":
        innhold = utdata.som_csv(seksjoner)
    elif format == "xlsx":
        innhold = utdata.som_xlsx(seksjoner)
    else:
        innhold = som_pdf(sentre, periode, seksjoner)
    svar = HttpResponse(innhold, content_type=FORMATER[format])
    svar["Content-Disposition"] = f'attachment; filename="{utdata.filnavn(sentre, periode, format)}"'
    return svar
