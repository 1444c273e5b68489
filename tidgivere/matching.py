"""Matching deltakere and tidgivere: pure functions over small dataclasses, no ORM.

`tidgivere.selectors` builds the profiles (a bounded number of queries); everything here is arithmetic, so
the suggestions page, the board and the benchmark share it.

- **Hard rules** (`hindringer`) exclude a pair, each with the reason in words: the gate (what
  `services.kan_matches` says is missing), no free capacity, another centre, the deltaker not active or
  without a current consent to share with a tidgiver, an earlier match of the two that ended as "dårlig
  match", a match of the two going on already.
- **Soft criteria** (`vurder`) give points, each with an explanation in words; the score is the sum of the
  criteria's points (`Vurdering.poeng`), so the explanation always adds up to the score.
- **The board** (`tavle`) gives everyone waiting a tidgiver so that the total score is as high as possible with
  every tidgiver's free capacity respected: an optimal assignment (scipy's `linear_sum_assignment`) over
  capacity-expanded columns (a tidgiver with two free places is two columns). `grådig` picks the best pair
  first instead, for comparison. Only pairs with a positive score are proposed.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from .katalog import AKTIVITET_NAVN, SPRAK_NAVN, TID_NAVN

# The weights, in one place (documented in README, "Matching: forslag og tavle"). Points, whole numbers.
VEKTER = {
    "interesse": 3,  # per shared interest ...
    "interesse_maks": 4,  # ... counting at most this many
    "hovedmal": 8,  # per hovedmål the person agreed a tidgiver may help with, met by what the tidgiver offers ...
    "hovedmal_maks": 2,  # ... counting at most this many
    "tid": 1,  # per shared slot in the availability grid (weekday x part of day) ...
    "tid_maks": 6,  # ... counting at most this many
    "samme_sted": 6,  # the same kommune/bydel
    "naer": 3,  # the same kommune, another bydel
    "felles_sprak": 4,  # share a language other than Norwegian
    "ikke_felles_sprak": -10,  # share no language at all (both have languages registered)
    "kjonn_ja": 4,  # the deltaker wished for this kjønn
    "kjonn_nei": -20,  # the deltaker wished for another kjønn
    "alder_ja": 3,  # within the age range the deltaker wished for
    "alder_nei": -10,  # outside it
    "erfaring_ja": 5,  # wanted erfaringskompetanse, and the tidgiver has it and lets it be known
    "erfaring_nei": -10,  # did not want it, and the tidgiver has it
    "ledig": 3,  # times the tidgiver's free share of capacity (3 when no one is matched yet), rounded
}

# A hovedmål's livsområde -> the activities that can help with it (codes from katalog.AKTIVITETER) ...
HJELP_FOR_OMRADE = {
    "arbeid": ("jobb_cv", "digital_hjelp"),
    "okonomi": ("praktisk_hjelp", "digital_hjelp"),
    "rettigheter": ("folge_moter", "digital_hjelp"),
    "bolig": ("praktisk_hjelp",),
    "fysisk_helse": ("trening", "tur_friluft"),
    "psykisk_helse": ("kafe_prat", "tur_friluft"),
    "rusmestring": ("folge_moter", "kafe_prat"),
    "nettverk": ("kafe_prat", "kultur_konsert"),
    "familie": ("matlaging", "praktisk_hjelp"),
    "fritid": ("kultur_konsert", "tur_friluft", "trening", "matlaging"),
    "rettssaker": ("folge_moter",),
}
# ... and the words in a tidgiver's skills (ferdigheter, yrke) that help with it.
FERDIGHETER_FOR_OMRADE = {
    "arbeid": ("cv", "rekrutt", "hr", "karriere", "personal", "lærer", "snekker", "håndverk"),
    "okonomi": ("økonomi", "regnskap", "bank", "revisor"),
    "rettigheter": ("jurist", "advokat", "nav", "saksbehandl"),
    "bolig": ("snekker", "håndverk", "elektriker", "maler", "rørlegger"),
    "fysisk_helse": ("trener", "sykepleier", "fysioterapeut", "idrett"),
    "psykisk_helse": ("psykolog", "sykepleier", "miljøarbeider"),
    "rusmestring": ("miljøarbeider", "erfaringskonsulent"),
    "nettverk": (),
    "familie": ("barnehage", "pedagog", "lærer"),
    "fritid": ("musiker", "kunstner", "grafisk", "kokk"),
    "rettssaker": ("jurist", "advokat"),
}

NORSK = "norsk"


@dataclass(frozen=True)
class Mal:
    """A hovedmål the person agreed a tidgiver may help with."""

    livsomrade: str
    navn: str  # the words the page shows (the goal in the person's words, or the area's name)


@dataclass(frozen=True)
class Deltakerprofil:
    id: int
    senter_id: int
    kan_matches: bool  # followed up now, with a current consent to share with a tidgiver
    fodselsaar: int = 0
    interesser: frozenset = frozenset()
    mal: tuple = ()  # Mal, the hovedmål a tidgiver may help with
    tilgjengelighet: frozenset = frozenset()
    sted: str = ""
    sprak: frozenset = frozenset()
    onsket_kjonn: str = ""  # "" = no wish
    alder_fra: int | None = None
    alder_til: int | None = None
    erfaring: str = ""  # "" no wish, "onsket", "ikke_onsket"
    darlige: frozenset = frozenset()  # tidgivere an earlier match with ended as "dårlig match"
    pagaende: frozenset = frozenset()  # tidgivere the person has a match going on with


@dataclass(frozen=True)
class Tidgiverprofil:
    id: int
    senter_id: int
    mangler: tuple = ()  # what the gate says is missing, in sentences (empty: may be matched)
    kapasitet: int = 1
    last: int = 0  # matches going on now
    fodselsaar: int = 0
    kjonn: str = ""
    interesser: frozenset = frozenset()
    aktiviteter: frozenset = frozenset()
    ferdigheter: tuple = ()  # lower-case words (skills and occupation)
    tilgjengelighet: frozenset = frozenset()
    sted: str = ""
    sprak: frozenset = frozenset()
    erfaringskompetanse: bool = False
    erfaring_kjent: bool = False

    @property
    def ledig(self):
        return max(self.kapasitet - self.last, 0)


@dataclass(frozen=True)
class Kriterium:
    navn: str
    poeng: int
    forklaring: str


@dataclass
class Vurdering:
    deltaker_id: int
    tidgiver_id: int
    hindringer: list = field(default_factory=list)  # hard rules broken: excluded when not empty
    kriterier: list = field(default_factory=list)  # Kriterium, one per soft criterion

    @property
    def poeng(self):
        return sum(k.poeng for k in self.kriterier)

    @property
    def mulig(self):
        return not self.hindringer


# ---------------------------------------------------------------------------
# One pair
# ---------------------------------------------------------------------------


def hindringer(d, t):
    """The hard rules the pair breaks, in words (empty: the pair may be matched)."""
    grunner = []
    if d.senter_id != t.senter_id:
        grunner.append("Tidgiveren hører til et annet senter.")
    if not d.kan_matches:
        grunner.append("Deltakeren følges ikke opp nå eller har ikke et gjeldende samtykke til å dele med tidgiver.")
    if t.mangler:
        grunner.extend(t.mangler)  # the gate's own sentences (services.kan_matches)
    if t.id in d.pagaende:
        grunner.append("De to har allerede en kobling.")
    elif t.ledig <= 0:
        grunner.append(f"Tidgiveren har ingen ledig plass ({t.last} av {t.kapasitet}).")
    if t.id in d.darlige:
        grunner.append("En tidligere kobling mellom de to ble avsluttet som dårlig match.")
    return grunner


def _liste(koder, navn):
    return ", ".join(sorted(navn.get(k, k).lower() for k in koder))


def _steddeler(tekst):
    """'Oslo / Grünerløkka' -> ('oslo', 'grünerløkka'); 'Bergen' -> ('bergen', '')."""
    for skille in ("/", ",", " - "):
        if skille in tekst:
            kommune, bydel = tekst.split(skille, 1)
            return kommune.strip().lower(), bydel.strip().lower()
    return tekst.strip().lower(), ""


def _mal_mott(mal, t):
    aktiviteter = t.aktiviteter & set(HJELP_FOR_OMRADE.get(mal.livsomrade, ()))
    if aktiviteter:
        return _liste(aktiviteter, AKTIVITET_NAVN)
    ord_ = FERDIGHETER_FOR_OMRADE.get(mal.livsomrade, ())
    treff = [f for f in t.ferdigheter if any(o in f for o in ord_)]
    return ", ".join(sorted(treff))


def vurder(d, t, *, aar):
    """The pair's hard-rule breaches and its soft criteria with points and words. `aar`: this year (for ages)."""
    v = Vurdering(d.id, t.id, hindringer=hindringer(d, t))
    k = v.kriterier.append

    felles = d.interesser & t.interesser
    antall = min(len(felles), VEKTER["interesse_maks"])
    if felles:
        k(Kriterium("Interesser", antall * VEKTER["interesse"], "Felles interesser: " + _liste(felles, AKTIVITET_NAVN)))
    elif not d.interesser:
        k(Kriterium("Interesser", 0, "Deltakeren har ikke oppgitt interesser."))
    else:
        k(Kriterium("Interesser", 0, "Ingen felles interesser."))

    motte = [(mal, hva) for mal in d.mal if (hva := _mal_mott(mal, t))]
    if motte:
        tekst = "; ".join(f"«{mal.navn}» ({hva})" for mal, hva in motte)
        poeng = min(len(motte), VEKTER["hovedmal_maks"]) * VEKTER["hovedmal"]
        k(Kriterium("Hovedmål", poeng, "Kan hjelpe med " + tekst))
    elif d.mal:
        k(Kriterium("Hovedmål", 0, "Tilbyr ikke noe som svarer til hovedmålene deltakeren vil ha hjelp med."))
    else:
        k(Kriterium("Hovedmål", 0, "Ingen hovedmål deltakeren har sagt at en tidgiver kan hjelpe med."))

    tider = d.tilgjengelighet & t.tilgjengelighet
    if not d.tilgjengelighet or not t.tilgjengelighet:
        k(Kriterium("Tid", 0, "Når de kan, er ikke oppgitt for begge."))
    elif tider:
        rekkefolge = list(TID_NAVN)
        vist = [TID_NAVN[x].lower() for x in sorted(tider, key=rekkefolge.index)]
        tekst = ", ".join(vist[:4]) + (f" og {len(vist) - 4} til" if len(vist) > 4 else "")
        k(Kriterium("Tid", min(len(tider), VEKTER["tid_maks"]) * VEKTER["tid"], f"Begge kan {tekst}"))
    else:
        k(Kriterium("Tid", 0, "Ingen felles tidspunkt."))

    ds, ts = _steddeler(d.sted), _steddeler(t.sted)
    if not ds[0] or not ts[0]:
        k(Kriterium("Sted", 0, "Kommune/bydel er ikke oppgitt for begge."))
    elif ds == ts:
        k(Kriterium("Sted", VEKTER["samme_sted"], "Samme kommune/bydel"))
    elif ds[0] == ts[0]:
        k(Kriterium("Sted", VEKTER["naer"], "Samme kommune, ulik bydel"))
    else:
        k(Kriterium("Sted", 0, "Ulik kommune"))

    sprak = d.sprak & t.sprak
    if not d.sprak or not t.sprak:
        k(Kriterium("Språk", 0, "Språk er ikke oppgitt for begge."))
    elif sprak - {NORSK}:
        k(Kriterium("Språk", VEKTER["felles_sprak"], "Felles språk: " + _liste(sprak - {NORSK}, SPRAK_NAVN)))
    elif sprak:
        k(Kriterium("Språk", 0, "Felles språk: norsk"))
    else:
        k(Kriterium("Språk", VEKTER["ikke_felles_sprak"], "Ingen felles språk"))

    if d.onsket_kjonn:
        if t.kjonn == d.onsket_kjonn:
            k(Kriterium("Ønsket kjønn", VEKTER["kjonn_ja"], "Tidgiveren har kjønnet deltakeren ønsket"))
        else:
            k(Kriterium("Ønsket kjønn", VEKTER["kjonn_nei"], "Deltakeren ønsket en tidgiver av et annet kjønn"))
    if d.alder_fra is not None or d.alder_til is not None:
        alder = aar - t.fodselsaar
        fra, til = d.alder_fra or 0, d.alder_til or 200
        if fra <= alder <= til:
            k(Kriterium("Ønsket alder", VEKTER["alder_ja"], f"{alder} år, innenfor ønsket alder"))
        else:
            k(Kriterium("Ønsket alder", VEKTER["alder_nei"], f"{alder} år, utenfor ønsket alder"))
    if d.erfaring == "onsket":
        if t.erfaringskompetanse and t.erfaring_kjent:
            k(Kriterium("Erfaringskompetanse", VEKTER["erfaring_ja"], "Har erfaringskompetanse, som ønsket"))
        else:
            k(Kriterium("Erfaringskompetanse", 0, "Deltakeren ønsket erfaringskompetanse; tidgiveren har det ikke"))
    elif d.erfaring == "ikke_onsket":
        if t.erfaringskompetanse:
            k(Kriterium("Erfaringskompetanse", VEKTER["erfaring_nei"], "Deltakeren ønsket ikke erfaringskompetanse"))
        else:
            k(Kriterium("Erfaringskompetanse", 0, "Uten erfaringskompetanse, som ønsket"))

    poeng = round(VEKTER["ledig"] * t.ledig / t.kapasitet) if t.kapasitet else 0
    k(Kriterium("Kapasitet", poeng, f"Følger {t.last} av {t.kapasitet} mulige nå"))
    return v


