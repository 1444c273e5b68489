"""Reads about one person that are more than a filter: the participant page's boxes and timeline.

Every query here goes through the scoped managers and is limited to the already-fetched
deltaker; the caller fetched the person through `hent_deltaker`. What the apps above add comes
through the slots and the timeline signal in `deltakere.signals`.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from . import signals
from .models import (
    Kontaktpersonendring,
    Nettverkskontakt,
    Samtykke,
    Senter,
    Situasjonsendring,
    Status,
    Statusendring,
)


@dataclass
class Hendelse:
    """One line of the participant's timeline ("Tidslinje")."""

    dato: date
    tittel: str
    detaljer: list = field(default_factory=list)  # short lines of text, shown under the title
    tidspunkt: datetime | None = None  # orders the events of one day; aware
    type: str = ""  # status, situasjon, kontaktperson, samtykke, or the contributing app's own word
    av: str = ""  # who registered it
    html: str = ""  # rendered details from an app (shown instead of `detaljer`); safe HTML
    lenke: str = ""  # where the event is handled or shown in full
    typenavn: str = ""  # the kind in words, for the timeline's filter (default: `type`, capitalised)

    @property
    def typevisning(self):
        return self.typenavn or self.type.capitalize()


_TIDLIGST = datetime.min.replace(tzinfo=UTC)


def _dato(d):
    return date_format(d, "j. F Y")


def _navn(bruker):
    return bruker.navn if bruker else ""


def siste(rader):
    """The latest of dated rows: by date, then by the time it was entered (then by id)."""
    return max(rader, key=lambda r: (r.dato, r.registrert, r.pk), default=None)


def statusendringer(deltaker):
    """Newest first."""
    return list(Statusendring.objects.filter(deltaker=deltaker).select_related("registrert_av"))


def samtykker(deltaker):
    """All consents, given and withdrawn, newest first within each type."""
    return list(Samtykke.objects.filter(deltaker=deltaker).select_related("gjelder", "registrert_av"))


def nettverk(deltaker):
    """The person's network, active first, each with `kan_kontaktes`: an active consent names that contact."""
    # The person's own active consent naming the contact (never another person's, even if a row says so).
    samtykke_til_kontakt = Samtykke.objects.filter(
        gjelder=OuterRef("pk"), deltaker=OuterRef("deltaker"), trukket__isnull=True
    )
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
    return Samtykke.objects.filter(deltaker=deltaker).deler_med_tidgiver().order_by("-dato").first()


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
            f"Andre kontakt: {_navn(rad.andrekontakt) or 'ingen'}",
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


def tidslinje(request, deltaker, *, endringer=None, alle_samtykker=None, situasjon=None, kontaktpersoner=None):
    """Everything dated about the person, newest first, in a fixed number of queries.

    Status changes, situation changes, contact-person changes, consents given and
    withdrawn, and the events the apps above add (`signals.sak_tidslinje`). Lists the
    caller has already fetched may be passed in, so the page does not read them twice.
    """
    if endringer is None:
        endringer = statusendringer(deltaker)
    if alle_samtykker is None:
        alle_samtykker = samtykker(deltaker)
    if situasjon is None:
        situasjon = Situasjonsendring.objects.filter(deltaker=deltaker).select_related("registrert_av")
    if kontaktpersoner is None:
        kontaktpersoner = Kontaktpersonendring.objects.filter(deltaker=deltaker).select_related(
            "primaerkontakt", "andrekontakt", "registrert_av"
        )
    hendelser = [_statushendelse(e) for e in endringer]
    hendelser += _situasjonshendelser(list(situasjon))
    hendelser += _kontaktpersonhendelser(list(kontaktpersoner))
    for s in alle_samtykker:
        hendelser += _samtykkehendelser(s)
    for fra_app in signals.svar_i_rekkefolge(signals.sak_tidslinje, request=request, deltaker=deltaker):
        hendelser += fra_app or []
    hendelser.sort(key=lambda h: (h.dato, h.tidspunkt or _TIDLIGST), reverse=True)
    return hendelser


