"""The daily tally (besøkstelling) of the centre the user works in now: today's counters with +1 buttons and typed
numbers, a month table, and a leder's correction of an earlier day. No names anywhere: the counts are anonymous.

Who counts: everyone who works in the café (`oppfolging.telle`, the tidgiverkoordinator too); only a leder
corrects a day that is over (`oppfolging.rette_telling`). The rules (dates, bounds, a +1 from two PCs at once
both counting) are in `services.tell` and `services.lagre_telling`.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.scoping import RETTIGHETER, kan, krev_rolle
from deltakere.views.felles import legg_til_feil

from .. import selectors, services, tellinger
from ..forms import TellingDagForm, TellingForm
from ..models import Telling

RETT = "oppfolging.telle"
RETTE = "oppfolging.rette_telling"


def _senter(request, rettighet=RETT):
    """The centre the user works in now, when their role there may count (403 when it may not)."""
    aktivt = request.aktivt_medlemskap
    if aktivt is None:
        raise Http404
    return krev_rolle(request, aktivt.senter_id, RETTIGHETER[rettighet]).senter


def _tall(senter, dato):
    return dict(Telling.objects.filter(senter=senter, dato=dato).values_list("teller", "antall"))


def _form(senter, dato, data=None):
    return legg_til_engangskode(TellingForm(data, tellere=tellinger.tellere_for(senter), naa=_tall(senter, dato)))


def _lagre(request, form, senter, dato, *, kan_rette, tilbake, mal, ekstra):
    """Validate and save the typed numbers of one day: (response, saved)."""
    if form.is_valid():
        try:
            services.lagre_telling(
                senter, dato=dato, verdier=form.verdier(), forventet=form.forventet(), kan_rette=kan_rette
            )
        except ValidationError as e:
            legg_til_feil(form, e)
        else:
            messages.success(request, f"Tellingen for {_dag(dato)} er lagret.")
            return redirect(tilbake), True
    return render(request, mal, {"form": form, **ekstra()}), False


def _dag(dato):
    return "i dag" if dato == timezone.localdate() else date_format(dato, "l j. F Y")


@require_http_methods(["GET", "POST"])
def telling(request):
    """Today's counters: each with its number and a +1 button, and the numbers typed in (Lagre)."""
    senter = _senter(request)
    idag = timezone.localdate()

    def ekstra():
        tall = _tall(senter, idag)
        return {
            "senter": senter,
            "idag": idag,
            "rader": [(t, tall.get(t.kode, 0)) for t in tellinger.tellere_for(senter)],
            "kan_rette": kan(request, RETTE, senter.pk),
        }

    if request.method == "POST":
        form = _form(senter, idag, request.POST)
        return en_gang(
            request, form,
            lambda: _lagre(request, form, senter, idag, kan_rette=False, tilbake=reverse("oppfolging:telling"),
                           mal="oppfolging/telling.html", ekstra=ekstra),
        )  # fmt: skip
    return render(request, "oppfolging/telling.html", {"form": _form(senter, idag), **ekstra()})


@require_POST
def pluss(request):
    """+1 on one of today's counters. With htmx the counter is swapped in place; without, the page again."""
    senter = _senter(request)
    idag = timezone.localdate()
    teller = tellinger.TELLERE.get(request.POST.get("teller", ""))
    if teller is None or teller not in tellinger.tellere_for(senter):
        messages.error(request, "Telleren finnes ikke ved dette senteret.")
        return redirect("oppfolging:telling")
    htmx = request.headers.get("HX-Request") == "true"
    form = legg_til_engangskode(Form(request.POST))  # the button's one-time token: a double click counts once

    def behandle():
        try:
            rad = services.tell(senter, dato=idag, teller=teller.kode, endring=1, kan_rette=False)
        except ValidationError as e:
            melding, antall, lagret = " ".join(e.messages), _tall(senter, idag).get(teller.kode, 0), False
        else:
            melding, antall, lagret = f"{teller.navn}: {rad.antall}.", rad.antall, True
        if htmx:
            context = {"t": teller, "antall": antall, "melding": melding, "feil": not lagret}
            return render(request, "oppfolging/telling_teller.html", context), lagret
        (messages.success if lagret else messages.error)(request, melding)
        return redirect(reverse("oppfolging:telling") + f"#teller-{teller.kode}"), lagret

    return en_gang(request, form, behandle)


