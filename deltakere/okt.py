"""The idle lock: after SESSION_IDLE_SECONDS without a user action the session is locked, not ended.

A drop-in PC is shared, so a record must not stay on the screen; and a veileder called away in the
middle of a note must not lose it. So the session outlives the idle limit (SESSION_MAX_HOURS), and
once it is idle:

- the server answers every request with the lock page (`laast`), except the lock's own endpoints,
  sign-out and the health check. A form sent while locked is kept in the session, and the first GET of
  the same page after unlock gets it back through `skjemadata`, shown filled in but not saved;
- static/js/okt.js warns before the limit and then locks the open page in place (the page stays in
  the browser, so what is typed survives), asking `status`, telling `aktiv` while the user types, and
  unlocking through `laas_opp`.

Only the session's own user unlocks: the lock asks for their password (through `authenticate`, so
django-axes counts the failures) and for a one-time code when they have a second factor.
"""

import math
import time
from urllib.parse import urlencode, urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from .engangs import FELT as ENGANGSKODE
from .middleware import har_andre_faktor

SIST_AKTIV = "sist_aktiv"  # epoch seconds of the user's last action
BEHOLDT_SKJEMA = "okt_beholdt_skjema"  # {"sti": path and query, "data": the POST, urlencoded}

# Answered while locked, and not counted as an action. Static files never get this far (WhiteNoise).
IKKE_LAAST = {
    "deltakere:okt_laast",
    "deltakere:okt_status",
    "deltakere:okt_aktiv",
    "deltakere:okt_laas_opp",
    "deltakere:logg_ut",
    "helse",
}

# Never kept in the session: the CSRF token, and anything that looks like a password.
IKKE_BEHOLD = ("csrfmiddlewaretoken", "password", "passord")


def sekunder_igjen(request):
    """Whole seconds until the session locks; 0 when it is locked."""
    sist = request.session.get(SIST_AKTIV, time.time())
    return max(0, math.ceil(settings.SESSION_IDLE_SECONDS - (time.time() - sist)))


def er_laast(request):
    sist = request.session.get(SIST_AKTIV)
    return sist is not None and time.time() - sist >= settings.SESSION_IDLE_SECONDS


def skriveintervall():
    """How old `sist_aktiv` may get before an action writes it again: a minute, or a thirtieth of the
    idle limit when that is shorter. So the session is written about once a minute, and the limit
    still holds to the minute (to the second with the short limits of the browser tests)."""
    return min(60, settings.SESSION_IDLE_SECONDS / 30)


def marker_aktiv(request, *, alltid=False):
    sist = request.session.get(SIST_AKTIV)
    naa = time.time()
    if alltid or sist is None or naa - sist > skriveintervall():
        request.session[SIST_AKTIV] = naa


@receiver(user_logged_in)
def _innlogget(sender, request, user, **kwargs):
    """Signing in is an action."""
    if request is not None and hasattr(request, "session"):
        marker_aktiv(request, alltid=True)


