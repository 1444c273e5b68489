"""The participant page ("sak") and the small edit pages reached from it."""

import copy
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import EndreDeltakerForm, KontaktpersonerForm, SamarbeidsavtaleForm, SituasjonForm
from ..models import Tilgangslogg
from ..scoping import FULL_TILGANG, hent_deltaker, rolle_ved
from ..tilgangslogg import logg_tilgang
from .felles import hent_redigerbar_deltaker, lagre_eller_konflikt, skjemaside

LAGRET = "Endringene er lagret."
PERSONALIA = list(EndreDeltakerForm._meta.fields)
SITUASJON = ["bosituasjon", "inntekt", "lar", "i_behandling", "soningsforhold"]
KONTAKTPERSONER = ["primaerkontakt", "sekundaerkontakt"]


@login_required
@never_cache
def sak(request, pk):
    """The whole record for full access; for a tidgiverkoordinator only what may be shared with a tidgiver."""
    deltaker = hent_deltaker(request, pk, full=False)
    logg_tilgang(request, deltaker)
    if rolle_ved(request, deltaker.senter_id) not in FULL_TILGANG:
        return render(
            request,
            "deltakere/sak_begrenset.html",
            {"deltaker": deltaker, "samtykke": selectors.tidgiversamtykke(deltaker)},
        )
    return render(request, "deltakere/sak.html", {"deltaker": deltaker, **selectors.sakoversikt(deltaker)})


@login_required
@require_POST
@never_cache
def vis_fodselsnummer(request, pk):
    """The full number, on purpose (a POST) and logged; the participant page shows it masked."""
    deltaker = hent_deltaker(request, pk)
    fnr = deltaker.fodselsnummer
    if not fnr:
        messages.info(request, "Det er ikke registrert noe fødselsnummer.")
        return redirect("sak", pk=deltaker.pk)
    logg_tilgang(request, deltaker, Tilgangslogg.Handling.VIS_FODSELSNUMMER)
    return render(
        request, "deltakere/fodselsnummer.html", {"deltaker": deltaker, "fodselsnummer": f"{fnr[:6]} {fnr[6:]}"}
    )


def _maskert(fnr):
    return f"{fnr[:2]}•••• •••••" if fnr else ""


def _fodselsnummerkonflikt(lagret, ditt):
    """A changed fødselsnummer is told, masked: showing it in full is a logged action of its own."""
    if lagret.fodselsnummer == ditt:
        return []
    return [("Fødselsnummer (vises maskert)", _maskert(lagret.fodselsnummer), _maskert(ditt))]


@login_required
def endre_deltaker(request, pk):
    deltaker, stopp = hent_redigerbar_deltaker(request, pk)
    if stopp:
        return stopp
    # A ModelForm writes the input into its instance while validating: give it a copy, so the
    # page (and a refused save) still shows what is stored.
    form = EndreDeltakerForm(request.POST or None, instance=copy.copy(deltaker), initial={"versjon": deltaker.versjon})
    konflikt = None
    if request.method == "POST" and form.is_valid():
        data = {felt: form.cleaned_data[felt] for felt in PERSONALIA}
        lagret, konflikt = lagre_eller_konflikt(
            form,
            [felt for felt in PERSONALIA if felt != "fodselsnummer"],
            lambda: services.endre_deltaker(deltaker, versjon=form.cleaned_data["versjon"], data=data),
            tillegg=lambda lagret: _fodselsnummerkonflikt(lagret, data["fodselsnummer"]),
        )
        if lagret:
            messages.success(request, LAGRET)
            return redirect("sak", pk=deltaker.pk)
    return skjemaside(request, "deltakere/endre_deltaker.html", deltaker, form, konflikt)


@login_required
def endre_situasjon(request, pk):
    """A change of bosituasjon, inntekt or the flags: a new dated row (the start values stay)."""
    deltaker, stopp = hent_redigerbar_deltaker(request, pk)
    if stopp:
        return stopp
    initial = {"versjon": deltaker.versjon, **{felt: getattr(deltaker, felt) for felt in SITUASJON}}
    form = SituasjonForm(request.POST or None, initial=initial)
    konflikt = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lagret, konflikt = lagre_eller_konflikt(
            form,
            SITUASJON,
            lambda: services.endre_situasjon(
                deltaker,
                versjon=data["versjon"],
                dato=data["dato"],
                av=request.user,
                **{felt: data[felt] for felt in SITUASJON},
            ),
        )
        if lagret:
            messages.success(request, LAGRET)
            return redirect("sak", pk=deltaker.pk)
    return skjemaside(request, "deltakere/endre_situasjon.html", deltaker, form, konflikt)


@login_required
def endre_kontaktpersoner(request, pk):
    deltaker, stopp = hent_redigerbar_deltaker(request, pk)
    if stopp:
        return stopp
    form = KontaktpersonerForm(
        request.POST or None,
        senter=deltaker.senter,
        initial={
            "versjon": deltaker.versjon,
            "primaerkontakt": deltaker.primaerkontakt_id,
            "sekundaerkontakt": deltaker.sekundaerkontakt_id,
        },
    )
    konflikt = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lagret, konflikt = lagre_eller_konflikt(
            form,
            KONTAKTPERSONER,
            lambda: services.endre_kontaktpersoner(
                deltaker,
                versjon=data["versjon"],
                dato=data["dato"],
                primaerkontakt=data["primaerkontakt"],
                sekundaerkontakt=data["sekundaerkontakt"],
                av=request.user,
            ),
        )
        if lagret:
            messages.success(request, LAGRET)
            return redirect("sak", pk=deltaker.pk)
    return skjemaside(request, "deltakere/endre_kontaktpersoner.html", deltaker, form, konflikt)


def _samarbeidsavtale(lagret):
    """The saved row under the form's field names, for the table of differences."""
    return SimpleNamespace(
        signert=lagret.samarbeidsavtale_signert, notat=lagret.samarbeidsavtale_notat, versjon=lagret.versjon
    )


@login_required
def endre_samarbeidsavtale(request, pk):
    deltaker, stopp = hent_redigerbar_deltaker(request, pk)
    if stopp:
        return stopp
    form = SamarbeidsavtaleForm(
        request.POST or None,
        initial={
            "versjon": deltaker.versjon,
            "signert": deltaker.samarbeidsavtale_signert,
            "notat": deltaker.samarbeidsavtale_notat,
        },
    )
    konflikt = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lagret, konflikt = lagre_eller_konflikt(
            form,
            ["signert", "notat"],
            lambda: services.endre_samarbeidsavtale(
                deltaker, versjon=data["versjon"], signert=data["signert"], notat=data["notat"]
            ),
            lagret_som=_samarbeidsavtale,
        )
        if lagret:
            messages.success(request, LAGRET)
            return redirect("sak", pk=deltaker.pk)
    return skjemaside(request, "deltakere/endre_samarbeidsavtale.html", deltaker, form, konflikt)
