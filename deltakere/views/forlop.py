"""The status lifecycle: henvist → aktiv → pause → avsluttet (and back), and transfer to another centre."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format

from .. import services
from ..forms import AvsluttForm, OverforForm, StatusForm
from ..models import Status, Statusendring
from .felles import Personskjema, vis_konflikt


def _statusrad(lagret, ny_status):
    """The conflict table's row for a status change: what is saved now, and what the user asked for."""
    return ("Status", f"{lagret.get_status_display()} fra {date_format(lagret.status_fra, 'j. F Y')}", ny_status)


class Statusskjema(Personskjema):
    """What the three pages that move a person along the lifecycle share."""

    ny_status = ""  # the label of what the user asks for, for the conflict table

    def skjema_kwargs(self):
        return {"initial": {"versjon": self.deltaker.versjon}}

    def utdatert(self, form):
        """Opened on an older version than the one saved now: the status choices may no longer fit, so
        tell of the conflict before anything else."""
        versjon = form.cleaned_data.get("versjon") if hasattr(form, "cleaned_data") else None
        if versjon is None or versjon == self.deltaker.versjon:
            return None
        return vis_konflikt(form, self.deltaker, []) + [_statusrad(self.deltaker, self.onsket(form))]

    def onsket(self, form):
        return self.ny_status

    def konflikt_tillegg(self, form, lagret):
        return [_statusrad(lagret, self.onsket(form))]


class EndreStatus(Statusskjema):
    form_class = StatusForm
    template_name = "deltakere/endre_status.html"

    @property
    def gjenoppta(self):
        return self.deltaker.status == Status.AVSLUTTET

    @property
    def tittel(self):
        return "Gjenoppta oppfølgingen" if self.gjenoppta else "Endre status"

    @property
    def knapp(self):
        return "Gjenoppta oppfølgingen" if self.gjenoppta else "Lagre ny status"

    def skjema_kwargs(self):
        kwargs = super().skjema_kwargs()
        valg = [s for s in self.deltaker.mulige_statuser() if s != Status.AVSLUTTET]
        if len(valg) == 1:
            kwargs["initial"]["til_status"] = valg[0].value
        return {**kwargs, "deltaker": self.deltaker}

    def onsket(self, form):
        return dict(Status.choices).get(form.data.get("til_status"), "")

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_status(
            self.deltaker,
            versjon=data["versjon"],
            til_status=data["til_status"],
            dato=data["dato"],
            av=self.request.user,
            notat=data["notat"],
        )

    def suksessmelding(self, form):
        return f"Status for {self.deltaker.fullt_navn} er nå «{self.deltaker.get_status_display()}»."

    def ekstra(self):
        avslutning = None
        if self.gjenoppta:
            avslutning = Statusendring.objects.filter(deltaker=self.deltaker, til_status=Status.AVSLUTTET).first()
        return {"gjenoppta": self.gjenoppta, "avslutning": avslutning}


class AvsluttOppfolging(Statusskjema):
    form_class = AvsluttForm
    tittel = "Avslutt oppfølgingen"
    knapp = "Avslutt oppfølgingen"
    template_name = "deltakere/avslutt.html"
    ny_status = Status.AVSLUTTET.label

    def forhindret(self):
        if self.deltaker.status == Status.AVSLUTTET:
            messages.info(self.request, f"Oppfølgingen av {self.deltaker.fullt_navn} er allerede avsluttet.")
            return redirect("deltakere:sak", pk=self.deltaker.pk)
        return None

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_status(
            self.deltaker,
            versjon=data["versjon"],
            til_status=Status.AVSLUTTET,
            dato=data["dato"],
            av=self.request.user,
            arsak=data["arsak"],
            avslutningssamtale=data["avslutningssamtale"],
            apen_dor_til=data["apen_dor_til"],
            notat=data["notat"],
        )

    def suksessmelding(self, form):
        return f"Oppfølgingen av {self.deltaker.fullt_navn} er avsluttet."


class OverforDeltaker(Statusskjema):
    form_class = OverforForm
    tittel = "Overfør til et annet senter"
    template_name = "deltakere/overfor.html"
    ny_status = "Overført"

    @property
    def knapp(self):
        return f"Overfør {self.deltaker.fornavn}"

    def skjema_kwargs(self):
        return {**super().skjema_kwargs(), "deltaker": self.deltaker}

    def lagre(self, form):
        data = form.cleaned_data
        self.ny = services.overfor_deltaker(
            self.deltaker,
            versjon=data["versjon"],
            til_senter=data["til_senter"],
            dato=data["dato"],
            samtykke_form=data["samtykke_form"],
            av=self.request.user,
        )
        # The user usually does not work at the new centre: back to the old, now read-only, record.
        return reverse("deltakere:sak", args=[self.deltaker.pk])

    def suksessmelding(self, form):
        return f"{self.deltaker.fullt_navn} er overført til {self.ny.senter}."
