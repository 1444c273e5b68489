"""Reads about one person that are more than a filter: the participant page's boxes and timeline.

Every query here goes through the scoped managers and is limited to the already-fetched
deltaker; the caller fetched the person through `hent_deltaker`.

`SAK_BIDRAG` is the extension point for the apps above the register (deltakere may not import
them): an app registers a callable with `registrer_sakbidrag(fn)`, typically in its
AppConfig.ready(). `fn(deltaker)` returns a dict with any of these keys:

- "neste_avtale": {"tidspunkt": an aware datetime, "tekst": a short text}
- "siste_kontakt": a date
- "hendelser": a list of `Hendelse` (or dicts with Hendelse's fields) for the timeline

The callable must run a bounded number of queries (not one per row).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format

from .models import (
    Kontaktpersonendring,
    Nettverkskontakt,
    Samtykke,
    Senter,
    Situasjonsendring,
    Status,
    StatusEndring,
)

SAK_BIDRAG = []


def registrer_sakbidrag(fn):
    """Let `fn(deltaker)` add to the participant page (see the module docstring). Usable as a decorator."""
    if fn not in SAK_BIDRAG:
        SAK_BIDRAG.append(fn)
    return fn


@dataclass
class Hendelse:
    """One line of the participant's timeline ("Tidslinje")."""

    dato: date
    tittel: str
    detaljer: list = field(default_factory=list)  # short lines of text, shown under the title
    tidspunkt: datetime | None = None  # orders the events of one day; aware
    type: str = ""  # status, situasjon, kontaktperson, samtykke, or the contributing app's own word
    av: str = ""  # who registered it


_TIDLIGST = datetime.min.replace(tzinfo=UTC)


def _dato(d):
    return date_format(d, "j. F Y")


def _navn(bruker):
    return bruker.navn if bruker else ""


def sakbidrag(deltaker):
    """What the registered apps add: the earliest next appointment, the latest contact, their events."""
    neste_avtale, siste_kontakt, hendelser = None, None, []
    for fn in SAK_BIDRAG:
        bidrag = fn(deltaker) or {}
        avtale = bidrag.get("neste_avtale")
        if avtale and (neste_avtale is None or avtale["tidspunkt"] < neste_avtale["tidspunkt"]):
            neste_avtale = avtale
        kontakt = bidrag.get("siste_kontakt")
        if kontakt and (siste_kontakt is None or kontakt > siste_kontakt):
            siste_kontakt = kontakt
        hendelser += [h if isinstance(h, Hendelse) else Hendelse(**h) for h in bidrag.get("hendelser", [])]
    return {"neste_avtale": neste_avtale, "siste_kontakt": siste_kontakt, "hendelser": hendelser}


def statusendringer(deltaker):
    """Newest first."""
    return list(StatusEndring.objects.filter(deltaker=deltaker).select_related("registrert_av"))


def samtykker(deltaker):
    """All consents, given and withdrawn, newest first within each type."""
    return list(Samtykke.objects.filter(deltaker=deltaker).select_related("gjelder", "registrert_av"))


def nettverk(deltaker):
    """The person's network, active first, each with `kan_kontaktes`: an active consent names that contact."""
    samtykke_til_kontakt = Samtykke.objects.filter(gjelder=OuterRef("pk"), trukket__isnull=True)
    return list(
        Nettverkskontakt.objects.filter(deltaker=deltaker)
        .annotate(kan_kontaktes=Exists(samtykke_til_kontakt))
        .order_by("-aktiv", "rolle", "navn", "pk")
    )


@dataclass
class Samtykkestatus:
    """For one type of consent: the active ones, or else the latest withdrawn one."""

    type: Samtykke.Type
    aktive: list
    sist_trukket: Samtykke | None

    @property
    def tekst(self):
        if self.aktive:
            s = self.aktive[0]
            return f"Ja, {s.get_form_display().lower()} {_dato(s.dato)}"
        if self.sist_trukket:
            return f"Trukket {_dato(self.sist_trukket.trukket)}"
        return "Nei"


