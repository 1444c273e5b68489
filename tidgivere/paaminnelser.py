"""What tidgivere adds to Min oversikt (oppfolging.signals): politiattester to renew, for the tidgiverkoordinator
and the leder of the centre the user works in now. Two queries: the count and the first rows."""

from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from deltakere.scoping import kan
from oppfolging.signals import min_oversikt_seksjoner

from . import selectors

VIS = 10


@receiver(min_oversikt_seksjoner)
def politiattester(sender, request, senter, **kwargs):
    if not kan(request, "tidgivere.forvalte", senter.pk):
        return ""
    idag = timezone.localdate()
    rader = list(selectors.fornyelser(senter, idag).only("navn", "status", "politiattest_gyldig_til")[:VIS])
    if not rader:
        return ""
    antall = selectors.fornyelser(senter, idag).count()
    return render_to_string(
        "tidgivere/_min_oversikt.html",
        {"rader": [(t, (t.politiattest_gyldig_til - idag).days) for t in rader], "antall": antall},
        request=request,
    )
