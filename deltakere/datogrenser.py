"""Sane bounds for the dates the register records, in one place.

The services check every date against these bounds (so a forged request is refused as surely as
a typed one) and raise `ValidationError` keyed by the form field, so the message stands next to
the field. Dates of things that happened may not lie in the future, nor before the person was
born or before the centre could have known them; dates that are plans by nature (a planned
avslutningssamtale, "åpen dør til") have bounds of their own.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

# A planned avslutningssamtale may lie this far ahead; the open door may stay open this long.
AVSLUTNINGSSAMTALE_MAKS_FRAM = timedelta(days=365)
APEN_DOR_MAKS = timedelta(days=2 * 365)
TIDLIGSTE_FODSELSAAR = 1900


def _vis(dato):
    return date_format(dato, "j. F Y")


def idag():
    return timezone.localdate()


def fodt(fodselsaar, fodselsdato=None):
    """The earliest day the person can have been alive."""
    return fodselsdato or date(fodselsaar, 1, 1)


def kjent_fra(deltaker):
    """The first day the centre could have known the person: referral or registration, whichever came first."""
    return min(deltaker.henvisning_dato, timezone.localdate(deltaker.opprettet))


def grensefeil(dato, *, fra=None, fra_tekst="", til=None, til_tekst=""):
    """The Norwegian message for a date outside [fra, til], or None. `til` defaults to today."""
    if dato is None:
        return None
    if fra is not None and dato < fra:
        return f"Datoen kan ikke være før {fra_tekst} ({_vis(fra)})."
    til = idag() if til is None else til
    if dato > til:
        if not til_tekst:
            return "Datoen kan ikke være fram i tid."
        return f"Datoen kan ikke være etter {til_tekst} ({_vis(til)})."
    return None


def fra_fodsel(dato, fodselsaar, fodselsdato=None):
    """Something that happened to the person: not before their birth, not in the future."""
    return grensefeil(dato, fra=fodt(fodselsaar, fodselsdato), fra_tekst="at personen ble født")


def i_oppfolgingen(dato, deltaker):
    """Something recorded about the follow-up: not before the centre knew the person, not in the future."""
    return grensefeil(dato, fra=kjent_fra(deltaker), fra_tekst="senteret kjente personen")


def krev(**feil):
    """Raise one ValidationError with every message that is not None, keyed by field."""
    feil = {felt: melding for felt, melding in feil.items() if melding}
    if feil:
        raise ValidationError(feil)
