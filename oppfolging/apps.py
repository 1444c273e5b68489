from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    verbose_name = "Oppfølging"

    def ready(self):
        from deltakere.scoping import registrer_rettighet

        from . import signaler  # noqa: F401  (fills the register's slots)

        # Kartlegging and the tiltaksplan: the staff who follow people up, at their own centre.
        registrer_rettighet("oppfolging.kartlegge", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.endre_plan", {"veileder", "sosionom", "leder"})
        # Samtaler and contacts: logged and read by the same staff; faglig veiledning (comments) by a leder.
        registrer_rettighet("oppfolging.samtale", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.veilede", {"leder"})
