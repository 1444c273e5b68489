"""Consent (samtykke) and the person's network: pårørende and samarbeidspartnere."""

import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import NettverkskontaktForm, SamtykkeForm
from ..models import Nettverkskontakt, Samtykke
from ..scoping import hent_deltaker
from .felles import Personskjema


def _kontaktsamtykker(deltaker, kontakt):
    """The consents that name `kontakt`, given and withdrawn, newest first."""
    return list(Samtykke.objects.filter(deltaker=deltaker, gjelder=kontakt).order_by("-dato", "-registrert"))


class NySamtykke(Personskjema):
    form_class = SamtykkeForm
    tittel = "Registrer samtykke"
    knapp = "Registrer samtykket"
    template_name = "deltakere/ny_samtykke.html"

    def skjema_kwargs(self):
        # "Registrer samtykke" from a contact's page preselects the type and the contact (an id, never a name).
        initial = {}
        if self.request.GET.get("type") in Samtykke.Type.values:
            initial["type"] = self.request.GET["type"]
        if self.request.GET.get("gjelder", "").isdigit():
            initial["gjelder"] = self.request.GET["gjelder"]
        return {"deltaker": self.deltaker, "initial": initial}

    def lagre(self, form):
        data = form.cleaned_data
        self.samtykke = services.registrer_samtykke(
            self.deltaker,
            type=data["type"],
            form=data["form"],
            dato=data["dato"],
            omfang=data["omfang"],
            gjelder=data["gjelder"],
            av=self.request.user,
        )

    def suksessmelding(self, form):
        return f"Samtykket «{self.samtykke}» er registrert."

    def ekstra(self):
        return {"samtykker": Samtykke.objects.filter(deltaker=self.deltaker).select_related("gjelder")}


@require_POST
def trekk_samtykke(request, pk, samtykke_id):
    deltaker = hent_deltaker(request, pk, rettighet="deltakere.endre")
    if deltaker.er_overfort:
        messages.error(request, "Personen er overført. Det som er registrert her, kan bare leses.")
        return redirect("deltakere:sak", pk=deltaker.pk)
    samtykke = get_object_or_404(Samtykke.objects.select_related("gjelder"), pk=samtykke_id, deltaker=deltaker)
    if samtykke.trukket is not None:
        messages.info(request, f"Samtykket «{samtykke}» var allerede trukket tilbake.")
    else:
        services.trekk_samtykke(samtykke, dato=timezone.localdate())
        messages.success(
            request, f"Samtykket «{samtykke}» er trukket tilbake fra {date_format(samtykke.trukket, 'j. F Y')}."
        )
    return redirect("deltakere:sak", pk=deltaker.pk)


class NyNettverkskontakt(Personskjema):
    form_class = NettverkskontaktForm
    tittel = "Legg til i nettverket"
    knapp = "Legg til i nettverket"
    template_name = "deltakere/nettverkskontakt.html"

    def lagre(self, form):
        data = dict(form.cleaned_data)
        data.pop("engangskode", None)
        self.samtykke_form = data.pop("samtykke_til_kontakt")
        self.kontakt = services.legg_til_nettverkskontakt(
            self.deltaker, data=data, samtykke_form=self.samtykke_form, av=self.request.user
        )

    def suksessmelding(self, form):
        navn = self.kontakt.navn
        if self.samtykke_form:
            return f"{navn} er lagt til i nettverket, med samtykke til kontakt."
        return f"{navn} er lagt til i nettverket. Uten samtykke skal {navn} ikke kontaktes."


class EndreNettverkskontakt(Personskjema):
    form_class = NettverkskontaktForm
    knapp = "Lagre endringer"
    template_name = "deltakere/nettverkskontakt.html"
    konfliktfelter = NettverkskontaktForm.Meta.fields

    def forhindret(self):
        self.kontakt = get_object_or_404(Nettverkskontakt.objects, pk=self.kwargs["kontakt_id"], deltaker=self.deltaker)
        return None

    @property
    def tittel(self):
        return self.kontakt.navn

    def skjema_kwargs(self):
        # The form writes the input into its instance while validating: give it a copy, so the page
        # (and a refused save) still shows what is stored.
        return {"instance": copy.copy(self.kontakt)}

    def lagre(self, form):
        data = {felt: form.cleaned_data[felt] for felt in NettverkskontaktForm.Meta.fields}
        services.endre_nettverkskontakt(self.kontakt, versjon=form.cleaned_data["versjon"], data=data)

    def suksessmelding(self, form):
        return f"Endringene for {self.kontakt.navn} er lagret."

    def ekstra(self):
        # The contact rule lives in one place, the selector the participant page uses too.
        kan_kontaktes = next(k.kan_kontaktes for k in selectors.nettverk(self.deltaker) if k.pk == self.kontakt.pk)
        return {
            "kontakt": self.kontakt,
            "samtykker": _kontaktsamtykker(self.deltaker, self.kontakt),
            "kan_kontaktes": kan_kontaktes,
        }
