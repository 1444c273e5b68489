"""The rules of the volunteer register: every write about a tidgiver or a samling goes through here.

The gate lives here: a tidgiver becomes `aktiv`, and may be matched, only with a valid politiattest, a signed
taushetserklæring and a completed introduksjonskurs (`mangler_for_aktiv`, `kan_matches`). The services check
every rule themselves, so a request forged past the form is refused with the same words.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from deltakere.datogrenser import grensefeil, krev
from deltakere.models import FRITEKST_IKKE_TILLATT, Medlemskap
from deltakere.services import lagre_med_versjon

from . import katalog
from .models import (
    KAPASITET_MAKS,
    STATUS_OVERGANGER,
    Oppmote,
    Samling,
    Status,
    Tidgiver,
    Tidgiverstatus,
    standard_gyldig_til,
)

# The earliest date the register records for a tidgiver's vetting and training, and for a samling.
TIDLIGSTE_DATO = date(1990, 1, 1)
# A samling may be planned this far ahead.
SAMLING_MAKS_FRAM = timedelta(days=365)
# Statuses a tidgiver may be registered with: becoming aktiv is always a status change through the gate.
STARTSTATUSER = (Status.INTERESSERT, Status.INTERVJU, Status.GODKJENT)

VETTINGSDATOER = (
    "intervju1_dato",
    "intervju2_dato",
    "referanser_sjekket",
    "politiattest_sett",
    "taushetserklaering_signert",
    "introduksjonskurs_fullfort",
    "tidgivermappe_utlevert",
)

# What a tidgiver's own details are: the fields `opprett_tidgiver` and `endre_tidgiver` take.
FELTER = (
    "navn", "telefon", "epost", "kommune", "fodselsaar", "kjonn", "sprak", "yrke", "ferdigheter", "interesser",
    "aktiviteter", "tilgjengelighet", "kapasitet", "erfaringskompetanse", "vil_at_det_er_kjent",
    "motivasjonsteam", "velkomstgruppe",
    "intervju1_dato", "intervju1_av", "intervju1_vurdering", "intervju2_dato", "intervju2_av", "intervju2_vurdering",
    "referanser_sjekket", "politiattest_sett", "politiattest_gyldig_til", "taushetserklaering_signert",
    "introduksjonskurs_fullfort", "tidgivermappe_utlevert",
)  # fmt: skip


def _vis(dato):
    return date_format(dato, "j. F Y")


# ---------------------------------------------------------------------------
# The gate
# ---------------------------------------------------------------------------


def mangler_for_aktiv(tidgiver, dato=None):
    """What is missing before the tidgiver may be active on `dato` (default today), in words; empty when nothing."""
    dato = dato or timezone.localdate()
    mangler = []
    if tidgiver.politiattest_gyldig_til is None:
        mangler.append("Politiattest er ikke registrert.")
    elif tidgiver.politiattest_gyldig_til < dato:
        mangler.append(f"Politiattesten er ikke gyldig lenger (gikk ut {_vis(tidgiver.politiattest_gyldig_til)}).")
    if tidgiver.taushetserklaering_signert is None:
        mangler.append("Taushetserklæringen er ikke signert.")
    if tidgiver.introduksjonskurs_fullfort is None:
        mangler.append("Introduksjonskurset er ikke fullført.")
    return mangler


def kan_matches(tidgiver, dato=None):
    """What stands in the way of matching the tidgiver with a deltaker on `dato` (default today), in words; an
    empty list when they may be matched. The tidgiver must be aktiv and pass the gate.

    Lists and the matching board use the same rule as a filter: `Tidgiver.objects.kan_matches(dato)`.
    """
    dato = dato or timezone.localdate()
    mangler = []
    if tidgiver.status != Status.AKTIV:
        mangler.append(f"Tidgiveren er ikke aktiv (status: {tidgiver.get_status_display().lower()}).")
    return mangler + mangler_for_aktiv(tidgiver, dato)


# ---------------------------------------------------------------------------
# The tidgiver's details and vetting
# ---------------------------------------------------------------------------


def _sjekk(senter, data):
    """Every rule about a tidgiver's details, also for a request forged past the form; fills in the
    politiattest's validity from the setting when only the date it was seen is given."""
    idag = timezone.localdate()
    aar = data.get("fodselsaar")
    if aar is not None and not (1900 <= aar <= idag.year - 15):
        raise ValidationError({"fodselsaar": f"Skriv et årstall mellom 1900 og {idag.year - 15}."})
    if not (1 <= (data.get("kapasitet") or 0) <= KAPASITET_MAKS):
        raise ValidationError({"kapasitet": f"Kapasiteten må være mellom 1 og {KAPASITET_MAKS} deltakere."})
    for felt, gyldige in (
        ("sprak", katalog.SPRAK_NAVN),
        ("interesser", katalog.AKTIVITET_NAVN),
        ("aktiviteter", katalog.AKTIVITET_NAVN),
        ("tilgjengelighet", katalog.TID_NAVN),
    ):
        verdier = data.get(felt) or []
        if not isinstance(verdier, list) or any(v not in gyldige for v in verdier):
            raise ValidationError({felt: "Velg bare blant valgene i listen."})
        data[felt] = [kode for kode in gyldige if kode in verdier]  # stored in the catalogue's order, once each
    ferdigheter = data.get("ferdigheter") or []
    if len(ferdigheter) > 20 or any(not isinstance(f, str) or not f or len(f) > 40 for f in ferdigheter):
        raise ValidationError({"ferdigheter": "Skriv høyst 20 ferdigheter, hver på høyst 40 tegn."})
    if not senter.fritekst_tillatt:
        for felt in Tidgiver.FRITEKSTFELTER:
            if data.get(felt):
                raise ValidationError({felt: FRITEKST_IKKE_TILLATT})
    fodt = date(aar, 1, 1) if aar else TIDLIGSTE_DATO
    fra = max(fodt, TIDLIGSTE_DATO)
    fra_tekst = "at tidgiveren ble født" if fodt > TIDLIGSTE_DATO else "1990"
    krev(**{felt: grensefeil(data.get(felt), fra=fra, fra_tekst=fra_tekst) for felt in VETTINGSDATOER})
    if data.get("intervju1_dato") and data.get("intervju2_dato") and data["intervju2_dato"] < data["intervju1_dato"]:
        raise ValidationError({"intervju2_dato": "Det andre intervjuet kan ikke være før det første."})
    ansatte = None
    for felt in ("intervju1_av", "intervju2_av"):
        person = data.get(felt)
        if person is None:
            continue
        if ansatte is None:
            ansatte = set(Medlemskap.objects.filter(senter=senter).values_list("bruker_id", flat=True))
        if person.pk not in ansatte:
            raise ValidationError({felt: f"{person} arbeider ikke ved {senter}."})
    sett, gyldig_til = data.get("politiattest_sett"), data.get("politiattest_gyldig_til")
    if gyldig_til and not sett:
        raise ValidationError({"politiattest_sett": "Skriv inn datoen politiattesten ble sett."})
    if sett:
        lengst = standard_gyldig_til(sett)
        if gyldig_til is None:
            data["politiattest_gyldig_til"] = lengst
        elif gyldig_til < sett:
            raise ValidationError({"politiattest_gyldig_til": "«Gyldig til» kan ikke være før attesten ble sett."})
        elif gyldig_til > lengst:
            raise ValidationError(
                {
                    "politiattest_gyldig_til": f"En politiattest gjelder høyst {settings.POLITIATTEST_GYLDIG_MANEDER} "
                    f"måneder fra den ble sett (til {_vis(lengst)})."
                }
            )
    return data


