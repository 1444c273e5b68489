"""Kartlegging pages: the latest and any two compared (with the chart), a new one, a correction, and the
screening instruments inside one."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from deltakere.scoping import hent_deltaker, kan
from deltakere.views.felles import Personskjema

from .. import diagram, instrumenter, livsomrader, selectors, services
from ..forms import EndreKartleggingForm, KartleggingForm, ScreeningForm
from ..models import Kartlegging, Screening


def _dato(d):
    return date_format(d, "j. F Y")


def _velg(alle, tekst, standard):
    """The kartlegging whose id is `tekst` (an id from the query string, never a name), else `standard`."""
    if tekst and tekst.isdecimal():
        return next((k for k in alle if k.pk == int(tekst)), standard)
    return standard


@require_GET
def kartlegginger(request, pk):
    """All the person's kartlegginger, and two of them compared area by area: first against latest by default,
    any two chosen (`?fra=<id>&til=<id>`). The chart and a table with the same numbers."""
    deltaker = hent_deltaker(request, pk, rettighet="oppfolging.kartlegge")
    alle = selectors.kartlegginger(deltaker)
    sammenligning = serier = None
    if alle:
        til = _velg(alle, request.GET.get("til"), alle[0])
        fra = _velg(alle, request.GET.get("fra"), alle[-1])
        if fra.dato > til.dato or (fra.dato == til.dato and fra.pk > til.pk):
            fra, til = til, fra
        if fra.pk != til.pk:
            sammenligning = selectors.sammenlign(fra, til)
            serier = [diagram.serie(_dato(fra.dato), fra), diagram.serie(_dato(til.dato), til)]
        else:
            serier = [diagram.serie(_dato(til.dato), til)]
    innstillinger = selectors.kartleggingsplan(deltaker.senter)
    return render(
        request,
        "oppfolging/kartlegginger.html",
        {
            "deltaker": deltaker,
            "alle": [(k, selectors.snitt(k)) for k in alle],
            "sammenligning": sammenligning,
            "fra": sammenligning.forste if sammenligning else None,
            "til": sammenligning.siste if sammenligning else (alle[0] if alle else None),
            "diagram": diagram.livsomradediagram(serier, tittel="Livsområdene", id_prefiks="sammenligning")
            if serier
            else None,
            "neste": selectors.neste_kartlegging(
                deltaker, alle, innstillinger, avsluttet=selectors.avslutningsdato(deltaker)
            ),
            "kan_endre": not deltaker.er_overfort,
        },
    )


@require_GET
def kartlegging(request, pk, kartlegging_id):
    """One kartlegging: every area with the person's own rating, the staff's, what matters now, and the
    screening results in plain words."""
    deltaker = hent_deltaker(request, pk, rettighet="oppfolging.kartlegge")
    alle = selectors.kartlegginger(deltaker)
    valgt = next((k for k in alle if k.pk == kartlegging_id), None)
    if valgt is None:
        raise Http404
    vurderinger = selectors.vurderinger_etter_omrade(valgt)
    screeninger = {s.instrument: s for s in valgt.screeninger.all()}
    return render(
        request,
        "oppfolging/kartlegging.html",
        {
            "deltaker": deltaker,
            "kartlegging": valgt,
            "rader": [(omrade, vurderinger.get(omrade.kode)) for omrade in livsomrader.LIVSOMRADER],
            "snitt": selectors.snitt(valgt),
            "diagram": diagram.livsomradediagram(
                [diagram.serie(_dato(valgt.dato), valgt)], tittel=f"Livsområdene {_dato(valgt.dato)}", id_prefiks="k"
            ),
            "instrumenter": [
                (i, screeninger.get(i.kode), screeninger[i.kode].resultat() if i.kode in screeninger else None)
                for i in instrumenter.INSTRUMENTER.values()
            ],
            "kan_endre": not deltaker.er_overfort,
        },
    )


class NyKartlegging(Personskjema):
    form_class = KartleggingForm
    tittel = "Ny kartlegging"
    knapp = "Lagre kartleggingen"
    rettighet = "oppfolging.kartlegge"
    template_name = "oppfolging/kartlegging_skjema.html"

    def skjema_kwargs(self):
        from django.utils import timezone

        return {"deltaker": self.deltaker, "initial": {"dato": timezone.localdate(), "utfort_av": self.request.user.pk}}

    def lagre(self, form):
        data = form.cleaned_data
        self.kartlegging = services.registrer_kartlegging(
            self.deltaker,
            dato=data["dato"],
            utfort_av=data["utfort_av"],
            vurderinger=form.vurderinger(),
            kommentar=data.get("kommentar", ""),
            av=self.request.user,
        )
        return reverse("oppfolging:kartlegging", args=[self.deltaker.pk, self.kartlegging.pk])

    def suksessmelding(self, form):
        return "Kartleggingen er lagret."


class EndreKartlegging(Personskjema):
    form_class = EndreKartleggingForm
    tittel = "Rett kartleggingen"
    knapp = "Lagre rettelsene"
    rettighet = "oppfolging.kartlegge"
    template_name = "oppfolging/kartlegging_skjema.html"
    melding = "Rettelsene er lagret. Det som stod før, er tatt vare på i endringshistorikken."

    def forhindret(self):
        self.kartlegging = get_object_or_404(
            Kartlegging.objects.prefetch_related("omrader"), pk=self.kwargs["kartlegging_id"], deltaker=self.deltaker
        )
        return None

    def skjema_kwargs(self):
        initial = {**KartleggingForm.initial_fra(self.kartlegging), "versjon": self.kartlegging.versjon}
        return {"deltaker": self.deltaker, "initial": initial}

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_kartlegging(
            self.kartlegging,
            versjon=data["versjon"],
            dato=data["dato"],
            utfort_av=data["utfort_av"],
            vurderinger=form.vurderinger(),
            kommentar=data.get("kommentar", ""),
        )
        return reverse("oppfolging:kartlegging", args=[self.deltaker.pk, self.kartlegging.pk])

    def ekstra(self):
        return {"kartlegging": self.kartlegging}


class Screeningskjema(Personskjema):
    """One instrument inside a kartlegging; saving again corrects it (the change history keeps the first)."""

    form_class = ScreeningForm
    rettighet = "oppfolging.kartlegge"
    template_name = "oppfolging/screening_skjema.html"

    def forhindret(self):
        self.instrument = instrumenter.INSTRUMENTER.get(self.kwargs["instrument"])
        if self.instrument is None:
            raise Http404
        self.kartlegging = get_object_or_404(
            Kartlegging.objects, pk=self.kwargs["kartlegging_id"], deltaker=self.deltaker
        )
        self.screening = Screening.objects.filter(kartlegging=self.kartlegging, instrument=self.instrument.kode).first()
        return None

    @property
    def tittel(self):
        return self.instrument.fullt_navn

    @property
    def knapp(self):
        return f"Lagre {self.instrument.navn}"

    def skjema_kwargs(self):
        return {"instrument": self.instrument, "initial": ScreeningForm.initial_fra(self.screening)}

    def lagre(self, form):
        self.lagret = services.lagre_screening(
            self.kartlegging, instrument=self.instrument.kode, svar=form.svar(), av=self.request.user
        )
        return (
            reverse("oppfolging:kartlegging", args=[self.deltaker.pk, self.kartlegging.pk]) + f"#{self.instrument.kode}"
        )

    def suksessmelding(self, form):
        if self.lagret.fullstendig:
            return f"{self.instrument.navn} er lagret."
        return f"{self.instrument.navn} er lagret som ufullstendig: uten sum og sone, til alle spørsmålene er besvart."

    def ekstra(self):
        return {"kartlegging": self.kartlegging, "instrument": self.instrument}


def kan_kartlegge(request, deltaker):
    return kan(request, "oppfolging.kartlegge", deltaker.senter_id)