def forslag(d, tidgivere, *, aar):
    """Every tidgiver for one deltaker, best first: (possible ones by score, then the excluded with reasons)."""
    vurderinger = [(vurder(d, t, aar=aar), t) for t in tidgivere]
    mulige = sorted((p for p in vurderinger if p[0].mulig), key=lambda p: (-p[0].poeng, p[1].id))
    utelukket = [p for p in vurderinger if not p[0].mulig]
    return mulige, utelukket


# ---------------------------------------------------------------------------
# The board
# ---------------------------------------------------------------------------


def poengmatrise(deltakere, tidgivere, *, aar):
    """Scores for every pair as one (deltakere x tidgivere) integer matrix, and a boolean matrix of the pairs
    the hard rules allow. The same numbers as `vurder(d, t).poeng`, computed array-wise (a test holds them
    equal), so the board for 1,000 x 500 takes well under a second."""
    n, m = len(deltakere), len(tidgivere)
    if not n or not m:
        return np.zeros((n, m), dtype=np.int64), np.zeros((n, m), dtype=bool)
    tid_index = {t.id: j for j, t in enumerate(tidgivere)}

    def en_hot(mengder, ordbok):
        a = np.zeros((len(mengder), len(ordbok)), dtype=np.int32)
        for i, mengde in enumerate(mengder):
            for kode in mengde:
                a[i, ordbok[kode]] = 1
        return a

    def ordbok(*grupper):
        koder = sorted({kode for gruppe in grupper for mengde in gruppe for kode in mengde})
        return {kode: i for i, kode in enumerate(koder)}

    # Interests, time slots and languages: shared counts by one matrix product each.
    interesser = ordbok([d.interesser for d in deltakere], [t.interesser for t in tidgivere])
    felles_int = (
        en_hot([d.interesser for d in deltakere], interesser) @ en_hot([t.interesser for t in tidgivere], interesser).T
    )
    poeng = np.minimum(felles_int, VEKTER["interesse_maks"]).astype(np.int64) * VEKTER["interesse"]

    tider = ordbok([d.tilgjengelighet for d in deltakere], [t.tilgjengelighet for t in tidgivere])
    felles_tid = (
        en_hot([d.tilgjengelighet for d in deltakere], tider) @ en_hot([t.tilgjengelighet for t in tidgivere], tider).T
    )
    poeng += np.minimum(felles_tid, VEKTER["tid_maks"]) * VEKTER["tid"]

    sprak = ordbok([d.sprak for d in deltakere], [t.sprak for t in tidgivere])
    dsp, tsp = en_hot([d.sprak for d in deltakere], sprak), en_hot([t.sprak for t in tidgivere], sprak)
    felles_sprak = dsp @ tsp.T
    if NORSK in sprak:
        dsp[:, sprak[NORSK]] = 0
    felles_utenom_norsk = dsp @ tsp.T
    begge_har = np.outer([bool(d.sprak) for d in deltakere], [bool(t.sprak) for t in tidgivere])
    poeng += np.where(begge_har & (felles_utenom_norsk > 0), VEKTER["felles_sprak"], 0)
    poeng += np.where(begge_har & (felles_sprak == 0), VEKTER["ikke_felles_sprak"], 0)

    # Hovedmål: which goals each tidgiver meets (a goal's livsområde against activities and skills), summed per
    # person. Goals are few per person; tidgivere are grouped by what they offer.
    alle_mal = sorted({mal.livsomrade for d in deltakere for mal in d.mal})
    if alle_mal:
        treff = np.zeros((len(alle_mal), m), dtype=np.int64)  # area x tidgiver: 1 if met
        for j, t in enumerate(tidgivere):
            for a, omrade in enumerate(alle_mal):
                treff[a, j] = 1 if _mal_mott(Mal(omrade, ""), t) else 0
        omrade_index = {o: a for a, o in enumerate(alle_mal)}
        per_deltaker = np.zeros((n, len(alle_mal)), dtype=np.int64)  # goals per person per area
        for i, d in enumerate(deltakere):
            for mal in d.mal:
                per_deltaker[i, omrade_index[mal.livsomrade]] += 1
        poeng += np.minimum(per_deltaker @ treff, VEKTER["hovedmal_maks"]) * VEKTER["hovedmal"]

    # Place: same kommune/bydel, or the same kommune.
    steder = {}
    dsted = [_steddeler(d.sted) for d in deltakere]
    tsted = [_steddeler(t.sted) for t in tidgivere]
    for s in dsted + tsted:
        steder.setdefault(s, len(steder))
    kommuner = {}
    for s in dsted + tsted:
        kommuner.setdefault(s[0], len(kommuner))
    d_s = np.array([steder[s] if s[0] else -1 for s in dsted])
    t_s = np.array([steder[s] if s[0] else -2 for s in tsted])
    d_k = np.array([kommuner[s[0]] if s[0] else -1 for s in dsted])
    t_k = np.array([kommuner[s[0]] if s[0] else -2 for s in tsted])
    samme_sted = d_s[:, None] == t_s[None, :]
    samme_kommune = d_k[:, None] == t_k[None, :]
    poeng += np.where(samme_sted, VEKTER["samme_sted"], np.where(samme_kommune, VEKTER["naer"], 0))

    # The deltaker's wishes.
    t_kjonn = np.array([t.kjonn for t in tidgivere], dtype=object)
    t_alder = np.array([aar - t.fodselsaar for t in tidgivere])
    t_erfaring = np.array([t.erfaringskompetanse for t in tidgivere])
    t_erfaring_kjent = np.array([t.erfaringskompetanse and t.erfaring_kjent for t in tidgivere])
    for i, d in enumerate(deltakere):
        if d.onsket_kjonn:
            poeng[i] += np.where(t_kjonn == d.onsket_kjonn, VEKTER["kjonn_ja"], VEKTER["kjonn_nei"])
        if d.alder_fra is not None or d.alder_til is not None:
            fra, til = d.alder_fra or 0, d.alder_til or 200
            poeng[i] += np.where((t_alder >= fra) & (t_alder <= til), VEKTER["alder_ja"], VEKTER["alder_nei"])
        if d.erfaring == "onsket":
            poeng[i] += np.where(t_erfaring_kjent, VEKTER["erfaring_ja"], 0)
        elif d.erfaring == "ikke_onsket":
            poeng[i] += np.where(t_erfaring, VEKTER["erfaring_nei"], 0)

    # Load.
    poeng += np.array(
        [round(VEKTER["ledig"] * t.ledig / t.kapasitet) if t.kapasitet else 0 for t in tidgivere], dtype=np.int64
    )[None, :]

    # Hard rules.
    d_senter = np.array([d.senter_id for d in deltakere])
    t_senter = np.array([t.senter_id for t in tidgivere])
    mulig = d_senter[:, None] == t_senter[None, :]
    mulig &= np.array([d.kan_matches for d in deltakere])[:, None]
    mulig &= np.array([not t.mangler and t.ledig > 0 for t in tidgivere])[None, :]
    for i, d in enumerate(deltakere):
        for tid in d.darlige | d.pagaende:
            if tid in tid_index:
                mulig[i, tid_index[tid]] = False
    return poeng, mulig


