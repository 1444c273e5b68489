"""The register of tidgivere at the centre the user works in now, with filters, search and the renewal list."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from .. import katalog, selectors, services
from ..forms import FilterForm
from .felles import forvaltet_senter

PER_SIDE = 25
# The typed name lives in the session, never in a URL (browser history on a shared PC, server logs), as in
# the deltakere register. Filters stay in the query string.
SOK_SESSION_KEY = "tidgiversok"
FILTRE = ("status", "aktivitet", "attest")


def _rad(tidgiver, idag):
    dager = (tidgiver.politiattest_gyldig_til - idag).days if tidgiver.politiattest_gyldig_til else None
    return {
        "tidgiver": tidgiver,
        "aktiviteter": katalog.navn(tidgiver.aktiviteter, katalog.AKTIVITET_NAVN),
        "mangler": services.mangler_for_aktiv(tidgiver, idag),
        "attest_dager": dager,
        "attest_snart": dager is not None and dager <= (selectors.varselgrense(idag) - idag).days,
    }


@require_http_methods(["GET", "POST"])
def register(request):
    """The search form is a POST: the typed name goes to the session and the page is shown at a URL with the
    filters only."""
    senter = forvaltet_senter(request)
    if request.method == "POST":
        request.session[SOK_SESSION_KEY] = request.POST.get("q", "")[:100]
        filtre = {navn: request.POST[navn] for navn in FILTRE if request.POST.get(navn)}
        return redirect(reverse("tidgivere:register") + (f"?{urlencode(filtre)}" if filtre else ""))
    sok = request.session.get(SOK_SESSION_KEY, "")
    form = FilterForm(request.GET or None)
    valg = form.cleaned_data if form.is_bound and form.is_valid() else {}
    idag = timezone.localdate()
    treff = selectors.register(
        senter,
        sok=sok,
        status=valg.get("status", ""),
        aktivitet=valg.get("aktivitet", ""),
        attest=valg.get("attest", False),
        dato=idag,
    )
    side = Paginator(treff, PER_SIDE).get_page(request.GET.get("side"))
    filtre = urlencode({navn: valg[navn] for navn in FILTRE if valg.get(navn)})
    return render(
        request,
        "tidgivere/register.html",
        {
            "senter": senter,
            "form": form,
            "sok": sok,
            "side": side,
            "rader": [_rad(t, idag) for t in side.object_list],
            "filtre": filtre,
            "varsel_dager": selectors.varselgrense(idag) - idag,
        },
    )


@require_GET
def fornyelse(request):
    """Politiattester expiring within the window, and expired ones for tidgivere who are active or on pause."""
    senter = forvaltet_senter(request)
    idag = timezone.localdate()
    rader = [_rad(t, idag) for t in selectors.fornyelser(senter, idag)]
    return render(
        request,
        "tidgivere/fornyelse.html",
        {"senter": senter, "rader": rader, "dager": (selectors.varselgrense(idag) - idag).days, "idag": idag},
    )
