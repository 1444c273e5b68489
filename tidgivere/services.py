"""The rules of the volunteer register: every write about a tidgiver or a samling goes through here.

The gate lives here: a tidgiver becomes `aktiv`, and may be matched, only with a valid politiattest, a signed
taushetserklæring and a completed introduksjonskurs (`mangler_for_aktiv`, `kan_matches`). The services check
every rule themselves, so a request forged past the form is refused with the same words.

Writes about matches: wishes, proposing, the steps of a match, check-ins and activities, and pausing when the
person may no longer be matched. Each in one transaction, through save() so the change history keeps who changed
what, with the hard rules and dates checked here (a request forged past the form is refused as surely).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django_scopes import scope

from deltakere.datogrenser import grensefeil, krev
from deltakere.models import FRITEKST_IKKE_TILLATT, Medlemskap
from deltakere.services import lagre_med_versjon

from . import katalog, matching, selectors
from .models import (
    FOLGES_OPP,
    KAPASITET_MAKS,
    KOBLING_OVERGANGER,
    PAGAENDE,
    STATUS_OVERGANGER,
    Aktivitet,
    Innsjekk,
    Kjonn,
    Kobling,
    Koblingsstatus,
    Koblingssteg,
    Oppmote,
    Samling,
    Sluttarsak,
    Status,
    Tidgiver,
    Tidgiveronske,
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


# --- matches (kobling) --------------------------------------------------------------------------------
def _koder(verdier, gyldige, felt, hva):
    ukjente = [v for v in verdier or [] if v not in gyldige]
    if ukjente:
        raise ValidationError({felt: f"Velg {hva} fra listen."})
    return [v for v in gyldige if v in set(verdier or [])]


# ---------------------------------------------------------------------------
# The deltaker's wishes
# ---------------------------------------------------------------------------


@transaction.atomic
def lagre_onsker(deltaker, *, versjon, av=None, **data):
    """Save what the deltaker wishes for in a tidgiver (one row per person, made on first save)."""
    felter = {
        "interesser": _koder(data.get("interesser"), katalog.AKTIVITET_NAVN, "interesser", "interesser"),
        "tilgjengelighet": _koder(data.get("tilgjengelighet"), katalog.TID_NAVN, "tilgjengelighet", "tidspunkt"),
        "sprak": _koder(data.get("sprak"), katalog.SPRAK_NAVN, "sprak", "språk"),
        "kommune": (data.get("kommune") or "").strip(),
        "kjonn": data.get("kjonn") or "",
        "alder_fra": data.get("alder_fra"),
        "alder_til": data.get("alder_til"),
        "erfaringskompetanse": data.get("erfaringskompetanse") or "",
    }
    if felter["kjonn"] and felter["kjonn"] not in Kjonn.values:
        raise ValidationError({"kjonn": "Velg kjønn fra listen."})
    for felt in ("alder_fra", "alder_til"):
        if felter[felt] is not None and not 18 <= felter[felt] <= 100:
            raise ValidationError({felt: "Skriv en alder mellom 18 og 100 år."})
    if felter["alder_fra"] and felter["alder_til"] and felter["alder_fra"] > felter["alder_til"]:
        raise ValidationError({"alder_til": "«Alder til» kan ikke være lavere enn «alder fra»."})
    onske, ny = Tidgiveronske.objects.get_or_create(deltaker=deltaker)
    if ny:
        for navn, verdi in felter.items():
            setattr(onske, navn, verdi)
        onske.save()
    else:
        lagre_med_versjon(onske, versjon, felter)
    return onske


# ---------------------------------------------------------------------------
# Proposing a match
# ---------------------------------------------------------------------------


@transaction.atomic
def foreslaa(deltaker, tidgiver, *, av=None, dato=None):
    """Propose a match. The hard rules are checked again here, against the database as it is now."""
    dato = dato or timezone.localdate()
    Tidgiver.objects.select_for_update().get(pk=tidgiver.pk)  # one proposal at a time per tidgiver
    dprofil = selectors.deltakerprofil(deltaker)
    tprofil = selectors.tidgiverprofiler(deltaker.senter, ider=[tidgiver.pk], dato=dato)
    if not tprofil:
        raise ValidationError("Tidgiveren finnes ikke ved dette senteret.")
    vurdering = matching.vurder(dprofil, tprofil[0], aar=dato.year)
    if not vurdering.mulig:
        raise ValidationError(" ".join(vurdering.hindringer))
    try:
        with transaction.atomic():
            kobling = Kobling.objects.create(
                deltaker=deltaker, tidgiver=tidgiver, poeng=vurdering.poeng, status_fra=dato, opprettet_av=av
            )
    except IntegrityError as e:  # the same pair proposed at once from two tabs
        raise ValidationError("De to har allerede en kobling.") from e
    Koblingssteg.objects.create(kobling=kobling, til=Koblingsstatus.FORESLATT, dato=dato, av=av)
    return kobling


# ---------------------------------------------------------------------------
# The steps of a match
# ---------------------------------------------------------------------------


def _steggrenser(kobling, til, dato, forste_mote):
    siste = selectors.siste_stegdato(kobling)
    feil = {
        "dato": grensefeil(dato, fra=siste, fra_tekst="forrige steg i koblingen"),
    }
    if til == Koblingsstatus.FORSTE_MOTE:
        if forste_mote is None:
            feil["forste_mote"] = "Skriv inn datoen for det første møtet på senteret."
        else:
            feil["forste_mote"] = grensefeil(
                forste_mote, fra=dato, fra_tekst="datoen for steget", til=dato.replace(year=dato.year + 1),
                til_tekst="ett år fram",
            )  # fmt: skip
    return feil


@transaction.atomic
def neste_steg(kobling, *, versjon, til, dato, av=None, arsak="", forste_mote=None):
    """Move the match one step on its lifecycle, dated. Ending needs a reason; the first meeting its date."""
    til = Koblingsstatus(til) if til in Koblingsstatus.values else None
    if til is None or til not in KOBLING_OVERGANGER[Koblingsstatus(kobling.status)]:
        raise ValidationError({"til": "Velg et av stegene som kan komme nå."})
    if dato is None:
        raise ValidationError({"dato": "Skriv inn datoen for steget."})
    if til == Koblingsstatus.AVSLUTTET and arsak not in Sluttarsak.values:
        raise ValidationError({"arsak": "Velg hvorfor koblingen avsluttes."})
    if til != Koblingsstatus.AVSLUTTET:
        arsak = ""
    krev(**_steggrenser(kobling, til, dato, forste_mote))
    if til == Koblingsstatus.AKTIV and not selectors.kan_aktiveres(kobling):
        raise ValidationError(
            {"til": "Koblingen kan ikke bli aktiv: deltakeren følges ikke opp nå eller har trukket samtykket."}
        )
    felter = {"status": til, "status_fra": dato, "merknad": ""}
    if til == Koblingsstatus.FORSTE_MOTE:
        felter["forste_mote"] = forste_mote
    if til == Koblingsstatus.AKTIV and kobling.aktiv_fra is None:
        felter["aktiv_fra"] = dato
    if til == Koblingsstatus.AVSLUTTET:
        felter["sluttarsak"] = arsak
    fra = kobling.status
    lagre_med_versjon(kobling, versjon, felter)
    Koblingssteg.objects.create(kobling=kobling, fra=fra, til=til, dato=dato, arsak=arsak, av=av)
    return kobling


def pause_for_deltaker(deltaker, *, grunn, dato=None):
    """The person may no longer be matched (consent withdrawn, follow-up ended, moved to another centre): every
    match under way is paused, and one not yet started is declined, each with the reason for the coordinator."""
    dato = dato or timezone.localdate()
    merknad = f"{grunn} {date_format(dato, 'j. F Y')}."
    # The person was fetched through the scoping helper by the request that sent the event; the event may be
    # delivered after that request's scope has closed (on commit), so the person's own centre is the scope here.
    with scope(senter=[deltaker.senter_id]), transaction.atomic():
        for kobling in Kobling.objects.select_for_update().filter(deltaker=deltaker, status__in=PAGAENDE):
            til = Koblingsstatus.PAUSE if kobling.status in FOLGES_OPP else Koblingsstatus.AVSLATT
            if kobling.status == Koblingsstatus.AVSLUTNINGSSAMTALE:
                til = Koblingsstatus.AVSLUTNINGSSAMTALE  # already ending; the note is enough
            fra = kobling.status
            kobling.status, kobling.merknad = til, merknad[:200]
            if til != fra:
                kobling.status_fra = dato
            kobling.versjon += 1
            kobling.endret = timezone.now()
            kobling.save()
            Koblingssteg.objects.create(kobling=kobling, fra=fra, til=til, dato=dato, merknad=merknad[:200])


# ---------------------------------------------------------------------------
# Check-ins and activities
# ---------------------------------------------------------------------------


def _i_koblingen(kobling, dato):
    start = kobling.steg.aggregate(forste=Min("dato"))["forste"] or timezone.localdate(kobling.opprettet)
    return grensefeil(dato, fra=start, fra_tekst="koblingen ble foreslått")


@transaction.atomic
def ny_innsjekk(kobling, *, med, dato, notat="", av=None):
    if med not in Innsjekk.Med.values:
        raise ValidationError({"med": "Velg hvem du snakket med."})
    if notat and not kobling.deltaker.senter.fritekst_tillatt:
        raise ValidationError({"notat": FRITEKST_IKKE_TILLATT})
    krev(dato=_i_koblingen(kobling, dato) if dato else "Skriv inn datoen for innsjekken.")
    return Innsjekk.objects.create(kobling=kobling, med=med, dato=dato, notat=notat, av=av)


@transaction.atomic
def ny_aktivitet(kobling, *, dato, timer, type, utlegg=None, av=None):
    if type not in katalog.AKTIVITET_NAVN:
        raise ValidationError({"type": "Velg hva dere gjorde fra listen."})
    utlegg = utlegg if utlegg is not None else Decimal(0)
    krev(
        dato=_i_koblingen(kobling, dato) if dato else "Skriv inn datoen for aktiviteten.",
        timer=None if timer is not None and Decimal("0.5") <= timer <= 24 else "Skriv antall timer, 0,5 til 24.",
        utlegg=None if 0 <= utlegg <= 100000 else "Skriv et beløp mellom 0 og 100 000 kr.",
    )
    return Aktivitet.objects.create(kobling=kobling, dato=dato, timer=timer, type=type, utlegg=utlegg, av=av)