@dataclass
class Tavle:
    par: list  # (deltaker index, tidgiver index, score), the proposal
    total: int
    gradig_par: list
    gradig_total: int

    @property
    def forsprang(self):
        """How many points better the optimal proposal is than picking greedily."""
        return self.total - self.gradig_total


def optimal(poeng, mulig, ledig):
    """The assignment maximising the total score: each row at most once, column j at most ledig[j] times.

    Columns are expanded by capacity (a tidgiver with two free places is two columns) and
    `linear_sum_assignment` solves the rectangular problem. Pairs that are not allowed or score 0 or less get
    gain 0, so choosing them is never better than leaving the person waiting; they are dropped afterwards.
    """
    n, m = poeng.shape
    kolonner = np.repeat(np.arange(m), np.asarray(ledig, dtype=np.int64)) if m else np.zeros(0, dtype=np.int64)
    if n == 0 or len(kolonner) == 0:
        return []
    gevinst = np.where(mulig & (poeng > 0), poeng, 0)[:, kolonner]
    rader, kol = linear_sum_assignment(gevinst, maximize=True)
    return [
        (int(i), int(kolonner[c]), int(poeng[i, kolonner[c]]))
        for i, c in zip(rader, kol, strict=True)
        if gevinst[i, c] > 0
    ]


