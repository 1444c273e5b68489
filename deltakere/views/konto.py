"""Sign-in, second factor, sign-out and the user's own account page."""

import secrets
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ..forms import EndrePassordForm, EngangskodeForm, GlemtPassordForm, InnloggingForm, NyttPassordForm
from ..okt import skjemadata

ANTALL_RESERVEKODER = 10
RESERVEKODER_SESSION_KEY = "nye_reservekoder"
NY_TOTP_NOKKEL_SESSION_KEY = "ny_totp_nokkel"


class LoggInnView(auth_views.LoginView):
    template_name = "konto/logg_inn.html"
    authentication_form = InnloggingForm
    redirect_authenticated_user = True


def _neste(request, default=settings.LOGIN_REDIRECT_URL):
    """Where to go next: Django's `next` (from login_required, the 2FA step or the lock), if it is ours."""
    neste = request.POST.get("next") or request.GET.get("next")
    if neste and url_has_allowed_host_and_scheme(neste, {request.get_host()}, request.is_secure()):
        return neste
    return resolve_url(default)


@login_required
def to_trinn_bekreft(request):
    """The second factor: a code from the authenticator app, or a backup code."""
    if request.user.is_verified():
        return redirect(_neste(request))
    if not user_has_device(request.user):
        return redirect("deltakere:to_trinn_oppsett")
    form = EngangskodeForm(skjemadata(request))
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["kode"])
        if device is None:
            form.add_error("kode", "Koden er feil eller utløpt. Prøv en ny kode fra appen.")
        else:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                igjen = device.token_set.count()
                messages.warning(request, f"Du brukte en reservekode. Du har {igjen} igjen.")
            return redirect(_neste(request))
    return render(request, "konto/to_trinn_bekreft.html", {"form": form, "next": _neste(request)})


def _qr_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title="QR-kode for autentiseringsappen", dark="#000", light="#fff"
    )


def _hemmelighet_gruppert(device):
    from base64 import b32encode

    tekst = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


@login_required
def to_trinn_oppsett(request):
    """Enrol an authenticator app: scan the QR code, confirm with one code, get backup codes.

    Showing the page creates nothing: the new secret waits in the session, and the device is
    saved only when a POST confirms it with a correct code.
    """
    if user_has_device(request.user) and not request.user.is_verified():
        # Replacing the app needs the old second factor first.
        return redirect("deltakere:to_trinn_bekreft")
    nokkel = request.session.get(NY_TOTP_NOKKEL_SESSION_KEY)
    if nokkel is None:
        nokkel = request.session[NY_TOTP_NOKKEL_SESSION_KEY] = default_key()
    ny = TOTPDevice(user=request.user, name="Autentiseringsapp", key=nokkel, confirmed=True)
    form = EngangskodeForm(skjemadata(request))
    if request.method == "POST" and form.is_valid():
        t = _totp_tidssteg(ny, form.cleaned_data["kode"])
        if t is None:
            form.add_error("kode", "Koden stemmer ikke. Sjekk at klokken på telefonen er riktig og prøv en ny kode.")
        else:
            TOTPDevice.objects.filter(user=request.user).delete()
            ny.last_t = t
            ny.save()
            del request.session[NY_TOTP_NOKKEL_SESSION_KEY]
            koder = _nye_reservekoder(request.user)
            otp_login(request, ny)
            request.session[RESERVEKODER_SESSION_KEY] = koder
            messages.success(request, "To-trinns innlogging er slått på.")
            return redirect("deltakere:to_trinn_reservekoder")
    return render(
        request,
        "konto/to_trinn_oppsett.html",
        {"form": form, "qr_svg": _qr_svg(ny), "hemmelighet": _hemmelighet_gruppert(ny)},
    )


def _totp_tidssteg(enhet, kode):
    """The time step `kode` is valid for on the (unsaved) device, or None."""
    try:
        kode = int(kode)
    except ValueError:
        return None
    totp = TOTP(enhet.bin_key, enhet.step, enhet.t0, enhet.digits, enhet.drift)
    totp.time = time.time()
    return totp.t() if totp.verify(kode, enhet.tolerance) else None


def _nye_reservekoder(bruker):
    StaticDevice.objects.filter(user=bruker).delete()
    device = StaticDevice.objects.create(user=bruker, name="Reservekoder", confirmed=True)
    koder = [f"{secrets.randbelow(10**8):08d}" for _ in range(ANTALL_RESERVEKODER)]
    for kode in koder:
        device.token_set.create(token=kode)
    return koder


@login_required
def to_trinn_reservekoder(request):
    """Shows newly made backup codes once; afterwards only how many are left."""
    koder = request.session.pop(RESERVEKODER_SESSION_KEY, None)
    return render(request, "konto/to_trinn_reservekoder.html", {"koder": koder})


@login_required
@require_POST
def lag_nye_reservekoder(request):
    if not request.user.is_verified():
        return redirect("deltakere:to_trinn_bekreft")
    request.session[RESERVEKODER_SESSION_KEY] = _nye_reservekoder(request.user)
    messages.success(request, "Nye reservekoder er laget. De gamle virker ikke lenger.")
    return redirect("deltakere:to_trinn_reservekoder")


@login_required
def konto(request):
    totp = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    reserve = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    return render(
        request,
        "konto/konto.html",
        {"totp": totp, "reservekoder_igjen": reserve.token_set.count() if reserve else 0},
    )


class LoggUtView(auth_views.LogoutView):
    """Django's LogoutView answers POST only, so a link or a prefetch cannot sign anyone out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Du er logget ut.")
        return response


class EndrePassordView(auth_views.PasswordChangeView):
    template_name = "konto/endre_passord.html"
    form_class = EndrePassordForm

    def form_valid(self, form):
        messages.success(self.request, "Passordet er endret.")
        return super().form_valid(form)

    def get_success_url(self):
        return resolve_url("deltakere:konto")


class GlemtPassordView(auth_views.PasswordResetView):
    template_name = "konto/glemt_passord.html"
    form_class = GlemtPassordForm
    email_template_name = "konto/epost/tilbakestill_passord.txt"
    subject_template_name = "konto/epost/tilbakestill_passord_emne.txt"

    def get_success_url(self):
        return resolve_url("deltakere:glemt_passord_sendt")


class TilbakestillPassordView(auth_views.PasswordResetConfirmView):
    template_name = "konto/tilbakestill_passord.html"
    form_class = NyttPassordForm

    def get_success_url(self):
        return resolve_url("deltakere:tilbakestill_passord_ferdig")
