"""Writes to the register: every change of a person goes through here (one transaction, history kept)."""

import hashlib
import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from . import datogrenser, signals
from .datogrenser import grensefeil, krev
from .models import (
    KONTAKTPERSONROLLER,
    SITUASJONSFELTER,
    STATUS_OVERGANGER,
    Avslutningsarsak,
    Bruker,
    Deltaker,
    Henvisningskilde,
    Invitasjon,
    Kontaktpersonendring,
    Medlemskap,
    Nettverkskontakt,
    Rolle,
    Samtykke,
    Situasjonsendring,
    Status,
    Statusendring,
)
from .signals import send_etter_commit


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def inviter_ansatt(*, senter, email, rolle, invitert_av, base_url):
    """Invite `email` to work at `senter` in `rolle`. No access exists until the person accepts.

    A pending invitation to the same address is sent again (with the new role). The leder learns
    nothing about the address: not whether it has an account, nor where else it works.
    """
    email = email.strip().lower()
    if Medlemskap.objects.filter(senter=senter, sluttet__isnull=True, bruker__email=email).exists():
        raise ValidationError({"email": "Denne adressen har allerede tilgang til senteret."})
    invitasjon = Invitasjon.objects.filter(
        senter=senter, email=email, akseptert__isnull=True, trukket__isnull=True
    ).first() or Invitasjon(senter=senter, email=email, invitert_av=invitert_av)
    invitasjon.rolle = rolle
    _send_invitasjon(invitasjon, invitert_av=invitert_av, base_url=base_url)
    return invitasjon


def send_invitasjon_pa_nytt(invitasjon, *, invitert_av, base_url):
    """A new link (the old one stops working) for an invitation that is not accepted or withdrawn."""
    if invitasjon.akseptert or invitasjon.trukket:
        raise ValidationError("Invitasjonen er allerede godtatt eller trukket tilbake.")
    _send_invitasjon(invitasjon, invitert_av=invitert_av, base_url=base_url)


def trekk_invitasjon(invitasjon):
    if invitasjon.akseptert is None and invitasjon.trukket is None:
        invitasjon.trukket = timezone.now()
        invitasjon.save(update_fields=["trukket"])


def _send_invitasjon(invitasjon, *, invitert_av, base_url):
    token = secrets.token_urlsafe(32)
    invitasjon.token_hash = _token_hash(token)
    invitasjon.sendt = timezone.now()
    invitasjon.invitert_av = invitert_av
    invitasjon.save()
    lenke = base_url + reverse("deltakere:godta_invitasjon", args=[token])
    tekst = render_to_string("konto/epost/invitasjon.txt", {"invitasjon": invitasjon, "lenke": lenke})
    send_mail(f"Invitasjon til Medvandrer ved {invitasjon.senter}", tekst, None, [invitasjon.email])


def finn_invitasjon(token):
    """The pending, unexpired invitation the link's token belongs to, or None.

    Read across centres on purpose: the person following the link has no centre yet, and the
    secret token, not a scope, is what entitles them to this one row.
    """
    with scopes_disabled():
        invitasjon = (
            Invitasjon.objects.filter(token_hash=_token_hash(token), akseptert__isnull=True, trukket__isnull=True)
            .select_related("senter", "invitert_av")
            .first()
        )
    if invitasjon is None or invitasjon.utloper < timezone.now():
        return None
    return invitasjon


@transaction.atomic
def godta_invitasjon(invitasjon, *, bruker):
    """The invited person, signed in as the invited address, accepts: now they have access."""
    if bruker.email.lower() != invitasjon.email:
        raise ValidationError("Invitasjonen gjelder en annen e-postadresse enn den du er logget inn med.")
    with scope(senter=[invitasjon.senter_id]):
        medlemskap, ny = Medlemskap.objects.get_or_create(
            bruker=bruker, senter=invitasjon.senter, defaults={"rolle": invitasjon.rolle}
        )
        if not ny:
            medlemskap.rolle = invitasjon.rolle
            medlemskap.sluttet = None
            medlemskap.startet = timezone.localdate()
            medlemskap.save()
        invitasjon.akseptert = timezone.now()
        invitasjon.save(update_fields=["akseptert"])
    return medlemskap


