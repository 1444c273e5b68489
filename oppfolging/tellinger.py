"""The daily tally's counters (besøkstelling): which a centre counts depends on its type.

Low-threshold cafés do not register guests by name; they count. The set per centre type is
`TELLERE_PER_SENTERTYPE` below, and an installation may set its own in settings (same shape).
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Teller:
    kode: str
    navn: str
    hjelp: str = ""


TELLERE = {
    t.kode: t
    for t in (
        Teller("besok", "Besøk", "Alle besøk i dag, også de som kom flere ganger."),
        Teller("maltider", "Måltider servert"),
        Teller("nye_ansikter", "Nye ansikter", "Noen som ikke har vært her før."),
        Teller("samtaler", "Samtaler med gjester som ikke er registrert"),
        Teller("klesutdeling", "Klesutdeling", "Hvor mange som fikk klær."),
        Teller("dusj_vask", "Dusj og klesvask"),
    )
}

TELLERE_PER_SENTERTYPE = {
    "gatenaert": ["besok", "maltider", "nye_ansikter", "samtaler", "klesutdeling", "dusj_vask"],
    "oppfolgingssenter": ["besok", "maltider", "nye_ansikter", "samtaler"],
    "steg_for_steg": ["besok", "nye_ansikter", "samtaler"],
    "boligtiltak": ["besok", "samtaler"],
    "arbeidstrening": ["besok", "maltider"],
}


def tellere_for(senter):
    """The counters `senter` keeps, in order."""
    per_type = getattr(settings, "TELLERE_PER_SENTERTYPE", TELLERE_PER_SENTERTYPE)
    return [TELLERE[kode] for kode in per_type.get(senter.type, ["besok"]) if kode in TELLERE]
