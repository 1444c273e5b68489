"""Screening instruments, as published: item texts, answer options with their scores, and one scoring
function each. Optional parts of a kartlegging.

Sources (the Norwegian wording is the published Norwegian version's; check it against the current form
from the source before printing it for other use):

- AUDIT: Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT. The Alcohol Use Disorders
  Identification Test. Guidelines for Use in Primary Care. 2nd ed. Geneva: WHO, 2001. Norwegian version:
  Aasland OG, Amundsen A, Bovim G, Fauske S, Mørland J. Identifisering av pasienter med risiko for
  alkoholskader. Tidsskr Nor Lægeforen 1990; 110: 1523–7 (as published by Norsk Helseinformatikk and
  rop.no). Zones I–IV and what they mean: the WHO manual, table 4.
- DUDIT: Berman AH, Bergman H, Palmstierna T, Schlyter F. DUDIT – The Drug Use Disorders Identification
  Test. Manual, version 1.1. Karolinska Institutet, 2007. Norwegian translation: Østnorsk kompetansesenter
  rus, 2008 (Claes Brisendal); published by rop.no. Cut-offs from the manual.
- WHO-5: WHO-Five Well-being Index (WHO-5). Psychiatric Research Unit, WHO Collaborating Centre in Mental
  Health, Frederiksborg General Hospital, 1998; Norwegian version as published by the Psychiatric Research
  Unit. Scoring from the same source (raw 0–25, percentage = raw × 4, raw < 13 = poor wellbeing; a change
  of 10 percentage points is a meaningful change).

A questionnaire with an unanswered item is incomplete: it has no total and no zone. A score is never
computed from missing answers. The result says what the zone means in plain Norwegian, never as a
diagnosis.
"""

from dataclasses import dataclass, field

IKKE_DIAGNOSE = "Dette er et kartleggingsverktøy og ikke en diagnose."


@dataclass(frozen=True)
class Svar:
    poeng: int
    tekst: str


@dataclass(frozen=True)
class Sporsmal:
    nr: int
    tekst: str
    svar: tuple

    def gyldige_poeng(self):
        return {s.poeng for s in self.svar}

    def svartekst(self, poeng):
        return next((s.tekst for s in self.svar if s.poeng == poeng), "")


@dataclass(frozen=True)
class Sone:
    kode: str
    navn: str
    betydning: str


@dataclass
class Resultat:
    fullstendig: bool
    besvart: int
    antall: int
    sum: int | None = None
    prosent: int | None = None  # WHO-5 only
    sone: Sone | None = None
    merknad: str = ""  # e.g. which cut-off was used

    @property
    def mangler(self):
        return self.antall - self.besvart


@dataclass(frozen=True)
class Instrument:
    kode: str
    navn: str
    fullt_navn: str
    innledning: str
    sporsmal: tuple
    kilde: str
    soner: tuple = field(default_factory=tuple)

    def sporsmal_nr(self, nr):
        return self.sporsmal[nr - 1]

    def rens(self, svar):
        """Only valid answers: {item number: score}, unknown items and invalid scores dropped."""
        renset = {}
        for nr, poeng in (svar or {}).items():
            nr = int(nr)
            if (
                1 <= nr <= len(self.sporsmal)
                and poeng is not None
                and int(poeng) in self.sporsmal_nr(nr).gyldige_poeng()
            ):
                renset[nr] = int(poeng)
        return renset

    def skaar(self, svar, *, kjonn=""):
        svar = self.rens(svar)
        resultat = Resultat(fullstendig=len(svar) == len(self.sporsmal), besvart=len(svar), antall=len(self.sporsmal))
        if not resultat.fullstendig:
            return resultat
        resultat.sum = sum(svar.values())
        return SKAARING[self.kode](self, resultat, kjonn)


# ---------------------------------------------------------------------------
# AUDIT
# ---------------------------------------------------------------------------

_HYPPIGHET = (
    Svar(0, "Aldri"),
    Svar(1, "Sjelden"),
    Svar(2, "Noen ganger i måneden"),
    Svar(3, "Noen ganger i uken"),
    Svar(4, "Nesten daglig"),
)
_SKADE_AUDIT = (Svar(0, "Nei"), Svar(2, "Ja, men ikke i løpet av siste år"), Svar(4, "Ja, i løpet av siste år"))

