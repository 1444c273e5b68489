"""The quick log (hurtiglogg): log a short contact with a person in a few key presses, from every page.

One form: find the person by typing (the register's search, `Deltaker.objects.sok`, at the centre the user works
in now), the type (uformell kontakt), minutes, where, and a one-line note; Enter saves through
`registrer_samtale`, and the form is ready for the next person with a confirmation and an *Angre* button.

The typed name is POSTed, never put in a URL. Without JavaScript the search is a plain step: the same form sent
with the typed text comes back with the people found as radio buttons. With JavaScript (static/js/hurtiglogg.js)
the list is an ARIA combobox filled from `hurtiglogg_sok` as you type.

The access log follows the register's rule: a list of people found by a search is not logged (it shows names,
as the register's list does); the person the contact is logged for is fetched with `hent_deltaker`, which logs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.models import Status
from deltakere.scoping import RETTIGHETER, deltakere_for, hent_deltaker, krev_rolle
from deltakere.views.felles import legg_til_feil

from .. import services
from ..forms import VARIGHET_VALG, HurtigloggForm
from ..models import Kontaktslag, Samtale

RETT = "oppfolging.logge_kontakt"
KVITTERING = "hurtiglogg_kvittering"  # session key: the last contact logged, shown once after the redirect
TREFF = 8  # people shown for a search; more means: type more of the name


def _senter(request):
    """The centre the user works in now, when their role there may log contacts (403 when it may not)."""
    aktivt = request.aktivt_medlemskap
    if aktivt is None:
        raise Http404
    return krev_rolle(request, aktivt.senter_id, RETTIGHETER[RETT]).senter


def finn(request, senter, tekst):
    """The people at `senter` whose name matches `tekst` (the register's search), followed-up people first; at
    most TREFF, and whether there were more. A transferred record is read-only, so it is left out."""
    tekst = (tekst or "").strip()
    if not tekst:
        return [], False
    aktive = [Status.HENVIST, Status.AKTIV, Status.PAUSE]
    qs = (
        deltakere_for(request)
        .filter(senter=senter, overfort_til__isnull=True)
        .sok(tekst)
        .annotate(avsluttet=Case(When(status__in=aktive, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("avsluttet", "etternavn", "fornavn", "pk")
        .only("pk", "fornavn", "etternavn", "kallenavn", "fodselsaar", "status", "senter_id")
    )
    rader = list(qs[: TREFF + 1])
    return rader[:TREFF], len(rader) > TREFF


def _er_sok(data):
    """Is this POST the search step? "Søk" pressed with new text, or saved before a person was chosen. Enter in a
    field without JavaScript presses the first button (Søk): with the person chosen from the list that text
    found, that is a save."""
    sok = (data.get("sok") or "").strip()
    valgt = bool((data.get("deltaker") or "").strip())
    if data.get("handling") == "sok":
        return not (valgt and sok == (data.get("sokt") or "").strip())
    return bool(sok) and not valgt


def _vis(request, form, senter, *, treff=None, flere=False, sokt=None, valgt=None, kvittering=None, status=200):
    context = {
        "form": form,
        "senter": senter,
        "treff": treff,
        "flere": flere,
        "sokt": sokt,
        "valgt": valgt,
        "kvittering": kvittering,
        "varighet_valg": VARIGHET_VALG,
        "treff_maks": TREFF,
    }
    return render(request, "oppfolging/hurtiglogg.html", context, status=status)


@require_http_methods(["GET", "POST"])
def hurtiglogg(request):
    senter = _senter(request)
    if request.method == "GET":
        form = legg_til_engangskode(HurtigloggForm(senter=senter))
        return _vis(request, form, senter, kvittering=request.session.pop(KVITTERING, None))
    if _er_sok(request.POST):
        # The plain search step: the form again with what was typed (and the same token), the people found.
        data = request.POST.dict()
        data.pop("deltaker", None)
        form = legg_til_engangskode(HurtigloggForm(initial=data, senter=senter))
        sok = (data.get("sok") or "").strip()[:100]
        form.initial["sokt"] = sok
        treff, flere = finn(request, senter, sok)
        return _vis(request, form, senter, treff=treff, flere=flere, sokt=sok)
    form = legg_til_engangskode(HurtigloggForm(request.POST, senter=senter))
    valgt = None
    pk = (request.POST.get("deltaker") or "").strip()
    if pk.isascii() and pk.isdigit():
        # Fetched (and logged) before the save's transaction, so the access log keeps it when the save fails.
        valgt = hent_deltaker(request, int(pk), rettighet=RETT)
    return en_gang(request, form, lambda: _lagre(request, form, senter, valgt))


def _lagre(request, form, senter, valgt):
    """Validate and save: (response, saved)."""
    if form.is_valid() and valgt is None:
        form.add_error("sok", "Velg personen kontakten var med: skriv en del av navnet og velg i listen.")
    elif form.is_valid() and valgt.er_overfort:
        form.add_error("sok", f"Personen er overført til {valgt.overfort_til.senter}. Logg kontakten der.")
    if not form.is_valid():
        return _vis(request, form, senter, valgt=valgt), False
    data = form.cleaned_data
    try:
        samtale = services.registrer_samtale(
            valgt,
            av=request.user,
            type=data["type"],
            kontaktslag=Kontaktslag.MED_PERSONEN,
            tidspunkt=timezone.now(),
            varighet=data["varighet"],
            form=data["form"],
            notat=data.get("notat", "").strip(),
        )
    except ValidationError as e:
        legg_til_feil(form, e)
        return _vis(request, form, senter, valgt=valgt), False
    registrert = timezone.localtime(samtale.registrert)
    request.session[KVITTERING] = {
        "samtale": samtale.pk,
        "navn": valgt.fullt_navn,
        "kl": f"{registrert:%H:%M}",
        "angre_til": f"{registrert + services.ANGRE:%H:%M}",
    }
    return redirect(reverse("oppfolging:hurtiglogg")), True


@require_POST
def hurtiglogg_sok(request):
    """The people found for the typed text, as the combobox's options (an HTML fragment). A POST: the text is
    never in a URL."""
    senter = _senter(request)
    sok = (request.POST.get("q") or "")[:100]
    treff, flere = finn(request, senter, sok)
    return render(request, "oppfolging/hurtiglogg_treff.html", {"treff": treff, "flere": flere, "sok": sok.strip()})


@require_POST
def angre(request, samtale_id):
    """Undo a contact just logged: only its author, within ANGRE (the service says no otherwise)."""
    _senter(request)
    samtale = Samtale.objects.filter(pk=samtale_id).first()
    if samtale is None:  # undone already (a second click), or never one the user could see: the same answer
        messages.info(request, "Kontakten finnes ikke lenger. Den kan allerede være angret.")
        return redirect("oppfolging:hurtiglogg")
    deltaker = hent_deltaker(request, samtale.deltaker_id, rettighet=RETT)
    try:
        services.angre_samtale(samtale, av=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Kontakten med {deltaker.fullt_navn} er angret.")
    return redirect("oppfolging:hurtiglogg")