def _maaned_eller_404(aar, maaned):
    """The month in the URL, when it is one the tally can hold (from year 2000 to this month), or 404."""
    idag = timezone.localdate()
    if not (1 <= maaned <= 12 and services.TELLING_FRA.year <= aar <= idag.year) or (aar, maaned) > (
        idag.year,
        idag.month,
    ):
        raise Http404
    return date(aar, maaned, 1)


def _naboer(forste):
    idag = timezone.localdate()
    forrige = date(forste.year - 1, 12, 1) if forste.month == 1 else date(forste.year, forste.month - 1, 1)
    neste = date(forste.year + 1, 1, 1) if forste.month == 12 else date(forste.year, forste.month + 1, 1)
    return (
        forrige if forrige >= services.TELLING_FRA else None,
        neste if (neste.year, neste.month) <= (idag.year, idag.month) else None,
    )


@require_GET
def maaned(request, aar, maaned):
    """A month of the tally: day × counter, the month's total and the average per opening day of each counter."""
    senter = _senter(request)
    forste = _maaned_eller_404(aar, maaned)
    m = selectors.maanedstelling(senter, aar, maaned)
    idag = timezone.localdate()
    rader = [(dag, [tall.get(t.kode) for t in m.tellere], dag > idag) for dag, tall in m.dager]
    forrige, neste = _naboer(forste)
    snitt = m.snitt
    context = {
        "senter": senter,
        "forste": forste,
        "m": m,
        "rader": rader,
        "summer": [m.summer.get(t.kode, 0) for t in m.tellere],
        "snitt": [snitt.get(t.kode) for t in m.tellere],
        "forrige": forrige,
        "neste": neste,
        "kan_rette": kan(request, RETTE, senter.pk),
    }
    return render(request, "oppfolging/telling_maaned.html", context)


@require_http_methods(["GET", "POST"])
def rett(request):
    """A leder corrects the counts of a day (an earlier one, usually): choose the day, type the numbers. The
    change is kept in the change history, shown below the form."""
    senter = _senter(request, RETTE)
    valg = TellingDagForm(request.GET or None)
    if request.method == "POST":
        valg = TellingDagForm({"dato": request.POST.get("dato", "")})
    dato = valg.cleaned_data["dato"] if valg.is_bound and valg.is_valid() else None

    def ekstra():
        return {"senter": senter, "valg": valg, "dato": dato, "historikk": _historikk(senter, dato)}

    if dato is None:  # no day chosen yet, or a date out of bounds (also one tampered with in a POST): nothing saved
        return render(request, "oppfolging/telling_rett.html", {"form": None, **ekstra()})
    tilbake = reverse("oppfolging:telling_maaned", args=[dato.year, dato.month])
    if request.method == "POST":
        form = _form(senter, dato, request.POST)
        return en_gang(
            request, form,
            lambda: _lagre(request, form, senter, dato, kan_rette=True, tilbake=tilbake,
                           mal="oppfolging/telling_rett.html", ekstra=ekstra),
        )  # fmt: skip
    return render(request, "oppfolging/telling_rett.html", {"form": _form(senter, dato), **ekstra()})


def _historikk(senter, dato, antall=20):
    """The last changes of the day's counts: when, who, which counter, the number it got."""
    if dato is None:
        return []
    navn = {t.kode: t.navn for t in tellinger.TELLERE.values()}
    rader = (
        Telling.history.filter(senter_id=senter.pk, dato=dato)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:antall]
    )
    return [
        (r.history_date, r.history_user.navn if r.history_user else "", navn.get(r.teller, r.teller), r.antall)
        for r in rader
    ]