AUDIT = Instrument(
    kode="audit",
    navn="AUDIT",
    fullt_navn="AUDIT – kartlegging av alkoholbruk",
    innledning="Spørsmålene gjelder bruk av alkohol. En alkoholenhet er for eksempel en flaske øl (33 cl), "
    "et glass vin (12 cl) eller en drink med brennevin (4 cl).",
    kilde="AUDIT, Verdens helseorganisasjon (Babor mfl. 2001); norsk versjon Aasland mfl. 1990.",
    sporsmal=(
        Sporsmal(
            1,
            "Hvor ofte drikker du alkohol?",
            (
                Svar(0, "Aldri"),
                Svar(1, "Månedlig eller sjeldnere"),
                Svar(2, "To til fire ganger i måneden"),
                Svar(3, "To til tre ganger i uken"),
                Svar(4, "Fire ganger i uken eller mer"),
            ),
        ),
        Sporsmal(
            2,
            "Hvor mange alkoholenheter tar du på en «typisk» drikkedag?",
            (
                Svar(0, "1–2"),
                Svar(1, "3–4"),
                Svar(2, "5–6"),
                Svar(3, "7–9"),
                Svar(4, "10 eller flere"),
            ),
        ),
        Sporsmal(3, "Hvor ofte drikker du seks alkoholenheter eller mer?", _HYPPIGHET),
        Sporsmal(
            4,
            "Hvor ofte i løpet av siste året var du ikke i stand til å stoppe å drikke etter at du hadde begynt?",
            _HYPPIGHET,
        ),
        Sporsmal(
            5,
            "Hvor ofte i løpet av siste året unnlot du å gjøre ting du skulle ha gjort på grunn av drikking?",
            _HYPPIGHET,
        ),
        Sporsmal(6, "Hvor ofte starter du dagen din med alkohol?", _HYPPIGHET),
        Sporsmal(7, "Hvor ofte i løpet av det siste året har du hatt skyldfølelse på grunn av drikking?", _HYPPIGHET),
        Sporsmal(
            8,
            "Hvor ofte i løpet av det siste året har det vært umulig å huske hva som hendte kvelden "
            "før på grunn av drikking?",
            _HYPPIGHET,
        ),
        Sporsmal(9, "Har du eller andre blitt skadet som følge av at du har drukket?", _SKADE_AUDIT),
        Sporsmal(
            10,
            "Har en slektning, venn eller lege bekymret seg over drikkingen din, eller antydet at du bør redusere?",
            _SKADE_AUDIT,
        ),
    ),  # fmt: skip
    soner=(
        Sone(
            "I",
            "Sone I (0–7): lav risiko",
            "Svarene tyder ikke på at alkohol gir risiko for skade nå. WHO anbefaler informasjon om alkohol.",
        ),
        Sone(
            "II",
            "Sone II (8–15): økt risiko",
            "Drikkingen kan gi risiko for skade. WHO anbefaler enkle råd om å drikke mindre.",
        ),
        Sone(
            "III",
            "Sone III (16–19): høy risiko",
            "Svarene tyder på skadelig bruk av alkohol. WHO anbefaler råd, en kort samtale om endring og "
            "videre oppfølging.",
        ),
        Sone(
            "IV",
            "Sone IV (20–40): svært høy risiko",
            "Svarene kan tyde på avhengighet. WHO anbefaler at personen får tilbud om utredning, for eksempel "
            "hos fastlegen eller i spesialisthelsetjenesten.",
        ),
    ),  # fmt: skip
)


def _audit(instrument, resultat, kjonn):
    grenser = ((7, "I"), (15, "II"), (19, "III"), (40, "IV"))
    kode = next(sone for grense, sone in grenser if resultat.sum <= grense)
    resultat.sone = next(s for s in instrument.soner if s.kode == kode)
    return resultat


# ---------------------------------------------------------------------------
# DUDIT
# ---------------------------------------------------------------------------

