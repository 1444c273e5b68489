"""One tidgiver: registering, the page (details, vetting checklist, status history, samlinger), editing and
status changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.okt import skjemadata
from deltakere.scoping import deltakere_for
from deltakere.views.felles import legg_til_feil

from .. import katalog, selectors, services
from ..forms import NyTidgiverForm, StatusForm, TidgiverForm
from ..models import Status
from .felles import Tidgiverskjema, forvaltet_senter, hent_tidgiver


@require_http_methods(["GET", "POST"])
def ny_tidgiver(request):
    """Register a tidgiver at the centre the user works in now."""
    senter = forvaltet_senter(request)
    form = legg_til_engangskode(NyTidgiverForm(skjemadata(request), senter=senter))

    def registrer():
        if form.is_valid():
            try:
                tidgiver = services.opprett_tidgiver(
                    senter=senter,
                    data=form.tidgiver_data(),
                    status=form.cleaned_data["status"],
                    status_dato=form.cleaned_data["status_dato"],
                    av=request.user,
                )
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                messages.success(request, f"{tidgiver.navn} er registrert som tidgiver.")
                return redirect("tidgivere:tidgiver", tidgiver_id=tidgiver.pk), True
        return _vis_ny(request, senter, form), False

    if request.method == "POST":
        return en_gang(request, form, registrer)
    return _vis_ny(request, senter, form)


def _vis_ny(request, senter, form):
    return render(
        request,
        "tidgivere/skjema.html",
        {"form": form, "tittel": "Ny tidgiver", "knapp": "Registrer tidgiver", "senter": senter, "ny": True},
    )


@require_GET
def tidgiver(request, tidgiver_id):
    tidgiver = hent_tidgiver(request, tidgiver_id)
    idag = timezone.localdate()
    sjekkliste = [
        ("Første intervju", tidgiver.intervju1_dato, tidgiver.intervju1_av),
        ("Andre intervju", tidgiver.intervju2_dato, tidgiver.intervju2_av),
        ("Referanser sjekket", tidgiver.referanser_sjekket, None),
        ("Politiattest sett", tidgiver.politiattest_sett, None),
        ("Taushetserklæring signert", tidgiver.taushetserklaering_signert, None),
        ("Introduksjonskurs fullført", tidgiver.introduksjonskurs_fullfort, None),
        ("Tidgivermappe utlevert", tidgiver.tidgivermappe_utlevert, None),
    ]
    koblinger = selectors.koblinger_for_tidgiver(tidgiver)
    # The matched people the user may see (a tidgiverkoordinator: only those who consent to share): the others
    # are listed without a name or a link.
    synlige = set(deltakere_for(request).filter(pk__in={k.deltaker_id for k in koblinger}).values_list("pk", flat=True))
    return render(
        request,
        "tidgivere/tidgiver.html",
        {
            "tidgiver": tidgiver,
            "sjekkliste": sjekkliste,
            "mangler": services.mangler_for_aktiv(tidgiver, idag),
            "kan_matches": services.kan_matches(tidgiver, idag),
            "attest_dager": (tidgiver.politiattest_gyldig_til - idag).days
            if tidgiver.politiattest_gyldig_til
            else None,
            "varsel_dager": (selectors.varselgrense(idag) - idag).days,
            "historikk": selectors.statushistorikk(tidgiver),
            "samlinger": selectors.samlinger_for(tidgiver),
            "sprak": katalog.navn(tidgiver.sprak, katalog.SPRAK_NAVN),
            "interesser": katalog.navn(tidgiver.interesser, katalog.AKTIVITET_NAVN),
            "aktiviteter": katalog.navn(tidgiver.aktiviteter, katalog.AKTIVITET_NAVN),
            "tider": _tidsrutenett(tidgiver.tilgjengelighet),
            "fritekst": tidgiver.senter.fritekst_tillatt,
            "koblinger": [(k, k.deltaker_id in synlige) for k in koblinger],
            "timer": selectors.timer_for_tidgiver(tidgiver, idag),
        },
    )


def _tidsrutenett(koder):
    """The availability grid for a table: [(weekday name, [(part of day, available)])]."""
    valgt = set(koder or [])
    return [
        (dagnavn, [(delnavn, f"{dag}-{del_}" in valgt) for del_, delnavn in katalog.DAGSDELER])
        for dag, dagnavn in katalog.UKEDAGER
    ]


class EndreTidgiver(Tidgiverskjema):
    form_class = TidgiverForm
    tittel = "Endre tidgiver"
    knapp = "Lagre endringene"
    konfliktfelter = (
        "navn", "telefon", "epost", "kommune", "kapasitet", "politiattest_sett", "politiattest_gyldig_til",
        "taushetserklaering_signert", "introduksjonskurs_fullfort",
    )  # fmt: skip

    def skjema_kwargs(self):
        return {"senter": self.tidgiver.senter, "initial": TidgiverForm.initial_fra(self.tidgiver)}

    def lagre(self, form):
        services.endre_tidgiver(self.tidgiver, versjon=form.cleaned_data["versjon"], data=form.tidgiver_data())


class EndreStatus(Tidgiverskjema):
    form_class = StatusForm
    tittel = "Endre status"
    knapp = "Lagre status"
    melding = "Statusen er endret."
    konfliktfelter = ()

    def skjema_kwargs(self):
        return {"tidgiver": self.tidgiver, "initial": {"versjon": self.tidgiver.versjon}}

    def lagre(self, form):
        services.endre_status(
            self.tidgiver,
            versjon=form.cleaned_data["versjon"],
            til=form.cleaned_data["til"],
            dato=form.cleaned_data["dato"],
            arsak=form.cleaned_data["arsak"],
            av=self.request.user,
        )

    def ekstra(self):
        mangler = []
        if Status.AKTIV in self.tidgiver.mulige_statuser():
            mangler = services.mangler_for_aktiv(self.tidgiver)
        return {"mangler": mangler}
