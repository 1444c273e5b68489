"""Writes to the register that touch several rows."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Bruker, Medlemskap


@transaction.atomic
def legg_til_ansatt(*, senter, navn, email, rolle, invitert_av, base_url):
    """Give `email` the role `rolle` at `senter`; a new user is created and invited by e-mail.

    Returns (membership, invited): invited is True when an e-mail with a link to choose a
    password was sent (the person had no usable password yet).
    """
    bruker = Bruker.objects.filter(email=email).first()
    if bruker is None:
        bruker = Bruker.objects.create_user(email=email, navn=navn)  # no password until they choose one
    medlemskap, opprettet = Medlemskap.objects.get_or_create(
        bruker=bruker, senter=senter, defaults={"rolle": rolle}
    )
    if not opprettet:
        medlemskap.rolle = rolle
        medlemskap.sluttet = None
        medlemskap.startet = timezone.localdate()
        medlemskap.save(update_fields=["rolle", "sluttet", "startet"])
    invitert = False
    if not bruker.has_usable_password():
        _send_invitasjon(bruker, senter, invitert_av, base_url)
        invitert = True
    return medlemskap, invitert


def _send_invitasjon(bruker, senter, invitert_av, base_url):
    lenke = base_url + reverse(
        "tilbakestill_passord",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(bruker.pk)),
            "token": default_token_generator.make_token(bruker),
        },
    )
    tekst = render_to_string(
        "konto/epost/invitasjon.txt", {"bruker": bruker, "senter": senter, "invitert_av": invitert_av, "lenke": lenke}
    )
    send_mail(f"Du har fått tilgang til Medvandrer ved {senter}", tekst, None, [bruker.email])


def avslutt_medlemskap(medlemskap):
    """The person no longer works at the centre; the row stays as history."""
    medlemskap.sluttet = timezone.localdate()
    medlemskap.save(update_fields=["sluttet"])
