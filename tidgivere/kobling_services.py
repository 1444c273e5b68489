"""Writes about matches: wishes, proposing, the steps of a match, check-ins and activities, and pausing when the
person may no longer be matched. Each in one transaction, through save() so the change history keeps who changed
what, with the hard rules and dates checked here (a request forged past the form is refused as surely)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django_scopes import scope

from deltakere.datogrenser import grensefeil, krev
from deltakere.models import FRITEKST_IKKE_TILLATT
from deltakere.services import lagre_med_versjon

from . import katalog, kobling_selectors, matching
from .models import (
    FOLGES_OPP,
    KOBLING_OVERGANGER,
    PAGAENDE,
    Aktivitet,
    Innsjekk,
    Kjonn,
    Kobling,
    Koblingsstatus,
    Koblingssteg,
    Sluttarsak,
    Tidgiver,
    Tidgiveronske,
)


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
    dprofil = kobling_selectors.deltakerprofil(deltaker)
    tprofil = kobling_selectors.tidgiverprofiler(deltaker.senter, ider=[tidgiver.pk], dato=dato)
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
    siste = kobling_selectors.siste_stegdato(kobling)
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
    if til == Koblingsstatus.AKTIV and not kobling_selectors.kan_aktiveres(kobling):
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
