from django.apps import AppConfig


class TidgivereConfig(AppConfig):
    name = "tidgivere"
    verbose_name = "Tidgivere"
