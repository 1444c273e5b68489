"""Check an installation's dated history: `python manage.py sjekk_historikk`.

The current status, situation and contact persons kept on each Deltaker must equal the latest
dated row (by date, then by time of entry). This lists every record where they disagree, by id
and centre only (no names), and exits with status 1 when there is any, so it can run from cron or
monitoring.
"""

import sys

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from deltakere.selectors import historikkavvik


class Command(BaseCommand):
    help = "Finner deltakere der gjeldende status, situasjon eller kontaktpersoner ikke er lik siste daterte rad."

    def handle(self, *args, **options):
        antall = 0
        with scopes_disabled():
            for avvik in historikkavvik():
                antall += 1
                self.stdout.write(
                    f"Deltaker {avvik.deltaker_id} (senter {avvik.senter_id}): {avvik.hva} er «{avvik.gjeldende}», "
                    f"siste daterte rad ({avvik.dato:%Y-%m-%d}) sier «{avvik.siste}»."
                )
        if antall:
            self.stdout.write(f"{antall} avvik funnet.")
            sys.exit(1)
        self.stdout.write("Ingen avvik: gjeldende verdier er lik siste daterte rad for alle deltakere.")
