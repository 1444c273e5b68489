"""The participant page ("sak") and the small edit pages reached from it."""

import copy
from types import SimpleNamespace

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services, signals
from ..forms import EndreDeltakerForm, KontaktpersonerForm, SamarbeidsavtaleForm, SituasjonForm
from ..models import SITUASJONSFELTER, Deltaker, Tilgangslogg
from ..scoping import hent_deltaker, kan
from ..tilgangslogg import logg_tilgang
from .felles import Personskjema

PERSONALIA = list(EndreDeltakerForm._meta.fields)
KONTAKTPERSONER = ["primaerkontakt", "andrekontakt"]
VIS_HENDELSER = 50  # the participant page shows the newest events of the timeline; "Vis hele tidslinjen" shows all


@require_GET
@never_cache
def sak(request, pk):
    """The whole record for full access; for a tidgiverkoordinator only what may be shared with a tidgiver."""
    deltaker = hent_deltaker(request, pk, rettighet="deltakere.se_begrenset")
    if not kan(request, "deltakere.se", deltaker.senter_id):
        return render(
            request,
            "deltakere/sak_begrenset.html",
            {
                "deltaker": deltaker,
                "samtykke": selectors.tidgiversamtykke(deltaker),
                "plass_begrenset": signals.plass_html("sak_begrenset", request, deltaker),
            },
        )
    oversikt = selectors.sakoversikt(request, deltaker)
    tidslinje = oversikt["tidslinje"]
    # Filter by kind (`?type=`): the kinds and their names come from the events themselves, so the apps above
    # add theirs without the register knowing their words.
    typer = {}
    for h in tidslinje:
        if h.type:
            typer.setdefault(h.type, h.typevisning)
    valgt = request.GET.get("type", "")
    if valgt in typer:
        tidslinje = oversikt["tidslinje"] = [h for h in tidslinje if h.type == valgt]
    oversikt["tidslinje_typer"] = sorted(typer.items(), key=lambda par: par[1])
    oversikt["tidslinje_type"] = valgt if valgt in typer else ""
    if request.GET.get("tidslinje") != "alle" and len(tidslinje) > VIS_HENDELSER:
        # A long history (years of weekly changes) would make the page long and slow: the newest events, and a
        # link to all of them.
        oversikt["tidslinje"] = tidslinje[:VIS_HENDELSER]
        oversikt["tidslinje_antall"] = len(tidslinje)
    return render(request, "deltakere/sak.html", {"deltaker": deltaker, **oversikt})


@require_POST
@never_cache
def vis_fodselsnummer(request, pk):
    """The full number, on purpose (a POST) and logged; the participant page shows it masked."""
    deltaker = hent_deltaker(request, pk, handling=Tilgangslogg.Handling.VIS)
    fnr = deltaker.fodselsnummer
    if not fnr:
        messages.info(request, "Det er ikke registrert noe fødselsnummer.")
        return redirect("deltakere:sak", pk=deltaker.pk)
    logg_tilgang(request, deltaker, Tilgangslogg.Handling.VIS_FODSELSNUMMER)
    return render(
        request, "deltakere/fodselsnummer.html", {"deltaker": deltaker, "fodselsnummer": f"{fnr[:6]} {fnr[6:]}"}
    )


def _maskert(fnr):
    return Deltaker(fodselsnummer=fnr).fodselsnummer_maskert


class EndreDeltaker(Personskjema):
    form_class = EndreDeltakerForm
    tittel = "Endre personopplysninger"
    knapp = "Lagre endringer"
    konfliktfelter = [felt for felt in PERSONALIA if felt != "fodselsnummer"]

    def skjema_kwargs(self):
        # A ModelForm writes the input into its instance while validating: give it a copy, so the
        # page (and a refused save) still shows what is stored.
        return {"instance": copy.copy(self.deltaker), "initial": {"versjon": self.deltaker.versjon}}

    def lagre(self, form):
        data = {felt: form.cleaned_data[felt] for felt in PERSONALIA}
        services.endre_deltaker(self.deltaker, versjon=form.cleaned_data["versjon"], data=data)

    def konflikt_tillegg(self, form, lagret):
        """A changed fødselsnummer is told, masked: showing it in full is a logged action of its own."""
        ditt = form.cleaned_data["fodselsnummer"]
        if lagret.fodselsnummer == ditt:
            return []
        return [("Fødselsnummer (vises maskert)", _maskert(lagret.fodselsnummer), _maskert(ditt))]


class EndreSituasjon(Personskjema):
    """A change of bosituasjon, inntekt or the flags: a new dated row (the start values stay)."""

    form_class = SituasjonForm
    tittel = "Endre situasjon"
    knapp = "Lagre situasjon"
    template_name = "deltakere/endre_situasjon.html"
    konfliktfelter = SITUASJONSFELTER

    def skjema_kwargs(self):
        d = self.deltaker
        return {"initial": {"versjon": d.versjon, **{felt: getattr(d, felt) for felt in SITUASJONSFELTER}}}

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_situasjon(
            self.deltaker,
            versjon=data["versjon"],
            dato=data["dato"],
            av=self.request.user,
            **{felt: data[felt] for felt in SITUASJONSFELTER},
        )


class EndreKontaktpersoner(Personskjema):
    form_class = KontaktpersonerForm
    tittel = "Bytt kontaktpersoner"
    knapp = "Lagre kontaktpersoner"
    template_name = "deltakere/endre_kontaktpersoner.html"
    konfliktfelter = KONTAKTPERSONER

    def skjema_kwargs(self):
        d = self.deltaker
        initial = {"primaerkontakt": d.primaerkontakt_id, "andrekontakt": d.andrekontakt_id}
        return {"senter": d.senter, "initial": {"versjon": d.versjon, **initial}}

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_kontaktpersoner(
            self.deltaker,
            versjon=data["versjon"],
            dato=data["dato"],
            primaerkontakt=data["primaerkontakt"],
            andrekontakt=data["andrekontakt"],
            av=self.request.user,
        )


class EndreSamarbeidsavtale(Personskjema):
    form_class = SamarbeidsavtaleForm
    tittel = "Samarbeidsavtale"
    knapp = "Lagre samarbeidsavtale"
    template_name = "deltakere/endre_samarbeidsavtale.html"
    konfliktfelter = ["signert", "notat"]

    def skjema_kwargs(self):
        d = self.deltaker
        initial = {"versjon": d.versjon, "signert": d.samarbeidsavtale_signert, "notat": d.samarbeidsavtale_notat}
        return {"initial": initial}

    def lagret_som(self, lagret):
        """The saved row under the form's field names, for the table of differences."""
        return SimpleNamespace(
            signert=lagret.samarbeidsavtale_signert, notat=lagret.samarbeidsavtale_notat, versjon=lagret.versjon
        )

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_samarbeidsavtale(
            self.deltaker, versjon=data["versjon"], signert=data["signert"], notat=data["notat"]
        )
