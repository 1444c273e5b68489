"""Writes to the register that touch several rows."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import (
    STATUS_OVERGANGER,
    Avslutningsarsak,
    Bruker,
    Deltaker,
    Henvisningskilde,
    Kontaktpersonendring,
    Medlemskap,
    Nettverkskontakt,
    Samtykke,
    Situasjonsendring,
    Status,
    StatusEndring,
)


@transaction.atomic
def legg_til_ansatt(*, senter, navn, email, rolle, invitert_av, base_url):
    """Give `email` the role `rolle` at `senter`; a new user is created and invited by e-mail.

    Returns (membership, invited): invited is True when an e-mail with a link to choose a
    password was sent (the person had no usable password yet).
    """
    bruker = Bruker.objects.filter(email=email).first()
    if bruker is None:
        bruker = Bruker.objects.create_user(email=email, navn=navn)  # no password until they choose one
    medlemskap, opprettet = Medlemskap.objects.get_or_create(bruker=bruker, senter=senter, defaults={"rolle": rolle})
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


# ---------------------------------------------------------------------------
# Deltakere: every write that touches several rows, or the version, goes through here.
# ---------------------------------------------------------------------------


class Versjonskonflikt(Exception):
    """Someone else saved the person after this form was opened. Carries the saved row."""

    def __init__(self, lagret):
        super().__init__("Versjonskonflikt")
        self.lagret = lagret


def _lagre_med_versjon(deltaker, versjon, felter):
    """Update `felter` only if the row is still at `versjon` (optimistic locking)."""
    from django.db.models import F

    oppdatert = Deltaker.objects.filter(pk=deltaker.pk, versjon=versjon).update(
        **felter, versjon=F("versjon") + 1, endret=timezone.now()
    )
    if not oppdatert:
        raise Versjonskonflikt(Deltaker.objects.get(pk=deltaker.pk))
    for navn, verdi in felter.items():
        setattr(deltaker, navn, verdi)
    deltaker.versjon = versjon + 1


def _sjekk_kontaktpersoner(senter, primaer, sekundaer):
    ansatte = set(Medlemskap.objects.filter(senter=senter, sluttet__isnull=True).values_list("bruker_id", flat=True))
    for person in (primaer, sekundaer):
        if person is not None and person.pk not in ansatte:
            raise ValidationError(f"{person} jobber ikke ved {senter}.")
    if primaer is not None and sekundaer is not None and primaer.pk == sekundaer.pk:
        raise ValidationError({"sekundaerkontakt": "Andre kontakt må være en annen enn primærkontakten."})


@transaction.atomic
def opprett_deltaker(*, senter, data, samtykke_form, samtykke_dato, opprettet_av):
    """Register a person who wants follow-up, with the consent to registration they gave.

    `data` holds the Deltaker fields from the form; the situation and the contact persons
    given there become the first dated rows, and the status starts as `data["status"]`
    (henvist or aktiv).
    """
    _sjekk_kontaktpersoner(senter, data.get("primaerkontakt"), data.get("sekundaerkontakt"))
    idag = timezone.localdate()
    data = dict(data)
    status = data.pop("status", Status.HENVIST)
    deltaker = Deltaker.objects.create(
        senter=senter,
        status=status,
        status_fra=idag,
        bosituasjon_ved_start=data["bosituasjon"],
        inntekt_ved_start=data["inntekt"],
        opprettet_av=opprettet_av,
        **data,
    )
    StatusEndring.objects.create(deltaker=deltaker, til_status=status, dato=idag, registrert_av=opprettet_av)
    _ny_situasjonsrad(deltaker, idag, opprettet_av)
    Kontaktpersonendring.objects.create(
        deltaker=deltaker,
        dato=idag,
        primaerkontakt=deltaker.primaerkontakt,
        sekundaerkontakt=deltaker.sekundaerkontakt,
        registrert_av=opprettet_av,
    )
    Samtykke.objects.create(
        deltaker=deltaker,
        type=Samtykke.Type.REGISTRERING,
        form=samtykke_form,
        dato=samtykke_dato,
        registrert_av=opprettet_av,
    )
    return deltaker


def _ny_situasjonsrad(deltaker, dato, av):
    return Situasjonsendring.objects.create(
        deltaker=deltaker,
        dato=dato,
        bosituasjon=deltaker.bosituasjon,
        inntekt=deltaker.inntekt,
        lar=deltaker.lar,
        i_behandling=deltaker.i_behandling,
        soningsforhold=deltaker.soningsforhold,
        registrert_av=av,
    )


def mulige_duplikater(*, senter, fornavn, etternavn, fodselsaar, unntatt=None):
    """People at the same centre with the same name and birth year (a warning, not a block)."""
    qs = Deltaker.objects.filter(
        senter=senter, fornavn__iexact=fornavn.strip(), etternavn__iexact=etternavn.strip(), fodselsaar=fodselsaar
    )
    if unntatt is not None:
        qs = qs.exclude(pk=unntatt.pk)
    return list(qs.select_related("primaerkontakt")[:10])


@transaction.atomic
def endre_deltaker(deltaker, *, versjon, data):
    """Save the person's own details; raises Versjonskonflikt if someone saved in between."""
    _lagre_med_versjon(deltaker, versjon, data)