class OktMiddleware:
    """Counts every request of a signed-in user as an action, and answers for the lock when idle."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.resolver_match.view_name in IKKE_LAAST:
            return None
        if er_laast(request):
            return _laast_svar(request)
        marker_aktiv(request)
        beholdt = request.session.get(BEHOLDT_SKJEMA)
        if beholdt and _er_sidevisning(request) and beholdt["sti"] != request.get_full_path():
            # The first page after unlock is another one: what was kept is not wanted there.
            del request.session[BEHOLDT_SKJEMA]
        return None


def _er_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _er_sidevisning(request):
    return request.method in ("GET", "HEAD") and not _er_htmx(request)


def _laast_svar(request):
    """To the lock page. A POST's data is kept for the page to show again after unlock; htmx is told
    to load the lock page instead of swapping anything in."""
    if request.method == "POST":
        _behold_skjema(request)
    url = reverse("deltakere:okt_laast") + "?" + urlencode({"next": _side_etter_opplasing(request)})
    if _er_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _behold_skjema(request):
    data = request.POST.copy()
    for navn in list(data):
        if any(ord_ in navn.lower() for ord_ in IKKE_BEHOLD):
            del data[navn]
    if set(data) - {ENGANGSKODE}:  # the one-time token travels with what was typed, never alone
        request.session[BEHOLDT_SKJEMA] = {"sti": request.get_full_path(), "data": data.urlencode()}
    else:
        request.session.pop(BEHOLDT_SKJEMA, None)


def _side_etter_opplasing(request):
    """A page view returns to itself. A POST returns to the page the form was on (a form posts to its
    own page; a button such as *Bytt senter* does not, and answers no GET), htmx to the page it runs in."""
    if _er_sidevisning(request):
        return request.get_full_path()
    kilde = request.headers.get("HX-Current-URL") if _er_htmx(request) else request.headers.get("Referer")
    if kilde and url_has_allowed_host_and_scheme(kilde, {request.get_host()}, request.is_secure()):
        deler = urlsplit(kilde)
        if deler.path != reverse("deltakere:okt_laast"):
            return deler.path + (f"?{deler.query}" if deler.query else "")
    return request.get_full_path()


def skjemadata(request):
    """What a form view binds its form to: `request.POST` on a POST; on the first GET of a page after
    unlock, what was sent to that page while the session was locked (once); else None.

        form = NyDeltakerForm(skjemadata(request), senter=senter)

    The view's `if request.method == "POST" and form.is_valid()` keeps the restored form from saving:
    it is shown filled in until the user saves it again.
    """
    if request.method == "POST":
        return request.POST
    beholdt = request.session.get(BEHOLDT_SKJEMA)
    if request.method != "GET" or not beholdt or beholdt["sti"] != request.get_full_path() or er_laast(request):
        return None
    del request.session[BEHOLDT_SKJEMA]
    messages.info(request, "Skjemaet viser det du skrev før skjermen ble låst. Ingenting er lagret ennå.")
    return QueryDict(beholdt["data"])


class LaasOppForm(forms.Form):
    """The signed-in user's own password, and a one-time code when they have a second factor."""

    passord = forms.CharField(
        label="Passord",
        strip=False,
        error_messages={"required": "Skriv passordet ditt."},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    kode = forms.CharField(
        label="Engangskode",
        max_length=16,
        help_text="Sekssifret kode fra autentiseringsappen, eller en av reservekodene dine.",
        error_messages={"required": "Skriv koden fra autentiseringsappen."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, data, *, request):
        super().__init__(data)
        self.request = request
        self.enhet = None
        self.sperret = False
        if not har_andre_faktor(request):
            del self.fields["kode"]

    def clean(self):
        passord = self.cleaned_data.get("passord")
        if not passord:
            return
        bruker = self.request.user
        funnet = authenticate(self.request, username=bruker.get_username(), password=passord)
        if funnet is None or funnet.pk != bruker.pk:
            self.sperret = bool(getattr(self.request, "axes_locked_out", False))
            self.add_error("passord", "Feil passord. Skriv passordet du logger inn med.")
            return
        kode = (self.cleaned_data.get("kode") or "").replace(" ", "")
        if "kode" in self.fields and kode:
            self.enhet = match_token(bruker, kode)
            if self.enhet is None:
                self.add_error("kode", "Koden er feil eller utløpt. Prøv en ny kode fra appen.")


def _laas_opp(request, form):
    if form.enhet is not None:
        otp_login(request, form.enhet)
    marker_aktiv(request, alltid=True)
    # Unlocking is signing in again in the same session: axes resets the failure count as on
    # sign-in, and last_login is updated. Not login() itself: it would rotate the CSRF token, and
    # the forms on a page locked by okt.js would no longer save.
    user_logged_in.send(sender=request.user.__class__, request=request, user=request.user)


def _logg_ut_sperret(request):
    """Too many wrong passwords: axes has locked the account, and the session ends with what it kept."""
    logout(request)
    messages.error(request, "Du er logget ut fordi passordet ble skrevet feil for mange ganger.")


def _trygg_neste(request):
    neste = request.POST.get("next") or request.GET.get("next")
    if neste and url_has_allowed_host_and_scheme(neste, {request.get_host()}, request.is_secure()):
        return neste
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_not_required  # answers a signed-out tab too (it tells it so)
@never_cache
@require_http_methods(["GET", "POST"])
def laast(request):
    """Skjermen er låst: whose session this is, and unlock with their password (and code)."""
    neste = _trygg_neste(request)
    if not request.user.is_authenticated:
        return redirect_to_login(neste)
    if request.method == "GET" and not er_laast(request):
        return redirect(neste)
    form = LaasOppForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            _laas_opp(request, form)
            return redirect(neste)
        if form.sperret:
            _logg_ut_sperret(request)
            return redirect("deltakere:logg_inn")  # django-axes answers with its lockout page instead
    return render(request, "konto/laast.html", {"form": form, "next": neste})


def _status(request):
    if not request.user.is_authenticated:
        return {"innlogget": False}
    return {
        "innlogget": True,
        "bruker": request.user.pk,
        "laast": er_laast(request),
        "sekunder_igjen": sekunder_igjen(request),
    }


@login_not_required  # answers a signed-out tab too (it tells it so)
@never_cache
@require_GET
def status(request):
    """For okt.js: how long until the lock. Asking is not an action and changes nothing."""
    return JsonResponse(_status(request))


@login_not_required  # answers a signed-out tab too (it tells it so)
@never_cache
@require_POST
def aktiv(request):
    """okt.js tells that the user is at work on the page (typing a long note, say): an action.
    A locked session stays locked."""
    if request.user.is_authenticated and not er_laast(request):
        marker_aktiv(request, alltid=True)
    return JsonResponse(_status(request))


@login_not_required  # answers a signed-out tab too (it tells it so)
@never_cache
@require_POST
def laas_opp(request):
    """Unlock from the lock panel of okt.js: the same check as the lock page, answered in JSON."""
    if not request.user.is_authenticated:
        return JsonResponse({"innlogget": False}, status=401)
    form = LaasOppForm(request.POST, request=request)
    if form.is_valid():
        _laas_opp(request, form)
        return JsonResponse(_status(request))
    if form.sperret:
        _logg_ut_sperret(request)
        return JsonResponse({"innlogget": False}, status=429)
    return JsonResponse({"feil": {felt: " ".join(feil) for felt, feil in form.errors.items()}}, status=400)


def varighet(sekunder):
    """30 minutter, 1 minutt, 8 sekunder."""
    if sekunder % 60 == 0:
        minutter = sekunder // 60
        return f"{minutter} minutt" if minutter == 1 else f"{minutter} minutter"
    return f"{sekunder} sekund" if sekunder == 1 else f"{sekunder} sekunder"


def kontekst(request):
    """What base.html needs for the lock (context processor)."""
    if not request.user.is_authenticated:
        return {}
    return {
        "okt": {
            "laases_etter": varighet(settings.SESSION_IDLE_SECONDS),
            "varsel_for": varighet(settings.SESSION_WARNING_SECONDS),
            "varsel_sekunder": settings.SESSION_WARNING_SECONDS,
            "sekunder_igjen": sekunder_igjen(request),
            "intervall_sekunder": max(1, math.ceil(skriveintervall())),
            # From the session, no query (deltakere.middleware.AndreFaktorMiddleware).
            "andre_faktor": lambda: har_andre_faktor(request),
        }
    }
