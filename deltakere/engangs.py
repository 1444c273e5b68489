"""A double click makes one record: every form that creates or changes something carries a one-time token.

`legg_til_engangskode(form)` adds the hidden token to a form. `en_gang(request, form, behandle)` handles
the POST: it claims the token (a row in `Innsending`, unique) and then runs `behandle()` (validate and
save), all in one transaction. Two identical submissions sent at once serialise on the token's unique
index: the second waits for the first and, when the first saved, is shown the page the first led to
(with a message that it was already saved) instead of doing the work again — also before its own
validation, which would otherwise warn of the first as a duplicate. A submission that fails (invalid
input, a refused rule, a version conflict) rolls its token back, so correcting and sending again works.
"""

import uuid
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from .models import Innsending

FELT = "engangskode"
BEHOLD = timedelta(days=1)
UTLOPT = "Skjemaet var utløpt. Det du skrev står fortsatt her: send det på nytt."


def legg_til_engangskode(form):
    """Give `form` its hidden one-time token (a new one each time an empty form is shown)."""
    form.fields[FELT] = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    return form


def en_gang(request, form, behandle):
    """Handle the POST of `form` once per token.

    `behandle()` validates and saves; it returns (response, saved). A saved submission's response must
    be a redirect: its URL is what a repeat of the same submission is shown.
    """
    token = _token(form.data.get(FELT))
    if token is None:
        return _utlopt(form, behandle)
    with transaction.atomic():
        innsending, ny = Innsending.objects.get_or_create(token=token, defaults={"bruker": request.user})
        if not ny:
            if innsending.bruker_id != request.user.pk:
                return _utlopt(form, behandle)
            messages.info(request, "Skjemaet var allerede sendt, og det ble lagret én gang. Her er resultatet.")
            if request.headers.get("HX-Request") == "true":  # an inline form: show the page as it is now
                return HttpResponse(status=204, headers={"HX-Location": innsending.resultat})
            return redirect(innsending.resultat)
        svar, lagret = behandle()
        if not lagret:
            transaction.set_rollback(True)
            return svar
        # A page saved (a redirect) or, for an inline form, the page the form sits on.
        pagen = getattr(svar, "url", None) or request.headers.get("HX-Current-URL") or request.path
        innsending.resultat = pagen[:500]
        innsending.save(update_fields=["resultat"])
    Innsending.objects.filter(bruker=request.user, opprettet__lt=timezone.now() - BEHOLD).delete()
    return svar


def _token(tekst):
    try:
        return uuid.UUID(str(tekst))
    except ValueError:
        return None


def _utlopt(form, behandle):
    """Sent without a valid token (a form from before this mechanism, or forged): not saved; the user gets
    everything they typed back with a fresh token and sends it again."""
    data = form.data.copy()
    data[FELT] = str(uuid.uuid4())
    form.data = data
    form.add_error(None, UTLOPT)
    return behandle()[0]