def samtykkeoversikt(alle_samtykker):
    """One row per Samtykke.Type, in the order of the type list."""
    rader = []
    for type_ in Samtykke.Type:
        av_typen = [s for s in alle_samtykker if s.type == type_]
        aktive = sorted((s for s in av_typen if s.trukket is None), key=lambda s: s.dato, reverse=True)
        trukne = sorted((s for s in av_typen if s.trukket is not None), key=lambda s: s.trukket, reverse=True)
        rader.append(Samtykkestatus(type_, aktive, trukne[0] if trukne else None))
    return rader


def tidgiversamtykke(deltaker):
    """The active consent to share information with a tidgiver, or None."""
    return (
        Samtykke.objects.filter(deltaker=deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER, trukket__isnull=True)
        .order_by("-dato")
        .first()
    )


def avslutning(deltaker, endringer):
    """The status change that ended the follow-up, when the person's status is avsluttet."""
    if deltaker.status != Status.AVSLUTTET:
        return None
    return next((e for e in endringer if e.til_status == Status.AVSLUTTET), None)


def overfort_fra_senter(deltaker):
    """The centre the person was transferred from (its name only: the old record is not ours to read)."""
    if deltaker.overfort_fra_id is None:
        return None
    return Senter.objects.filter(deltakere__pk=deltaker.overfort_fra_id).first()


# ---------------------------------------------------------------------------
# The timeline
# ---------------------------------------------------------------------------


def _statushendelse(e):
    til, fra = e.get_til_status_display(), e.get_fra_status_display()
    if e.til_status == Status.AVSLUTTET:
        tittel = "Oppfølgingen avsluttet"
    elif e.fra_status == Status.AVSLUTTET:
        tittel = f"Oppfølgingen gjenopptatt (status {til.lower()})"
    elif not e.fra_status:
        tittel = f"Registrert med status {til.lower()}"
    else:
        tittel = f"Status endret fra {fra.lower()} til {til.lower()}"
    detaljer = []
    if e.arsak:
        detaljer.append(f"Årsak: {e.get_arsak_display()}")
    if e.avslutningssamtale:
        detaljer.append(f"Avslutningssamtale: {_dato(e.avslutningssamtale)}")
    if e.apen_dor_til:
        detaljer.append(f"Åpen dør til: {_dato(e.apen_dor_til)}")
    if e.notat:
        detaljer.append(e.notat)
    return Hendelse(e.dato, tittel, detaljer, e.registrert, "status", _navn(e.registrert_av))


def _flagg(rad):
    flagg = []
    if rad.lar:
        flagg.append("i LAR")
    if rad.i_behandling:
        flagg.append("i behandling")
    if rad.soningsforhold:
        flagg.append(rad.get_soningsforhold_display())
    return ", ".join(flagg) or "ingen"


def _situasjonshendelser(rader):
    """Each row against the one before it: what changed."""
    hendelser, forrige = [], None
    for rad in sorted(rader, key=lambda r: (r.dato, r.registrert, r.pk)):
        if forrige is None:
            tittel = "Situasjon registrert"
            detaljer = [
                f"Bosituasjon: {rad.get_bosituasjon_display()}",
                f"Inntekt: {rad.get_inntekt_display()}",
                f"LAR, behandling og soning: {_flagg(rad)}",
            ]
        else:
            tittel = "Situasjonen endret"
            detaljer = []
            if rad.bosituasjon != forrige.bosituasjon:
                detaljer.append(f"Bosituasjon: {forrige.get_bosituasjon_display()} → {rad.get_bosituasjon_display()}")
            if rad.inntekt != forrige.inntekt:
                detaljer.append(f"Inntekt: {forrige.get_inntekt_display()} → {rad.get_inntekt_display()}")
            if _flagg(rad) != _flagg(forrige):
                detaljer.append(f"LAR, behandling og soning: {_flagg(forrige)} → {_flagg(rad)}")
            if not detaljer:
                tittel = "Situasjonen gjennomgått, uendret"
        hendelser.append(Hendelse(rad.dato, tittel, detaljer, rad.registrert, "situasjon", _navn(rad.registrert_av)))
        forrige = rad
    return hendelser


