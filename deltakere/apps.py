from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save


class DeltakereConfig(AppConfig):
    name = "deltakere"
    verbose_name = "Register (sentre, ansatte, deltakere)"

    def ready(self):
        from django_otp.models import Device

        from . import (
            checks,  # noqa: F401  (registers the deploy checks)
            okt,  # noqa: F401  (connects the sign-in receiver)
        )
        from .middleware import enheter_endret

        # Every change to a two-factor device tells the sessions of its user (deltakere.middleware).
        for modell in apps.get_models():
            if issubclass(modell, Device):
                post_save.connect(enheter_endret, sender=modell)
                post_delete.connect(enheter_endret, sender=modell)