@transaction.atomic
def opprett_konto_fra_invitasjon(invitasjon, *, navn, passord):
    """A person new to Medvandrer chooses name and password through the link, and accepts."""
    if Bruker.objects.filter(email=invitasjon.email).exists():
        raise ValidationError("Det finnes allerede en konto for denne adressen. Logg inn for å godta invitasjonen.")
    bruker = Bruker.objects.create_user(email=invitasjon.email, navn=navn, password=passord)
    godta_invitasjon(invitasjon, bruker=bruker)
    return bruker


def endre_rolle(medlemskap, *, rolle, endret_av, stillingsprosent=None):
    """A leder changes someone's role (and position share) at the centre; nobody takes the leder role from
    themself."""
    if medlemskap.bruker_id == endret_av.pk and rolle != Rolle.LEDER:
        raise ValidationError({"rolle": "Du kan ikke ta fra deg selv lederrollen. Be en annen leder om å gjøre det."})
    medlemskap.rolle = rolle
    if stillingsprosent is not None:
        medlemskap.stillingsprosent = stillingsprosent
    medlemskap.save(update_fields=["rolle", "stillingsprosent"])
    return medlemskap


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


def lagre_med_versjon(objekt, versjon, felter):
    """Save `felter` on `objekt` (a row with a `versjon`) only if it is still at `versjon` (optimistic locking).

    The row is read again under a lock (SELECT ... FOR UPDATE on PostgreSQL; on SQLite every
    transaction takes the write lock at BEGIN, see settings) and saved with `save()`, so the change
    history records who changed what. The caller's object gets the new values.
    """
    lagret = type(objekt).objects.select_for_update().get(pk=objekt.pk)
    if lagret.versjon != versjon:
        raise Versjonskonflikt(lagret)
    for navn, verdi in felter.items():
        setattr(lagret, navn, verdi)
    lagret.versjon = versjon + 1
    endret = ["versjon"]
    if hasattr(lagret, "endret"):
        lagret.endret = timezone.now()
        endret.append("endret")
    lagret.save()
    for navn in [*felter, *endret]:
        setattr(objekt, navn, getattr(lagret, navn))


def _kontaktpersoner_som_kan_velges(senter):
    """Staff who may be a person's primærkontakt or andre kontakt: veileder, sosionom or leder there now."""
    return Medlemskap.objects.filter(senter=senter, sluttet__isnull=True, rolle__in=KONTAKTPERSONROLLER)


def _sjekk_kontaktpersoner(senter, primaer, sekundaer):
    ansatte = set(_kontaktpersoner_som_kan_velges(senter).values_list("bruker_id", flat=True))
    feil = {}
    for felt, person in (("primaerkontakt", primaer), ("andrekontakt", sekundaer)):
        if person is not None and person.pk not in ansatte:
            feil[felt] = f"{person} kan ikke være kontaktperson ved {senter}."
    if primaer is not None and sekundaer is not None and primaer.pk == sekundaer.pk:
        feil["andrekontakt"] = "Andre kontakt må være en annen enn primærkontakten."
    if feil:
        raise ValidationError(feil)


def _sjekk_personalia(data):
    """Dates about the person themself: born within sane years, referred after birth and not in the future."""
    aar, fodselsdato = data.get("fodselsaar"), data.get("fodselsdato")
    krev(
        fodselsdato=grensefeil(fodselsdato, fra=date(datogrenser.TIDLIGSTE_FODSELSAAR, 1, 1), fra_tekst="år 1900"),
        henvisning_dato=datogrenser.fra_fodsel(data.get("henvisning_dato"), aar, fodselsdato) if aar else None,
    )