def gradig(poeng, mulig, ledig):
    """Picking greedily: the best-scoring allowed pair first, then the best of what is left, and so on."""
    n, m = poeng.shape
    if n == 0 or m == 0:
        return []
    igjen = [int(x) for x in ledig]
    plasser = sum(igjen)
    gevinst = np.where(mulig & (poeng > 0), poeng, 0).ravel()
    kandidater = np.flatnonzero(gevinst)
    rekkefolge = kandidater[np.argsort(-gevinst[kandidater], kind="stable")].tolist()
    tatt = set()
    par = []
    for indeks in rekkefolge:
        i, j = divmod(indeks, m)
        if i in tatt or igjen[j] <= 0:
            continue
        tatt.add(i)
        igjen[j] -= 1
        par.append((i, j, int(poeng[i, j])))
        plasser -= 1
        if plasser == 0 or len(tatt) == n:
            break
    return par


def tavle(deltakere, tidgivere, *, aar, avvist=()):
    """The board: the optimal proposal for everyone waiting x every tidgiver with free capacity, beside greedy.
    `avvist`: pairs (deltaker id, tidgiver id) the coordinator rejected, left out of this proposal."""
    poeng, mulig = poengmatrise(deltakere, tidgivere, aar=aar)
    if avvist:
        d_index = {d.id: i for i, d in enumerate(deltakere)}
        t_index = {t.id: j for j, t in enumerate(tidgivere)}
        for d_id, t_id in avvist:
            if d_id in d_index and t_id in t_index:
                mulig[d_index[d_id], t_index[t_id]] = False
    ledig = [t.ledig if not t.mangler else 0 for t in tidgivere]
    beste = optimal(poeng, mulig, ledig)
    gradige = gradig(poeng, mulig, ledig)
    return Tavle(
        par=beste,
        total=sum(p for _, _, p in beste),
        gradig_par=gradige,
        gradig_total=sum(p for _, _, p in gradige),
    )