@transaction.atomic
def endre_samarbeidsavtale(deltaker, *, versjon, signert, notat):
    _lagre_med_versjon(deltaker, versjon, {"samarbeidsavtale_signert": signert, "samarbeidsavtale_notat": notat})


@transaction.atomic
def endre_situasjon(deltaker, *, versjon, dato, av, **situasjon):
    """A change of bosituasjon/inntekt/flags: a new dated row, and the current values beside it."""
    _lagre_med_versjon(deltaker, versjon, situasjon)
    return _ny_situasjonsrad(deltaker, dato, av)


@transaction.atomic
def endre_kontaktpersoner(deltaker, *, versjon, dato, primaerkontakt, sekundaerkontakt, av):
    _sjekk_kontaktpersoner(deltaker.senter, primaerkontakt, sekundaerkontakt)
    _lagre_med_versjon(deltaker, versjon, {"primaerkontakt": primaerkontakt, "sekundaerkontakt": sekundaerkontakt})
    return Kontaktpersonendring.objects.create(
        deltaker=deltaker, dato=dato, primaerkontakt=primaerkontakt, sekundaerkontakt=sekundaerkontakt, registrert_av=av
    )


@transaction.atomic
def endre_status(
    deltaker, *, versjon, til_status, dato, av, arsak="", avslutningssamtale=None, apen_dor_til=None, notat=""
):
    """Move the person along henvist → aktiv → pause → avsluttet (and back to aktiv).

    Refuses, with the reason, a move the lifecycle does not allow, an ending without a
    reason, and an open-door date before the ending.
    """
    til_status = Status(til_status)
    if til_status not in STATUS_OVERGANGER[Status(deltaker.status)]:
        raise ValidationError(
            {"til_status": f"Kan ikke gå fra «{deltaker.get_status_display()}» til «{til_status.label}»."}
        )
    if dato < deltaker.status_fra:
        raise ValidationError({"dato": "Datoen kan ikke være før forrige statusendring."})
    if til_status == Status.AVSLUTTET:
        if not arsak:
            raise ValidationError({"arsak": "Velg årsak til avslutningen."})
        if apen_dor_til and apen_dor_til < dato:
            raise ValidationError({"apen_dor_til": "«Åpen dør til» må være etter avslutningsdatoen."})
    else:
        arsak, avslutningssamtale, apen_dor_til = "", None, None
    rad = StatusEndring.objects.create(
        deltaker=deltaker,
        fra_status=deltaker.status,
        til_status=til_status,
        dato=dato,
        arsak=arsak,
        avslutningssamtale=avslutningssamtale,
        apen_dor_til=apen_dor_til,
        notat=notat,
        registrert_av=av,
    )
    _lagre_med_versjon(deltaker, versjon, {"status": til_status.value, "status_fra": dato})
    return rad


