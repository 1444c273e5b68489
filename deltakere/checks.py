"""Deploy checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that do not send mail: with DEBUG off, invitations and password-reset links (with names)
# would be printed to stdout (and the logs) or silently dropped.
IKKE_EPOST = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def epost_sendes(app_configs, **kwargs):
    if settings.DEBUG or settings.EMAIL_BACKEND not in IKKE_EPOST:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND} with DEBUG off: invitations and password-reset links "
            "would be written to the logs instead of sent.",
            hint="Set EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.no:587.",
            id="medvandrer.E001",
        )
    ]