def _kontaktpersonhendelser(rader):
    hendelser = []
    for i, rad in enumerate(sorted(rader, key=lambda r: (r.dato, r.registrert, r.pk))):
        detaljer = [
            f"Primærkontakt: {_navn(rad.primaerkontakt) or 'ingen'}",
            f"Andre kontakt: {_navn(rad.sekundaerkontakt) or 'ingen'}",
        ]
        tittel = "Kontaktpersoner satt" if i == 0 else "Kontaktpersoner byttet"
        hendelser.append(
            Hendelse(rad.dato, tittel, detaljer, rad.registrert, "kontaktperson", _navn(rad.registrert_av))
        )
    return hendelser


def _samtykkehendelser(s):
    detaljer = []
    if s.gjelder_id:
        detaljer.append(f"Gjelder: {s.gjelder.navn}" + (f" ({s.gjelder.relasjon})" if s.gjelder.relasjon else ""))
    gitt_detaljer = [f"Gitt {s.get_form_display().lower()}", *detaljer]
    if s.omfang:
        gitt_detaljer.append(f"Omfang: {s.omfang}")
    hendelser = [
        Hendelse(
            s.dato,
            f"Samtykke gitt: {s.get_type_display()}",
            gitt_detaljer,
            s.registrert,
            "samtykke",
            _navn(s.registrert_av),
        )
    ]
    if s.trukket:
        hendelser.append(Hendelse(s.trukket, f"Samtykke trukket: {s.get_type_display()}", detaljer, None, "samtykke"))
    return hendelser


def tidslinje(deltaker, *, endringer=None, alle_samtykker=None, bidrag=None):
    """Everything dated about the person, newest first, in a fixed number of queries.

    Status changes, situation changes, contact-person changes, consents given and
    withdrawn, and the events the registered apps contribute (SAK_BIDRAG). Lists the
    caller has already fetched may be passed in, so the page does not read them twice.
    """
    if endringer is None:
        endringer = statusendringer(deltaker)
    if alle_samtykker is None:
        alle_samtykker = samtykker(deltaker)
    if bidrag is None:
        bidrag = sakbidrag(deltaker)
    situasjon = Situasjonsendring.objects.filter(deltaker=deltaker).select_related("registrert_av")
    kontaktpersoner = Kontaktpersonendring.objects.filter(deltaker=deltaker).select_related(
        "primaerkontakt", "sekundaerkontakt", "registrert_av"
    )
    hendelser = [_statushendelse(e) for e in endringer]
    hendelser += _situasjonshendelser(list(situasjon))
    hendelser += _kontaktpersonhendelser(list(kontaktpersoner))
    for s in alle_samtykker:
        hendelser += _samtykkehendelser(s)
    hendelser += bidrag["hendelser"]
    hendelser.sort(key=lambda h: (h.dato, h.tidspunkt or _TIDLIGST), reverse=True)
    return hendelser


def sakoversikt(deltaker):
    """Everything the full participant page shows besides the person's own fields."""
    endringer = statusendringer(deltaker)
    alle_samtykker = samtykker(deltaker)
    bidrag = sakbidrag(deltaker)
    slutt = avslutning(deltaker, endringer)
    kontakter = nettverk(deltaker)
    return {
        "redigerbar": not deltaker.er_overfort,
        "samtykkeoversikt": samtykkeoversikt(alle_samtykker),
        "nettverk": kontakter,
        "nettverk_grupper": [
            ("Pårørende", [k for k in kontakter if k.er_parorende]),
            ("Samarbeidspartnere", [k for k in kontakter if not k.er_parorende]),
        ],
        "avslutning": slutt,
        "apen_dor_pagar": bool(slutt and slutt.apen_dor_til and slutt.apen_dor_til >= timezone.localdate()),
        "neste_avtale": bidrag["neste_avtale"],
        "siste_kontakt": bidrag["siste_kontakt"],
        "tidslinje": tidslinje(deltaker, endringer=endringer, alle_samtykker=alle_samtykker, bidrag=bidrag),
        "overfort_fra_senter": overfort_fra_senter(deltaker),
    }
