from importlib.metadata import PackageNotFoundError, version

from django.conf import settings

try:
    VERSJON = version("medvandrer")
except PackageNotFoundError:  # running from a tree that was never installed
    VERSJON = "utvikling"


def medvandrer(request):
    """What the base layout needs on every page: the user's centres, role and the version."""
    aktivt = getattr(request, "aktivt_medlemskap", None)
    return {
        "versjon": VERSJON,
        "medlemskap": getattr(request, "medlemskap", []),
        "aktivt_medlemskap": aktivt,
        "aktiv_rolle": aktivt.rolle if aktivt else None,
        "okt_sekunder": settings.SESSION_IDLE_MINUTES * 60,
        "okt_minutter": settings.SESSION_IDLE_MINUTES,
    }