@transaction.atomic
def overfor_deltaker(deltaker, *, versjon, til_senter, dato, samtykke_form, av):
    """Transfer to another centre, with the person's consent.

    The new centre gets a new record from today (status henvist, the consent to registration,
    the current situation); the old record is ended with reason «overført» and stays, read
    only, with what the old centre recorded.
    """
    if til_senter.pk == deltaker.senter_id:
        raise ValidationError({"til_senter": "Velg et annet senter enn det personen følges opp ved nå."})
    if deltaker.er_overfort:
        raise ValidationError("Personen er allerede overført.")
    if deltaker.status != Status.AVSLUTTET:
        endre_status(
            deltaker,
            versjon=versjon,
            til_status=Status.AVSLUTTET,
            dato=dato,
            av=av,
            arsak=Avslutningsarsak.OVERFORT,
            notat=f"Overført til {til_senter}.",
        )
    else:
        _lagre_med_versjon(deltaker, versjon, {})
    kopierte = [
        "fornavn",
        "etternavn",
        "kallenavn",
        "fodselsaar",
        "fodselsdato",
        "fodselsnummer",
        "kjonn",
        "telefon",
        "epost",
        "kontaktform",
        "interesser",
        "bosituasjon",
        "inntekt",
        "lar",
        "i_behandling",
        "soningsforhold",
    ]
    ny = Deltaker.objects.create(
        senter=til_senter,
        status=Status.HENVIST,
        status_fra=dato,
        bosituasjon_ved_start=deltaker.bosituasjon,
        inntekt_ved_start=deltaker.inntekt,
        henvisning_kilde=Henvisningskilde.ANNET,
        henvisning_dato=dato,
        henvisende_instans=str(deltaker.senter),
        overfort_fra=deltaker,
        opprettet_av=av,
        **{felt: getattr(deltaker, felt) for felt in kopierte},
    )
    StatusEndring.objects.create(
        deltaker=ny, til_status=Status.HENVIST, dato=dato, registrert_av=av, notat=f"Overført fra {deltaker.senter}."
    )
    _ny_situasjonsrad(ny, dato, av)
    Samtykke.objects.create(
        deltaker=ny,
        type=Samtykke.Type.REGISTRERING,
        form=samtykke_form,
        dato=dato,
        omfang=f"Gitt ved overføring fra {deltaker.senter}.",
        registrert_av=av,
    )
    return ny


def registrer_samtykke(deltaker, *, type, form, dato, av, omfang="", gjelder=None):
    if gjelder is not None and gjelder.deltaker_id != deltaker.pk:
        raise ValidationError({"gjelder": "Kontakten hører ikke til denne deltakeren."})
    return Samtykke.objects.create(
        deltaker=deltaker, type=type, form=form, dato=dato, omfang=omfang, gjelder=gjelder, registrert_av=av
    )


def trekk_samtykke(samtykke, *, dato):
    """Withdrawal takes effect at once: see kan_matches and the contact rule for the network."""
    if samtykke.trukket is not None:
        return samtykke
    samtykke.trukket = dato
    samtykke.save(update_fields=["trukket"])
    return samtykke


@transaction.atomic
def legg_til_nettverkskontakt(deltaker, *, data, samtykke_form, av):
    """Add a pårørende or samarbeidspartner; with `samtykke_form` (skriftlig/muntlig) also the
    consent to contact them, dated today. Without it the contact is not to be contacted."""
    kontakt = Nettverkskontakt.objects.create(deltaker=deltaker, **data)
    if samtykke_form:
        registrer_samtykke(
            deltaker,
            type=Samtykke.Type.INVOLVERE_PARORENDE if kontakt.er_parorende else Samtykke.Type.KONTAKT_INSTANS,
            form=samtykke_form,
            dato=timezone.localdate(),
            gjelder=kontakt,
            av=av,
        )
    return kontakt
