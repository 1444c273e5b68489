from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    verbose_name = "Oppfølging"

    def ready(self):
        from deltakere.scoping import registrer_rettighet

        from . import drift_signaler, signaler  # noqa: F401  (fill the register's slots)

        # Kartlegging and the tiltaksplan: the staff who follow people up, at their own centre.
        registrer_rettighet("oppfolging.kartlegge", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.endre_plan", {"veileder", "sosionom", "leder"})
        # Appointments and morgenmøte tasks: the staff who follow people up; handover: the leder only.
        registrer_rettighet("oppfolging.avtaler", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.oppgaver", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.overlevering", {"leder"})
