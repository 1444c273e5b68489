"""The world the authorization matrix runs in: two centres, one user of every role at the first, a superuser
with no centre, and at each centre the rows a URL can name (a person, a consent, a network contact, a
membership, an invitation). "eget" are the first centre's rows; "annet" the other's."""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_scopes import scopes_disabled

from deltakere import services
from deltakere.models import Bruker, Invitasjon, Medlemskap, Rolle, Samtykke
from tests.factories import PASSORD, BrukerFactory, DeltakerFactory, NettverkskontaktFactory, SenterFactory, ansatt

ROLLER = ["anonym", "veileder", "sosionom", "leder", "tidgiverkoordinator", "superbruker"]
STED = ["eget", "annet"]


@dataclass
class Verden:
    brukere: dict
    rader: dict = field(default_factory=dict)  # sted -> {kwarg name: value}


def _rader(senter, leder):
    deltaker = DeltakerFactory(
        senter=senter,
        fodselsnummer="",
        henvisning_dato=date.today() - timedelta(days=90),
        samtykker=[Samtykke.Type.DELE_MED_TIDGIVER, Samtykke.Type.STATISTIKK],
    )
    kontakt = NettverkskontaktFactory(deltaker=deltaker, rolle="nav", navn="Nora Navveileder")
    samtykke = Samtykke.objects.get(deltaker=deltaker, type=Samtykke.Type.STATISTIKK)
    kollega = ansatt(senter, Rolle.VEILEDER, bruker__navn="Kari Kollega")
    invitasjon = Invitasjon.objects.create(
        senter=senter, email=f"ny-{uuid.uuid4().hex[:6]}@medvandrer.test", rolle="veileder", invitert_av=leder,
        token_hash=uuid.uuid4().hex,
    )  # fmt: skip
    from oppfolging import services as oppfolging
    from tests.oppfolging.fabrikker import kartlegging

    kart = kartlegging(deltaker)
    plan = oppfolging.opprett_plan(deltaker, av=None, hovedmal=[{"tekst": "Komme i jobb", "livsomrade": "arbeid"}])
    hovedmal = plan.hovedmal.get()
    delmal = oppfolging.legg_til_delmal(hovedmal, versjon=plan.versjon, tekst="Lage CV")
    tiltak = oppfolging.legg_til_tiltak(delmal, versjon=plan.versjon, hva="Skrive CV", ansvar="deltaker")
    from tests.tidgivere.fabrikker import SamlingFactory, TidgiverFactory

    tidgiver = TidgiverFactory(senter=senter, navn="Tage Tidgiver")
    samling = SamlingFactory(senter=senter)
    kobling = _kobling(senter, deltaker)
    from django.utils import timezone

    samtale = oppfolging.registrer_samtale(
        deltaker, av=leder, type="uformell", tidspunkt=timezone.now(), varighet=10, form="senteret"
    )
    idag = timezone.localdate()
    avtale = oppfolging.ny_avtale(
        deltaker, tidspunkt=timezone.now() - timedelta(hours=2), form="kafe", av=None, med=leder
    )
    oppgave = oppfolging.ny_oppgave(senter, hva="Ringe NAV", av=leder, deltaker=deltaker, tildelt=leder)
    return {
        "samtale_id": samtale.pk,
        "aar": idag.year,
        "maaned": idag.month,
        "avtale_id": avtale.pk,
        "oppgave_id": oppgave.pk,
        "tidgiver_id": tidgiver.pk,
        "samling_id": samling.pk,
        "kartlegging_id": kart.pk,
        "instrument": "audit",
        "plan_id": plan.pk,
        "hovedmal_id": hovedmal.pk,
        "delmal_id": delmal.pk,
        "tiltak_id": tiltak.pk,
        "kobling_id": kobling.pk,
        "pk": deltaker.pk,
        "samtykke_id": samtykke.pk,
        "kontakt_id": kontakt.pk,
        "senter_id": senter.pk,
        "format": "csv",
        "medlemskap_id": Medlemskap.objects.get(bruker=kollega, senter=senter).pk,
        "invitasjon_id": invitasjon.pk,
        "rapport_id": _rapport(senter, leder).pk,
    }


def _rapport(senter, leder):
    """A report on the centre, made (a draft with its figures and PDF)."""
    from rapporter import services as rapporter
    from rapporter.tabeller import Periode

    rapport = rapporter.bestill(leder, [senter], Periode.kvartal(2026, 2))
    rapporter.lag(rapport.pk)
    return rapport


def _kobling(senter, deltaker):
    """A proposed match of the person with a tidgiver through the gate (tidgivere: matches)."""
    from tidgivere import services
    from tidgivere.models import Status, Tidgiver

    idag = date.today()
    tidgiver = Tidgiver.objects.create(
        senter=senter, navn="Tora Tidgiver", fodselsaar=1980, status=Status.AKTIV,
        politiattest_sett=idag - timedelta(days=10), politiattest_gyldig_til=idag + timedelta(days=700),
        taushetserklaering_signert=idag - timedelta(days=10), introduksjonskurs_fullfort=idag - timedelta(days=5),
    )  # fmt: skip
    return services.foreslaa(deltaker, tidgiver)


def lag_verden():
    with scopes_disabled():
        eget, annet = SenterFactory(navn="Fjordhuset oppfølgingssenter"), SenterFactory(navn="Elvegården")
        brukere = {rolle: ansatt(eget, rolle) for rolle in Rolle.values}
        brukere["superbruker"] = BrukerFactory(is_staff=True, is_superuser=True)
        leder_annet = ansatt(annet, Rolle.LEDER)
        verden = Verden(brukere=brukere)
        verden.rader["eget"] = _rader(eget, brukere["leder"])
        verden.rader["annet"] = _rader(annet, leder_annet)
        ny = BrukerFactory()
        felles = {
            "uidb64": urlsafe_base64_encode(force_bytes(ny.pk)),
            "token": default_token_generator.make_token(ny),
        }
        for sted in STED:
            verden.rader[sted].update(felles)
        _en_rad_i_hver_admintabell(BrukerFactory(navn="Annen Bruker"))
        # A real invitation link for each centre (the token is the secret the URL carries).
        for sted, senter, leder in (("eget", eget, brukere["leder"]), ("annet", annet, leder_annet)):
            invitasjon = services.inviter_ansatt(
                senter=senter, email=f"invitert-{sted}@medvandrer.test", rolle="veileder", invitert_av=leder,
                base_url="http://testserver",
            )  # fmt: skip
            verden.rader[sted]["invitasjonstoken"] = _siste_lenketoken()
            del invitasjon
    return verden


def _siste_lenketoken():
    from django.core import mail

    linje = next(line for line in mail.outbox[-1].body.splitlines() if "/invitasjon/" in line)
    return linje.rstrip("/").rsplit("/", 1)[1]


__all__ = ["PASSORD", "ROLLER", "STED", "Bruker", "lag_verden"]


def _en_rad_i_hver_admintabell(bruker):
    """So every admin page of an object has an object to show."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Group.objects.create(name="Testgruppe")
    TOTPDevice.objects.create(user=bruker, name="App", confirmed=True)
    StaticDevice.objects.create(user=bruker, name="Reservekoder", confirmed=True)
    felles = {"ip_address": "127.0.0.1", "user_agent": "test", "username": bruker.email}
    AccessAttempt.objects.create(**felles, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**felles, attempt_time=timezone.now())
    AccessFailureLog.objects.create(**felles, attempt_time=timezone.now(), locked_out=False)