@transaction.atomic
def opprett_tidgiver(*, senter, data, status=Status.INTERESSERT, status_dato=None, av=None):
    """Register a tidgiver at `senter`, with a first dated status row. An active status is refused here: a
    tidgiver becomes aktiv only through `endre_status`, which passes the gate."""
    status = Status(status)
    if status not in STARTSTATUSER:
        raise ValidationError({"status": "En ny tidgiver kan ikke starte som aktiv: endre status når alt er på plass."})
    status_dato = status_dato or timezone.localdate()
    krev(status_dato=grensefeil(status_dato, fra=TIDLIGSTE_DATO, fra_tekst="1990"))
    data = _sjekk(senter, {felt: data.get(felt) for felt in FELTER if felt in data})
    tidgiver = Tidgiver(senter=senter, status=status, status_fra=status_dato, opprettet_av=av, **data)
    tidgiver.full_clean(exclude=["senter", "opprettet_av", "intervju1_av", "intervju2_av"])
    tidgiver.save()
    Tidgiverstatus.objects.create(tidgiver=tidgiver, fra="", til=status, dato=status_dato, av=av)
    return tidgiver


@transaction.atomic
def endre_tidgiver(tidgiver, *, versjon, data):
    """Save the tidgiver's details and vetting; raises Versjonskonflikt if someone saved in between."""
    data = _sjekk(tidgiver.senter, {felt: data[felt] for felt in FELTER if felt in data})
    lagre_med_versjon(tidgiver, versjon, data)
    return tidgiver


