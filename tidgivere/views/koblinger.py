"""A match's page (its steps, the next step, check-ins and activities), the forms that move it on, and the
volunteer hours of the centre per tidgiver and period."""

from datetime import date

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from deltakere.engangs import legg_til_engangskode
from deltakere.scoping import hent_deltaker, kan
from deltakere.views.felles import Personskjema

from .. import selectors, services
from ..forms import AktivitetForm, InnsjekkForm, PeriodeForm, StegForm
from ..models import Kobling
from .matching import RETT, _senter


@require_http_methods(["GET"])
def kobling(request, pk, kobling_id):
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    k = selectors.kobling_med_alt(deltaker, kobling_id)
    stegform = None
    if k.neste_steg() and not deltaker.er_overfort:
        stegform = legg_til_engangskode(
            StegForm(kobling=k, initial={"versjon": k.versjon, "dato": timezone.localdate()})
        )
    timer = sum((a.timer for a in k.aktiviteter.all()), 0)
    return render(
        request,
        "tidgivere/kobling.html",
        {
            "deltaker": deltaker,
            "kobling": k,
            "stegform": stegform,
            "timer": timer,
            "utlegg": sum((a.utlegg for a in k.aktiviteter.all()), 0),
            "neste_innsjekk": _neste_innsjekk(k),
            "redigerbar": not deltaker.er_overfort,
            "kan_se_tidgiver": kan(request, "tidgivere.forvalte", k.tidgiver.senter_id),
        },
    )


def _neste_innsjekk(k):
    if k.aktiv_fra is None or k.status not in ("aktiv", "pause"):
        return []
    siste = {}
    for i in k.innsjekker.all():
        siste[i.med] = max(siste.get(i.med, i.dato), i.dato)
    return [
        (navn, selectors.neste_innsjekk(k.aktiv_fra, siste.get(med)))
        for med, navn in (("deltaker", "Deltakeren"), ("tidgiver", "Tidgiveren"))
    ]


class Koblingsskjema(Personskjema):
    rettighet = RETT
    template_name = "tidgivere/kobling_skjema.html"

    def forhindret(self):
        self.kobling = get_object_or_404(
            Kobling.objects.select_related("tidgiver"), pk=self.kwargs["kobling_id"], deltaker=self.deltaker
        )
        return None

    def tilbake(self):
        return reverse("tidgivere:kobling", args=[self.deltaker.pk, self.kobling.pk])

    def ekstra(self):
        return {"kobling": self.kobling, "tilbake": self.tilbake()}


class Steg(Koblingsskjema):
    form_class = StegForm
    tittel = "Neste steg i koblingen"
    knapp = "Lagre steget"
    melding = "Steget er lagret."
    konfliktfelter = ()

    def skjema_kwargs(self):
        return {"kobling": self.kobling, "initial": {"versjon": self.kobling.versjon, "dato": timezone.localdate()}}

    def lagre(self, form):
        data = form.cleaned_data
        services.neste_steg(
            self.kobling,
            versjon=data["versjon"],
            til=data["til"],
            dato=data["dato"],
            arsak=data.get("arsak") or "",
            forste_mote=data.get("forste_mote"),
            av=self.request.user,
        )
        return self.tilbake()

    def lagret_som(self, lagret):
        return lagret


class NyInnsjekk(Koblingsskjema):
    form_class = InnsjekkForm
    tittel = "Ny innsjekk"
    knapp = "Lagre innsjekk"
    melding = "Innsjekken er lagret."

    def skjema_kwargs(self):
        return {"deltaker": self.deltaker, "initial": {"dato": timezone.localdate()}}

    def lagre(self, form):
        services.ny_innsjekk(self.kobling, av=self.request.user, **form.cleaned_data)
        return self.tilbake()


class NyAktivitet(Koblingsskjema):
    form_class = AktivitetForm
    tittel = "Ny aktivitet"
    knapp = "Lagre aktivitet"
    melding = "Aktiviteten er lagret."

    def skjema_kwargs(self):
        return {"initial": {"dato": timezone.localdate()}}

    def lagre(self, form):
        services.ny_aktivitet(self.kobling, av=self.request.user, **form.cleaned_data)
        return self.tilbake()


@require_http_methods(["GET"])
def timer(request):
    """Volunteer hours and expenses per tidgiver at the active centre for a period (default: this year so far),
    with årsverk."""
    senter = _senter(request)
    idag = timezone.localdate()
    form = PeriodeForm(request.GET or None)
    fra, til = date(idag.year, 1, 1), idag
    if form.is_bound and form.is_valid():
        fra = form.cleaned_data["fra"] or fra
        til = form.cleaned_data["til"] or til
        if til < fra:
            form.add_error("til", "«Til» kan ikke være før «fra».")
            fra, til = date(idag.year, 1, 1), idag
    rader, total, utlegg = selectors.timer_per_tidgiver(senter, fra, til)
    return render(
        request,
        "tidgivere/kobling_timer.html",
        {
            "form": form,
            "fra": fra,
            "til": til,
            "rader": rader,
            "total": total,
            "utlegg": utlegg,
            "arsverk": selectors.arsverk(total),
            "timer_per_arsverk": settings.TIMER_PER_ARSVERK,
        },
    )