@transaction.atomic
def opprett_deltaker(*, senter, data, samtykke_form, samtykke_dato, opprettet_av, startet=None):
    """Register a person who wants follow-up, with the consent to registration they gave.

    `data` holds the Deltaker fields from the form; the situation and the contact persons
    given there become the first dated rows, and the status starts as `data["status"]`
    (henvist or aktiv). `startet` dates those first rows when a follow-up that began earlier
    is registered afterwards (between the referral and today; default today).
    """
    _sjekk_kontaktpersoner(senter, data.get("primaerkontakt"), data.get("andrekontakt"))
    _sjekk_personalia(data)
    krev(samtykke_dato=datogrenser.fra_fodsel(samtykke_dato, data["fodselsaar"], data.get("fodselsdato")))
    if startet is not None:
        krev(startet=grensefeil(startet, fra=data["henvisning_dato"], fra_tekst="henvisningen"))
    idag = startet or timezone.localdate()
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
    Statusendring.objects.create(deltaker=deltaker, til_status=status, dato=idag, registrert_av=opprettet_av)
    _ny_situasjonsrad(deltaker, idag, opprettet_av)
    Kontaktpersonendring.objects.create(
        deltaker=deltaker,
        dato=idag,
        primaerkontakt=deltaker.primaerkontakt,
        andrekontakt=deltaker.andrekontakt,
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


def _ny_situasjonsrad(deltaker, dato, av, **situasjon):
    """A dated situation row: the given values, or else the person's current ones."""
    verdier = {felt: situasjon.get(felt, getattr(deltaker, felt)) for felt in SITUASJONSFELTER}
    return Situasjonsendring.objects.create(deltaker=deltaker, dato=dato, registrert_av=av, **verdier)


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
    _sjekk_personalia(data)
    lagre_med_versjon(deltaker, versjon, data)


@transaction.atomic
def endre_samarbeidsavtale(deltaker, *, versjon, signert, notat):
    krev(signert=datogrenser.i_oppfolgingen(signert, deltaker))
    lagre_med_versjon(deltaker, versjon, {"samarbeidsavtale_signert": signert, "samarbeidsavtale_notat": notat})


def _siste_rad(modell, deltaker):
    """The person's latest row of a dated model: by date, then by the time it was entered (then by id)."""
    return modell.objects.filter(deltaker=deltaker).order_by("-dato", "-registrert", "-pk").first()


@transaction.atomic
def endre_situasjon(deltaker, *, versjon, dato, av, **situasjon):
    """A change of bosituasjon/inntekt/flags: a new dated row.

    The current values are those of the latest row by date, so a back-dated change takes its
    place in the history and does not overwrite a later one.
    """
    krev(dato=datogrenser.i_oppfolgingen(dato, deltaker))
    rad = _ny_situasjonsrad(deltaker, dato, av, **situasjon)
    gjeldende = _siste_rad(Situasjonsendring, deltaker)
    lagre_med_versjon(deltaker, versjon, {felt: getattr(gjeldende, felt) for felt in SITUASJONSFELTER})
    return rad


@transaction.atomic
def endre_kontaktpersoner(deltaker, *, versjon, dato, primaerkontakt, andrekontakt, av):
    """A change of contact persons: a new dated row; the current ones are those of the latest row by date."""
    _sjekk_kontaktpersoner(deltaker.senter, primaerkontakt, andrekontakt)
    krev(dato=datogrenser.i_oppfolgingen(dato, deltaker))
    rad = Kontaktpersonendring.objects.create(
        deltaker=deltaker, dato=dato, primaerkontakt=primaerkontakt, andrekontakt=andrekontakt, registrert_av=av
    )
    gjeldende = _siste_rad(Kontaktpersonendring, deltaker)
    lagre_med_versjon(
        deltaker,
        versjon,
        {"primaerkontakt": gjeldende.primaerkontakt, "andrekontakt": gjeldende.andrekontakt},
    )
    return rad


@transaction.atomic
def endre_status(
    deltaker, *, versjon, til_status, dato, av, arsak="", avslutningssamtale=None, apen_dor_til=None, notat=""
):
    """Move the person along henvist → aktiv → pause → avsluttet (and back to aktiv).

    A status change follows the one before it: it is dated on or after the latest change (and
    not in the future), so the new row is always the latest and the current status is its
    value. Refuses, with the reason, a move the lifecycle does not allow, an ending without a
    reason, and dates outside their bounds.
    """
    til_status = Status(til_status)
    if til_status not in STATUS_OVERGANGER[Status(deltaker.status)]:
        raise ValidationError(
            {"til_status": f"Kan ikke gå fra «{deltaker.get_status_display()}» til «{til_status.label}»."}
        )
    forrige = _siste_rad(Statusendring, deltaker)
    krev(
        dato=grensefeil(dato, fra=forrige.dato, fra_tekst="forrige statusendring")
        if forrige
        else datogrenser.i_oppfolgingen(dato, deltaker)
    )
    if til_status == Status.AVSLUTTET:
        if not arsak:
            raise ValidationError({"arsak": "Velg årsak til avslutningen."})
        krev(
            avslutningssamtale=grensefeil(
                avslutningssamtale,
                fra=datogrenser.kjent_fra(deltaker),
                fra_tekst="senteret kjente personen",
                til=dato + datogrenser.AVSLUTNINGSSAMTALE_MAKS_FRAM,
                til_tekst="ett år etter avslutningen",
            ),
            apen_dor_til="«Åpen dør til» må være etter avslutningsdatoen."
            if apen_dor_til and apen_dor_til < dato
            else grensefeil(apen_dor_til, til=dato + datogrenser.APEN_DOR_MAKS, til_tekst="to år etter avslutningen"),
        )
    else:
        arsak, avslutningssamtale, apen_dor_til = "", None, None
    rad = Statusendring.objects.create(
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
    fra_status = deltaker.status
    lagre_med_versjon(deltaker, versjon, {"status": til_status.value, "status_fra": dato})
    send_etter_commit(
        signals.status_endret, deltaker=deltaker, fra_status=fra_status, til_status=til_status.value, dato=dato
    )
    if til_status == Status.AVSLUTTET:
        send_etter_commit(signals.oppfolging_avsluttet, deltaker=deltaker, arsak=arsak, dato=dato)
    return rad


@transaction.atomic
def overfor_deltaker(deltaker, *, versjon, til_senter, dato, samtykke_form, av):
    """Transfer to another centre, with the person's consent.

    The new centre gets a new record from the transfer date (status henvist, the consent to
    registration, the current situation); the old record is ended with reason «overført» and
    stays, read only, with what the old centre recorded.
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
        krev(dato=grensefeil(dato, fra=deltaker.status_fra, fra_tekst="avslutningen"))
        lagre_med_versjon(deltaker, versjon, {})
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
        *SITUASJONSFELTER,
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
    Statusendring.objects.create(
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
    send_etter_commit(signals.deltaker_overfort, deltaker=deltaker, ny=ny)
    return ny


def registrer_samtykke(deltaker, *, type, form, dato, av, omfang="", gjelder=None):
    if gjelder is not None and gjelder.deltaker_id != deltaker.pk:
        raise ValidationError({"gjelder": "Kontakten hører ikke til denne deltakeren."})
    krev(dato=datogrenser.fra_fodsel(dato, deltaker.fodselsaar, deltaker.fodselsdato))
    return Samtykke.objects.create(
        deltaker=deltaker, type=type, form=form, dato=dato, omfang=omfang, gjelder=gjelder, registrert_av=av
    )


@transaction.atomic
def trekk_samtykke(samtykke, *, dato):
    """Withdrawal takes effect at once: see kan_matches and the contact rule for the network."""
    if samtykke.trukket is not None:
        return samtykke
    samtykke.trukket = dato
    samtykke.save(update_fields=["trukket"])
    send_etter_commit(signals.samtykke_trukket, deltaker=samtykke.deltaker, samtykke=samtykke)
    return samtykke


@transaction.atomic
def endre_nettverkskontakt(kontakt, *, versjon, data):
    """Save a network contact's details; raises Versjonskonflikt if someone saved in between."""
    lagre_med_versjon(kontakt, versjon, data)


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
