"""Load the demo data: `python manage.py seed_demo`. Running it again changes nothing.

Each app that has demo records keeps them in its own `demo.py` with a function
`seed(stdout)`; this command runs them in the order of INSTALLED_APPS, so the register is
there before the work done with it (the same discovery Django's admin uses for admin.py).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from deltakere.demo import DEMO_PASSORD, demo_innlogginger


class Command(BaseCommand):
    help = "Legger inn demodata (fiktive personer) for alle sentre. Kan kjøres flere ganger."

    def handle(self, *args, **options):
        with scopes_disabled(), transaction.atomic():
            for app in apps.get_app_configs():
                if find_spec(f"{app.name}.demo") is None:
                    continue
                import_module(f"{app.name}.demo").seed(self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demo-innlogginger (passord for alle: {DEMO_PASSORD}):")
        for email, beskrivelse in demo_innlogginger():
            self.stdout.write(f"  {email:32} {beskrivelse}")
