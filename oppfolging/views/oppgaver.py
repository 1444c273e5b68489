"""Morgenmøte tasks: a new task about a person (from the person) or about a guest or a person found by a search
step (on the morgenmøte page), the morgenmøte page itself (the centre's open tasks by who holds them, to
reassign or close quickly) and reopening a task closed lately."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.okt import skjemadata
from deltakere.scoping import deltakere_for, hent_deltaker, kan
from deltakere.views.felles import Personskjema, legg_til_feil

from .. import selectors, services
from ..forms import FinnDeltakerForm, OppgaveForm, TildelForm, hvem_valg
from ..models import Oppgave
from .avtaler import aktivt_senter

RETT = "oppfolging.oppgaver"
MAKS_TREFF = 20
NYLIG_LUKKET = timedelta(days=7)


def _morgenmote_url(oppgave=None):
    url = reverse("oppfolging:morgenmote")
    return f"{url}#oppgave-{oppgave.pk}" if oppgave is not None else url


class NyOppgaveForDeltaker(Personskjema):
    form_class = OppgaveForm
    tittel = "Ny oppgave"
    knapp = "Lagre oppgaven"
    melding = "Oppgaven er lagret og står på morgenmøtet."
    rettighet = RETT
    template_name = "oppfolging/oppgave_skjema.html"

    def skjema_kwargs(self):
        return {"senter": self.deltaker.senter, "deltaker": self.deltaker}

    def lagre(self, form):
        data = form.cleaned_data
        tildelt, gruppe = data["hvem"]
        services.ny_oppgave(
            self.deltaker.senter,
            hva=data["hva"],
            av=self.request.user,
            deltaker=self.deltaker,
            tildelt=tildelt,
            gruppe=gruppe,
            frist=data["frist"],
        )
        return None  # back to the participant page


def _treff(request, senter, sok):
    """The centre's people matching the typed search (the register's search), at most MAKS_TREFF."""
    if not sok.strip():
        return []
    qs = deltakere_for(request).filter(senter=senter, overfort_til__isnull=True).sok(sok)
    return list(qs.order_by("etternavn", "fornavn", "pk")[:MAKS_TREFF])


def _ny_oppgave_form(request, senter, data=None):
    sok = data.get("sok", "") if data is not None else ""
    treff = _treff(request, senter, sok)
    deltakere = deltakere_for(request).filter(senter=senter, overfort_til__isnull=True)
    form = FinnDeltakerForm(data, senter=senter, treff=treff, deltakere=deltakere)
    form.treff, form.har_sokt = treff, bool(sok.strip())
    return legg_til_engangskode(form)


@require_http_methods(["GET", "POST"])
def ny_oppgave(request):
    """The morgenmøte's new task, as a page of its own (the same form is on the morgenmøte page). «Søk» finds
    the person (a POST: the typed name never reaches the address); «Lagre oppgaven» saves."""
    senter = aktivt_senter(request, RETT)
    if request.method != "POST":
        form = _ny_oppgave_form(request, senter, skjemadata(request))
        return render(request, "oppfolging/oppgave_ny.html", {"form": form})
    form = _ny_oppgave_form(request, senter, request.POST)
    if request.POST.get("handling") == "sok":
        return render(request, "oppfolging/oppgave_ny.html", {"form": _bare_sok(form), "sokt": True})

    def behandle():
        if form.is_valid():
            data = form.cleaned_data
            tildelt, gruppe = data["hvem"]
            try:
                oppgave = services.ny_oppgave(
                    senter,
                    hva=data["hva"],
                    av=request.user,
                    deltaker=data["deltaker"],
                    gjest=data.get("gjest", ""),
                    tildelt=tildelt,
                    gruppe=gruppe,
                    frist=data["frist"],
                )
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                messages.success(request, "Oppgaven er lagret.")
                return redirect(_morgenmote_url(oppgave)), True
        return render(request, "oppfolging/oppgave_ny.html", {"form": form}), False

    return en_gang(request, form, behandle)


def _bare_sok(form):
    """The form after «Søk»: what was typed, the hits, no error messages yet (nothing was meant to be saved)."""
    form._errors = {}
    form.cleaned_data = {}
    return form


@require_GET
def morgenmote(request):
    """The centre's open tasks grouped by who holds them (overdue first in each group), each with a select to
    reassign it and «Ferdig»; the form for a new task; tasks closed the last week, to reopen."""
    senter = aktivt_senter(request, RETT)
    idag = timezone.localdate()
    grupper = []
    for holder, oppgaver in selectors.apne_oppgaver(senter):
        for o in oppgaver:
            o.forfalt = o.frist is not None and o.frist < idag
            o.hvem_verdi = f"b{o.tildelt_id}" if o.tildelt_id else (f"g{o.gruppe}" if o.gruppe else "")
        oppgaver.sort(key=lambda o: (not o.forfalt, o.frist is None, o.frist or idag, o.opprettet, o.pk))
        grupper.append((holder, oppgaver))
    lukket = list(
        Oppgave.objects.filter(senter=senter, ferdig__gte=timezone.now() - NYLIG_LUKKET)
        .select_related("deltaker", "tildelt")
        .order_by("-ferdig", "-pk")[:50]
    )
    valg = hvem_valg(senter)
    return render(
        request,
        "oppfolging/morgenmote.html",
        {
            "senter": senter,
            "grupper": grupper,
            "antall": sum(len(o) for _, o in grupper),
            "lukket": lukket,
            "ansatte_valg": valg[1][1],
            "gruppe_valg": valg[2][1],
            "form": _ny_oppgave_form(request, senter),
            "idag": idag,
        },
    )


def _hent_oppgave(request, oppgave_id):
    """A task at one of the user's centres that their role may handle (404 otherwise); a task about a person
    fetches the person through the scoping helper, so the change is in the access log."""
    oppgave = get_object_or_404(Oppgave.objects.select_related("senter"), pk=oppgave_id)
    if not kan(request, RETT, oppgave.senter_id):
        raise Http404
    if oppgave.deltaker_id is not None:
        oppgave.deltaker = hent_deltaker(request, oppgave.deltaker_id, rettighet=RETT)
    return oppgave


@require_POST
def tildel_oppgave(request, oppgave_id):
    oppgave = _hent_oppgave(request, oppgave_id)
    form = TildelForm(request.POST, senter=oppgave.senter)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("hvem", ["Velg hvem som skal ha oppgaven."])))
        return redirect(_morgenmote_url(oppgave))
    tildelt, gruppe = form.cleaned_data["hvem"]
    try:
        services.tildel_oppgave(oppgave, tildelt=tildelt, gruppe=gruppe)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        hvem = tildelt.navn if tildelt else (oppgave.get_gruppe_display() if gruppe else "ingen")
        messages.success(request, f"«{oppgave.hva}» er nå hos {hvem}.")
    return redirect(_morgenmote_url(oppgave))


@require_POST
def fullfor_oppgave(request, oppgave_id):
    oppgave = _hent_oppgave(request, oppgave_id)
    if oppgave.ferdig is None:
        services.fullfor_oppgave(oppgave)
    messages.success(request, f"«{oppgave.hva}» er ferdig. Den kan åpnes igjen nederst på siden.")
    return redirect(_morgenmote_url())


@require_POST
def gjenapne_oppgave(request, oppgave_id):
    oppgave = _hent_oppgave(request, oppgave_id)
    if oppgave.ferdig is not None:
        services.fullfor_oppgave(oppgave, ferdig=False)
    messages.success(request, f"«{oppgave.hva}» er åpen igjen.")
    return redirect(_morgenmote_url(oppgave))
