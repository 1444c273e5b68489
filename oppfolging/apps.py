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
        # The quick log: a contact is logged by the staff who follow people up.
        registrer_rettighet("oppfolging.logge_kontakt", {"veileder", "sosionom", "leder"})
        # The daily tally holds no names: everyone who works in the café counts, the tidgiverkoordinator too (they
        # are often the one at the door on a drop-in evening with the volunteers). Only a leder corrects a day
        # that is over.
        registrer_rettighet("oppfolging.telle", {"veileder", "sosionom", "leder", "tidgiverkoordinator"})
        registrer_rettighet("oppfolging.rette_telling", {"leder"})
        # Samtaler and contacts: logged and read by the same staff; faglig veiledning (comments) by a leder.
        registrer_rettighet("oppfolging.samtale", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.veilede", {"leder"})
        # Appointments and morgenmøte tasks: the staff who follow people up; handover: the leder only.
        registrer_rettighet("oppfolging.avtaler", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.oppgaver", {"veileder", "sosionom", "leder"})
        registrer_rettighet("oppfolging.overlevering", {"leder"})
