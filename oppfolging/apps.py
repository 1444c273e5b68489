from django.apps import AppConfig


class OppfolgingConfig(AppConfig):
    name = "oppfolging"
    verbose_name = "Oppfølging"
