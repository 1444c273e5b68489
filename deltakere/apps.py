from django.apps import AppConfig


class DeltakereConfig(AppConfig):
    name = "deltakere"
    verbose_name = "Register (sentre, ansatte, deltakere)"
