"""Load test data at national scale: `python manage.py seed_load --scale 1` (see deltakere/last.py).

Each app that has load data keeps it in its own `last.py` with `seed_load(scale, stdout)`,
`har_last()` and `fjern_last(stdout)`; this command runs them in the order of INSTALLED_APPS (the
same discovery as seed_demo), so the register is there before the work done with it.

It refuses to load on top of its own earlier data, and says how many rows are there: `--tom` removes
that data first (only that: the demo's and everyone else's rows stay). It refuses with DEBUG off too,
so it is never run against a production database by mistake: set DEBUG=true for the command.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scopes_disabled


def _moduler():
    return [
        import_module(f"{app.name}.last") for app in apps.get_app_configs() if find_spec(f"{app.name}.last") is not None
    ]


class Command(BaseCommand):
    help = "Legger inn fiktive testdata i nasjonal skala (skala 1: 20 sentre, 20 000 deltakere) for ytelsesmålinger."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = 20 000 deltakere; 0.1 = en tidel.")
        parser.add_argument("--tom", action="store_true", help="Fjern lastdata fra en tidligere kjøring først.")

    def handle(self, *args, scale, tom, **options):
        if not settings.DEBUG:
            raise CommandError("seed_load kjøres bare med DEBUG=true, så den aldri fyller en produksjonsdatabase.")
        if scale <= 0:
            raise CommandError("--scale må være større enn 0.")
        moduler = _moduler()
        with scopes_disabled(), transaction.atomic():
            if any(modul.har_last() for modul in moduler):
                if not tom:
                    raise CommandError("Det finnes lastdata fra før. Kjør med --tom for å fjerne dem og laste på nytt.")
                for modul in reversed(moduler):
                    modul.fjern_last(self.stdout)
            for modul in moduler:
                modul.seed_load(scale, self.stdout)
