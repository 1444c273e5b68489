"""Demo reports: at each centre the last complete quarter's report, ordered by the centre's leder; at the first
centre it is also approved, so the archive shows both states. Made at once (not through the worker), so `make demo`
shows them before the worker has started. Idempotent: a centre with a report is left as it is."""

from django.utils import timezone

from deltakere.models import Medlemskap, Rolle, Senter

from . import services
from .models import Rapport
from .tabeller import Periode


def seed(stdout):
    periode = Periode.siste_hele_kvartal(timezone.localdate())
    for i, senter in enumerate(Senter.objects.order_by("navn")):
        if Rapport.objects.filter(sentre=senter).exists():
            continue
        leder = (
            Medlemskap.objects.filter(senter=senter, rolle=Rolle.LEDER, sluttet__isnull=True)
            .select_related("bruker")
            .first()
        )
        if leder is None:
            continue
        rapport = services.bestill(leder.bruker, [senter], periode, i_bakgrunnen=False)
        services.lag(rapport.pk)
        if i == 0:
            rapport.refresh_from_db()
            services.godkjenn(rapport, leder.bruker, i_bakgrunnen=False)
            services.lag(rapport.pk)
    stdout.write(f"Rapporter: {Rapport.objects.count()} i arkivet.")
