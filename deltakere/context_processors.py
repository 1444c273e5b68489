from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.shortcuts import resolve_url

try:
    VERSJON = version("medvandrer")
except PackageNotFoundError:  # running from a tree that was never installed
    VERSJON = "utvikling"


def medvandrer(request):
    """What the base layout needs on every page: the user's centres, role and the version."""
    aktivt = getattr(request, "aktivt_medlemskap", None)
    return {
        # The start page (Min oversikt, in oppfolging) by setting, so the register never names an app above it.
        "startside": resolve_url(settings.LOGIN_REDIRECT_URL),
        "versjon": VERSJON,
        "medlemskap": getattr(request, "medlemskap", []),
        "aktivt_medlemskap": aktivt,
        "aktiv_rolle": aktivt.rolle if aktivt else None,
    }