_DUDIT_HYPPIGHET = (
    Svar(0, "Aldri"),
    Svar(1, "En gang i måneden eller sjeldnere"),
    Svar(2, "2–4 ganger i måneden"),
    Svar(3, "2–3 ganger i uken"),
    Svar(4, "4 ganger i uken eller oftere"),
)
_DUDIT_SISTE_AAR = (
    Svar(0, "Aldri"),
    Svar(1, "Sjeldnere enn en gang i måneden"),
    Svar(2, "Hver måned"),
    Svar(3, "Hver uke"),
    Svar(4, "Daglig eller nesten daglig"),
)
_SKADE_DUDIT = (
    Svar(0, "Nei"),
    Svar(2, "Ja, men ikke i løpet av det siste året"),
    Svar(4, "Ja, i løpet av det siste året"),
)

DUDIT = Instrument(
    kode="dudit",
    navn="DUDIT",
    fullt_navn="DUDIT – kartlegging av bruk av andre rusmidler enn alkohol",
    innledning="Spørsmålene gjelder narkotika og legemidler som brukes på annen måte eller i større mengder "
    "enn legen har foreskrevet, ikke alkohol.",
    kilde="DUDIT, Berman mfl., Karolinska Institutet (manual 2007); norsk oversettelse Østnorsk "
    "kompetansesenter rus 2008.",
    sporsmal=(
        Sporsmal(1, "Hvor ofte bruker du andre rusmidler enn alkohol?", _DUDIT_HYPPIGHET),
        Sporsmal(2, "Bruker du mer enn ett rusmiddel samtidig?", _DUDIT_HYPPIGHET),
        Sporsmal(
            3,
            "Hvor mange ganger tar du rusmidler en typisk dag når du bruker rusmidler?",
            (
                Svar(0, "0"),
                Svar(1, "1–2"),
                Svar(2, "3–4"),
                Svar(3, "5–6"),
                Svar(4, "7 eller flere"),
            ),
        ),
        Sporsmal(4, "Hvor ofte er du kraftig påvirket av rusmidler?", _DUDIT_SISTE_AAR),
        Sporsmal(
            5,
            "Har du i løpet av det siste året opplevd at lysten etter rusmidler har vært så sterk at du "
            "ikke har klart å stå imot?",
            _DUDIT_SISTE_AAR,
        ),
        Sporsmal(
            6,
            "Har det i løpet av det siste året hendt at du ikke har klart å slutte å ta rusmidler når "
            "du først har begynt?",
            _DUDIT_SISTE_AAR,
        ),
        Sporsmal(
            7,
            "Hvor ofte i løpet av det siste året har du tatt rusmidler og så forsømt noe du skulle ha gjort?",
            _DUDIT_SISTE_AAR,
        ),
        Sporsmal(
            8,
            "Hvor ofte i løpet av det siste året har du trengt å ta rusmidler morgenen etter kraftig bruk dagen før?",
            _DUDIT_SISTE_AAR,
        ),
        Sporsmal(
            9,
            "Hvor ofte i løpet av det siste året har du hatt skyldfølelse eller dårlig samvittighet "
            "fordi du har brukt rusmidler?",
            _DUDIT_SISTE_AAR,
        ),
        Sporsmal(
            10,
            "Har du eller noen andre blitt skadet (psykisk eller fysisk) fordi du har brukt rusmidler?",
            _SKADE_DUDIT,
        ),
        Sporsmal(
            11,
            "Har en slektning, en venn, en lege eller sykepleier, eller noen andre, vært bekymret for "
            "bruken din av rusmidler eller sagt at du bør slutte?",
            _SKADE_DUDIT,
        ),
    ),  # fmt: skip
    soner=(
        Sone(
            "under",
            "Under grensen for rusrelaterte problemer",
            "Svarene tyder ikke på rusrelaterte problemer (grensen er 6 for menn og 2 for kvinner).",
        ),
        Sone(
            "mellom",
            "Over grensen for kvinner, under grensen for menn",
            "Kjønn er ikke oppgitt. Summen er over grensen for kvinner (2) og under grensen for menn (6). "
            "Snakk med personen om hva svarene betyr for hen.",
        ),
        Sone(
            "problemer",
            "Tegn på rusrelaterte problemer",
            "Svarene tyder på problemer knyttet til bruk av rusmidler. Det kan være grunn til videre "
            "kartlegging og en samtale om endring.",
        ),
        Sone(
            "avhengighet",
            "Sannsynlig tung avhengighet (25 eller mer)",
            "Svarene tyder på sannsynlig tung avhengighet. Personen bør få tilbud om utredning og behandling, "
            "for eksempel via fastlegen.",
        ),
    ),  # fmt: skip
)

