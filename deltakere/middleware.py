"""Two-factor sign-in: a signed-in user who has not passed the second factor reaches only
the pages that let them pass it (or sign out). What the session knows of the user's devices is kept
in the session, so a request asks no device table."""

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.middleware import is_verified
from django_otp.models import Device

# What the session knows of the signed-in user's devices: {"bruker": pk, "versjon": the user's
# andre_faktor_versjon when it was learnt, "enhet": whether they have a confirmed device}.
ANDRE_FAKTOR = "andre_faktor"


class AndreFaktorMiddleware:
    """django-otp's OTPMiddleware, without its query on every request.

    Like OTPMiddleware it gives `request.user` an `otp_device` (the device that verified this session, or
    None) and `is_verified()`. OTPMiddleware loads that device on every request to check that it still
    exists and belongs to the user; this middleware trusts the session instead while the user's devices are
    unchanged: every change to a device (made, confirmed, used, deleted, in any session or the admin) moves
    `Bruker.andre_faktor_versjon`, which is on the user row every request loads anyway. When the number has
    moved, the devices are read again (as OTPMiddleware would) and the session learns the new number. The
    same answer says whether the user has a device at all (`har_andre_faktor`), so the two-factor
    requirement and the lock cost no query either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(partial(_med_andre_faktor, request, user))
        return self.get_response(request)


def _med_andre_faktor(request, user):
    user.otp_device = None
    user.is_verified = partial(is_verified, user)
    if not user.is_authenticated:
        return user
    enhet_id = request.session.get(DEVICE_ID_SESSION_KEY)
    if not _gjeldende(request.session.get(ANDRE_FAKTOR), user):
        user.otp_device = les_enheter(request, user)
    elif enhet_id:  # valid when the session learnt the number, and no device has changed since
        user.otp_device = SimpleLazyObject(partial(Device.from_persistent_id, enhet_id))
    return user


def les_enheter(request, user):
    """Read the user's devices, as OTPMiddleware does on every request, and let the session learn them.

    Returns the device that verified the session, or None (and forgets a device that is gone).
    """
    enhet_id = request.session.get(DEVICE_ID_SESSION_KEY)
    enhet = Device.from_persistent_id(enhet_id) if enhet_id else None
    if enhet is not None and (enhet.user_id != user.pk or not enhet.confirmed):
        enhet = None
    if enhet is None:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[ANDRE_FAKTOR] = {
        "bruker": user.pk,
        "versjon": user.andre_faktor_versjon,
        "enhet": enhet is not None or user_has_device(user),
    }
    return enhet


@receiver(user_logged_in)
def _innlogget(sender, request, user, **kwargs):
    """Signing in (and unlocking) writes the session anyway: learn the devices then, not on the next page."""
    if request is not None and hasattr(request, "session"):
        les_enheter(request, user)


def _gjeldende(kjent, user):
    return bool(kjent) and kjent["bruker"] == user.pk and kjent["versjon"] == user.andre_faktor_versjon


def har_andre_faktor(request):
    """Whether the signed-in user has a confirmed two-factor device; from the session, without a query."""
    kjent = request.session.get(ANDRE_FAKTOR)
    if _gjeldende(kjent, request.user):
        return kjent["enhet"]
    return user_has_device(request.user)


def enheter_endret(sender, instance, **kwargs):
    """A device was made, changed or deleted: sessions of its user read the devices again.

    Connected to post_save and post_delete of every django-otp device model (DeltakereConfig.ready).
    """
    from .models import Bruker

    Bruker.objects.filter(pk=instance.user_id).update(andre_faktor_versjon=F("andre_faktor_versjon") + 1)


# Pages a user may reach between password and second factor (the idle lock's among them: a session
# may lock before the second factor is given, and its lock page asks for the code).
TILLATT_UTEN_ANDRE_FAKTOR = {
    "deltakere:to_trinn_bekreft",
    "deltakere:to_trinn_oppsett",
    "deltakere:logg_ut",
    "helse",
    "deltakere:okt_laast",
    "deltakere:okt_status",
    "deltakere:okt_aktiv",
    "deltakere:okt_laas_opp",
}


class KrevToTrinnMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match and match.view_name in TILLATT_UTEN_ANDRE_FAKTOR:
            return None
        if har_andre_faktor(request):
            target = "deltakere:to_trinn_bekreft"
        elif settings.REQUIRE_2FA:
            target = "deltakere:to_trinn_oppsett"
        else:
            return None
        url = redirect(target).url
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)


class IngenMellomlagringMiddleware:
    """Pages for a signed-in user are never cached: on a shared PC, Back after sign-out must not
    show a record again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not getattr(response, "streaming", False):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