@transaction.atomic
def endre_status(tidgiver, *, versjon, til, dato, arsak="", av=None):
    """Move the tidgiver along interessert → intervju → godkjent → aktiv ⇄ pause → avsluttet.

    Dated on or after the latest change and not in the future; a reason when ended. Becoming aktiv passes the
    gate: refused with exactly what is missing.
    """
    til = Status(til)
    if til not in STATUS_OVERGANGER[Status(tidgiver.status)]:
        raise ValidationError({"til": f"Kan ikke gå fra «{tidgiver.get_status_display()}» til «{til.label}»."})
    forrige = Tidgiverstatus.objects.filter(tidgiver=tidgiver).order_by("-dato", "-registrert", "-pk").first()
    fra = forrige.dato if forrige else TIDLIGSTE_DATO
    krev(dato=grensefeil(dato, fra=fra, fra_tekst="forrige statusendring" if forrige else "1990"))
    if til == Status.AKTIV:
        mangler = mangler_for_aktiv(tidgiver, timezone.localdate())
        if mangler:
            raise ValidationError({"til": "Kan ikke bli aktiv før dette er på plass: " + " ".join(mangler)})
    if til == Status.AVSLUTTET:
        if not arsak:
            raise ValidationError({"arsak": "Velg årsak til at tidgiveren slutter."})
    else:
        arsak = ""
    rad = Tidgiverstatus.objects.create(tidgiver=tidgiver, fra=tidgiver.status, til=til, dato=dato, arsak=arsak, av=av)
    lagre_med_versjon(tidgiver, versjon, {"status": til.value, "status_fra": dato})
    return rad


# ---------------------------------------------------------------------------
# Samlinger and attendance
# ---------------------------------------------------------------------------


def opprett_samling(*, senter, type, dato, tema="", av=None):
    krev(
        dato=grensefeil(
            dato,
            fra=TIDLIGSTE_DATO,
            fra_tekst="1990",
            til=timezone.localdate() + SAMLING_MAKS_FRAM,
            til_tekst="ett år fram i tid",
        )
    )
    if type not in Samling.Type.values:
        raise ValidationError({"type": "Velg hva slags samling det er."})
    return Samling.objects.create(senter=senter, type=type, dato=dato, tema=tema[:150], registrert_av=av)


@transaction.atomic
def registrer_oppmote(samling, *, tidgiver_ids, av=None):
    """Who was there: exactly the tidgivere in `tidgiver_ids` (of the samling's centre). Attending an
    introduksjonskurs marks the tidgiver's course as completed on its date (an earlier completion stands);
    being taken off the list again takes that date away when it came from this course.

    Returns (added, removed) counts.
    """
    if samling.dato > timezone.localdate():
        raise ValidationError("Oppmøte kan registreres fra dagen samlingen er.")
    valgte = {int(i) for i in tidgiver_ids}
    tidgivere = {t.pk: t for t in Tidgiver.objects.filter(senter=samling.senter, pk__in=valgte)}
    if set(tidgivere) != valgte:
        raise ValidationError("Bare tidgivere ved senteret kan registreres som til stede.")
    eksisterende = {o.tidgiver_id: o for o in Oppmote.objects.filter(samling=samling).select_related("tidgiver")}
    nye = [pk for pk in tidgivere if pk not in eksisterende]
    borte = [o for pk, o in eksisterende.items() if pk not in valgte]
    for pk in nye:
        Oppmote.objects.create(samling=samling, tidgiver=tidgivere[pk], registrert_av=av)
    for oppmote in borte:
        oppmote.delete()
    if samling.type == Samling.Type.INTRODUKSJONSKURS:
        for pk in nye:
            tidgiver = tidgivere[pk]
            if tidgiver.introduksjonskurs_fullfort is None or tidgiver.introduksjonskurs_fullfort > samling.dato:
                lagre_med_versjon(tidgiver, tidgiver.versjon, {"introduksjonskurs_fullfort": samling.dato})
        for oppmote in borte:
            tidgiver = oppmote.tidgiver
            if tidgiver.introduksjonskurs_fullfort == samling.dato:
                annen = (
                    Oppmote.objects.filter(tidgiver=tidgiver, samling__type=Samling.Type.INTRODUKSJONSKURS)
                    .order_by("samling__dato")
                    .values_list("samling__dato", flat=True)
                    .first()
                )
                lagre_med_versjon(tidgiver, tidgiver.versjon, {"introduksjonskurs_fullfort": annen})
    return len(nye), len(borte)
