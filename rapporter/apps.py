from django.apps import AppConfig


class RapporterConfig(AppConfig):
    name = "rapporter"
    verbose_name = "Rapporter"

    def ready(self):
        from deltakere.scoping import registrer_rettighet

        # Order, see, approve and download the reports of a centre (a national report: a superuser).
        registrer_rettighet("rapporter.lage", {"leder"})