def sakoversikt(request, deltaker):
    """Everything the full participant page shows besides the person's own fields, the apps' slots included."""
    endringer = statusendringer(deltaker)
    alle_samtykker = samtykker(deltaker)
    slutt = avslutning(deltaker, endringer)
    kontakter = nettverk(deltaker)
    situasjon = list(Situasjonsendring.objects.filter(deltaker=deltaker).select_related("registrert_av"))
    kontaktpersoner = list(
        Kontaktpersonendring.objects.filter(deltaker=deltaker).select_related(
            "primaerkontakt", "andrekontakt", "registrert_av"
        )
    )
    return {
        "satt_av": {
            **satt_av(deltaker),
            "status": _rad_satt_av(siste(endringer)),
            "situasjon": _rad_satt_av(siste(situasjon)),
            "kontaktpersoner": _rad_satt_av(siste(kontaktpersoner)),
        },
        "redigerbar": not deltaker.er_overfort,
        "samtykkeoversikt": samtykkeoversikt(alle_samtykker),
        "nettverk": kontakter,
        "nettverk_grupper": [
            ("Pårørende", [k for k in kontakter if k.er_parorende]),
            ("Samarbeidspartnere", [k for k in kontakter if not k.er_parorende]),
        ],
        "avslutning": slutt,
        "apen_dor_pagar": bool(slutt and slutt.apen_dor_til and slutt.apen_dor_til >= timezone.localdate()),
        "plass_overst": signals.plass_html("sak_overst", request, deltaker),
        "plass_avtaler_og_kontakt": signals.plass_html("sak_avtaler_og_kontakt", request, deltaker),
        "plass_seksjoner": signals.plass_html("sak_seksjoner", request, deltaker),
        "tidslinje": tidslinje(
            request,
            deltaker,
            endringer=endringer,
            alle_samtykker=alle_samtykker,
            situasjon=situasjon,
            kontaktpersoner=kontaktpersoner,
        ),
        "overfort_fra_senter": overfort_fra_senter(deltaker),
    }


# ---------------------------------------------------------------------------
# The installation checks itself: current values against the latest dated row
# ---------------------------------------------------------------------------


@dataclass
class Historikkavvik:
    deltaker_id: int
    senter_id: int
    hva: str  # "status", "situasjon", "kontaktpersoner"
    gjeldende: str
    siste: str
    dato: date


def _siste_rad(modell, *felter):
    """Subquery annotations: the given fields of the person's latest row of `modell` (by date, then entry)."""
    siste = modell.objects.filter(deltaker=OuterRef("pk")).order_by("-dato", "-registrert", "-pk")
    return {f"siste_{felt}": Subquery(siste.values(felt)[:1]) for felt in felter}


def historikkavvik():
    """Every person whose current status, situation or contact persons differ from their latest dated row.

    Three queries whatever the number of people; used by `manage.py sjekk_historikk` and the tests.
    """
    from .models import SITUASJONSFELTER, Deltaker

    kontroller = [
        ("status", Statusendring, {"status": "til_status", "status_fra": "dato"}),
        ("situasjon", Situasjonsendring, {felt: felt for felt in SITUASJONSFELTER}),
        (
            "kontaktpersoner",
            Kontaktpersonendring,
            {"primaerkontakt_id": "primaerkontakt_id", "andrekontakt_id": "andrekontakt_id"},
        ),
    ]
    for hva, modell, felter in kontroller:
        rader = (
            Deltaker.objects.annotate(**_siste_rad(modell, "dato", *felter.values()))
            .filter(siste_dato__isnull=False)
            .values("pk", "senter_id", "siste_dato", *felter, *(f"siste_{f}" for f in felter.values()))
            .order_by("pk")
        )
        for rad in rader.iterator():
            gjeldende = [rad[felt] for felt in felter]
            siste = [rad[f"siste_{f}"] for f in felter.values()]
            if gjeldende != siste:
                yield Historikkavvik(
                    rad["pk"], rad["senter_id"], hva, _vis_verdier(gjeldende), _vis_verdier(siste), rad["siste_dato"]
                )


def _vis_verdier(verdier):
    return ", ".join("–" if v in (None, "") else str(v) for v in verdier)


# ---------------------------------------------------------------------------
# Who set each current value, and when ("Aktiv siden 27. juni 2026, satt av Tor Vik")
# ---------------------------------------------------------------------------


@dataclass
class SattAv:
    tidspunkt: datetime
    av: str


# The person's own fields whose author the participant page shows beside the value.
PERSONALIA_MED_HISTORIKK = [
    "fornavn", "etternavn", "kallenavn", "fodselsaar", "fodselsdato", "fodselsnummer", "kjonn", "telefon", "epost",
    "kontaktform", "interesser", "henvisning_kilde", "henvisning_dato", "henvisende_instans",
    "henvisning_kontaktperson", "henvisning_notat", "samarbeidsavtale_signert", "samarbeidsavtale_notat",
]  # fmt: skip


def satt_av(deltaker, felter=PERSONALIA_MED_HISTORIKK):
    """For each field: the change-history entry that gave it its current value (one query).

    Walks the person's history newest first; a field's value was set by the newest entry whose
    value differs from the entry before it (or by the first entry, the registration).
    """
    historikk = list(
        deltaker.history.order_by("-history_date", "-history_id").values("history_date", "history_user__navn", *felter)
    )
    svar = {}
    for felt in felter:
        for i, rad in enumerate(historikk):
            forrige = historikk[i + 1] if i + 1 < len(historikk) else None
            if forrige is None or forrige[felt] != rad[felt]:
                svar[felt] = SattAv(rad["history_date"], rad["history_user__navn"] or "")
                break
    return svar


def _rad_satt_av(rad):
    return SattAv(rad.registrert, _navn(rad.registrert_av)) if rad else None
