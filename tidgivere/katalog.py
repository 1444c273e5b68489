"""The one list of what a tidgiver offers, and the availability grid.

Interests and activities are stored as codes from `AKTIVITETER`; the deltaker side has no coded interest
list (a person's interests are free text in the register), so this is the only list. Matching compares
codes from here, so a label may be reworded without touching stored rows.
"""

AKTIVITETER = [
    ("tur_friluft", "Tur og friluft"),
    ("trening", "Trening"),
    ("kafe_prat", "Kafé og prat"),
    ("kultur_konsert", "Kultur og konsert"),
    ("jobb_cv", "Jobbsøking og CV"),
    ("matlaging", "Matlaging"),
    ("digital_hjelp", "Digital hjelp"),
    ("praktisk_hjelp", "Praktisk hjelp"),
    ("folge_moter", "Følge til møter"),
]
AKTIVITET_NAVN = dict(AKTIVITETER)

UKEDAGER = [
    ("man", "Mandag"),
    ("tir", "Tirsdag"),
    ("ons", "Onsdag"),
    ("tor", "Torsdag"),
    ("fre", "Fredag"),
    ("lor", "Lørdag"),
    ("son", "Søndag"),
]
DAGSDELER = [
    ("formiddag", "Formiddag"),
    ("ettermiddag", "Ettermiddag"),
    ("kveld", "Kveld"),
]

# "man-formiddag", "man-ettermiddag", ... in weekday order.
TIDER = [f"{dag}-{del_}" for dag, _ in UKEDAGER for del_, _ in DAGSDELER]
TID_NAVN = {f"{dag}-{del_}": f"{dagnavn} {delnavn.lower()}" for dag, dagnavn in UKEDAGER for del_, delnavn in DAGSDELER}

SPRAK = [
    ("norsk", "Norsk"),
    ("engelsk", "Engelsk"),
    ("svensk", "Svensk"),
    ("dansk", "Dansk"),
    ("polsk", "Polsk"),
    ("litauisk", "Litauisk"),
    ("arabisk", "Arabisk"),
    ("somali", "Somali"),
    ("tigrinja", "Tigrinja"),
    ("urdu", "Urdu"),
    ("persisk", "Persisk"),
    ("russisk", "Russisk"),
    ("ukrainsk", "Ukrainsk"),
    ("spansk", "Spansk"),
    ("samisk", "Samisk"),
    ("tegnspråk", "Norsk tegnspråk"),
]
SPRAK_NAVN = dict(SPRAK)


def navn(koder, oppslag):
    """Labels for stored codes, in stored order; an unknown code is shown as itself, never dropped."""
    return [oppslag.get(kode, kode) for kode in koder or []]
