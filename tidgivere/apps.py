from django.apps import AppConfig


class TidgivereConfig(AppConfig):
    name = "tidgivere"
    verbose_name = "Tidgivere"

    def ready(self):
        from deltakere.scoping import registrer_rettighet

        from . import paaminnelser  # noqa: F401  (fills Min oversikt's slot)

        # The volunteer register, vetting, training and samlinger: the tidgiverkoordinator and the leder, at
        # their own centre. Veileder and sosionom do not manage tidgivere.
        registrer_rettighet("tidgivere.forvalte", {"tidgiverkoordinator", "leder"})