DUDIT_GRENSE = {"mann": 6, "kvinne": 2}
DUDIT_AVHENGIGHET = 25


def _dudit(instrument, resultat, kjonn):
    soner = {s.kode: s for s in instrument.soner}
    if resultat.sum >= DUDIT_AVHENGIGHET:
        kode = "avhengighet"
    elif kjonn in DUDIT_GRENSE:
        kode = "problemer" if resultat.sum >= DUDIT_GRENSE[kjonn] else "under"
        resultat.merknad = f"Grensen for {'menn' if kjonn == 'mann' else 'kvinner'} er {DUDIT_GRENSE[kjonn]}."
    elif resultat.sum >= DUDIT_GRENSE["mann"]:
        kode = "problemer"
    elif resultat.sum >= DUDIT_GRENSE["kvinne"]:
        kode = "mellom"
    else:
        kode = "under"
    resultat.sone = soner[kode]
    return resultat


# ---------------------------------------------------------------------------
# WHO-5
# ---------------------------------------------------------------------------

_WHO5_SVAR = (
    Svar(5, "Hele tiden"),
    Svar(4, "Mesteparten av tiden"),
    Svar(3, "Mer enn halvparten av tiden"),
    Svar(2, "Mindre enn halvparten av tiden"),
    Svar(1, "Litt av tiden"),
    Svar(0, "Ikke i det hele tatt"),
)

WHO5 = Instrument(
    kode="who5",
    navn="WHO-5",
    fullt_navn="WHO-5 – trivselsindeks",
    innledning="Spørsmålene gjelder hvordan du har hatt det de siste to ukene. I løpet av de siste to ukene …",
    kilde="WHO-5 Well-being Index, Psychiatric Research Unit, WHO Collaborating Centre in Mental Health (1998); "
    "norsk versjon.",
    sporsmal=(
        Sporsmal(1, "… har jeg vært i godt humør og ved godt mot", _WHO5_SVAR),
        Sporsmal(2, "… har jeg følt meg rolig og avslappet", _WHO5_SVAR),
        Sporsmal(3, "… har jeg følt meg aktiv og full av energi", _WHO5_SVAR),
        Sporsmal(4, "… har jeg våknet opp og følt meg frisk og uthvilt", _WHO5_SVAR),
        Sporsmal(5, "… har hverdagen min vært fylt med ting som interesserer meg", _WHO5_SVAR),
    ),
    soner=(
        Sone(
            "lav",
            "Lav trivsel (råskår under 13)",
            "Svarene tyder på lav trivsel. Det kan være grunn til å snakke om psykisk helse og tilby videre "
            "kartlegging, for eksempel hos fastlegen.",
        ),
        Sone("god", "Ikke lav trivsel (råskår 13 eller mer)", "Svarene tyder ikke på lav trivsel."),
    ),  # fmt: skip
)

WHO5_LAV_GRENSE = 13
WHO5_MERKBAR_ENDRING = 10  # percentage points


def _who5(instrument, resultat, kjonn):
    resultat.prosent = resultat.sum * 4
    resultat.sone = instrument.soner[0] if resultat.sum < WHO5_LAV_GRENSE else instrument.soner[1]
    return resultat


def who5_endring(for_, etter):
    """(change in percentage points, meaningful?) between two complete WHO-5 results, or None."""
    if for_ is None or etter is None or for_.prosent is None or etter.prosent is None:
        return None
    endring = etter.prosent - for_.prosent
    return endring, abs(endring) >= WHO5_MERKBAR_ENDRING


SKAARING = {"audit": _audit, "dudit": _dudit, "who5": _who5}
INSTRUMENTER = {i.kode: i for i in (AUDIT, DUDIT, WHO5)}
VALG = [(i.kode, i.navn) for i in INSTRUMENTER.values()]
