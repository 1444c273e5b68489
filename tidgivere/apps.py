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

        from . import signaler  # noqa: F401  (matches: the register's slots and domain events)

        # Matches: only the tidgiverkoordinator and the leder propose and follow them up; the staff who follow the
        # person up see who the tidgiver is and the match's status (through the participant page's slot).
        registrer_rettighet("tidgivere.koble", {"tidgiverkoordinator", "leder"})
        registrer_rettighet("tidgivere.se_kobling", {"veileder", "sosionom", "leder", "tidgiverkoordinator"})
