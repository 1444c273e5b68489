"""Min oversikt, "who needs me today": the reads behind the start page, in a fixed number of queries whatever
the caseload.

For a veileder or sosionom: their own people (primærkontakt or andre kontakt) with the days since last contact
(flagged above the centre's threshold), today's and this week's appointments, kartlegginger due, plans past
their evaluation date, overdue tiltak, their open tasks, drafts not yet saved, and a leder's comments they have
not read. For a leder: the same for the whole centre (counts, and the first few of each), the week's totals, and
the people nobody has contacted for longest.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone

from deltakere.models import Deltaker, Rolle, Status
from deltakere.scoping import deltakere_for

from . import selectors
from .models import (
    KONTAKT,
    Avtale,
    Oppgave,
    Samtale,
    Senterinnstillinger,
    Tiltak,
    Tiltaksplan,
    Utkast,
    Veiledningskommentar,
)

VIS = 15  # how many of each list a leder sees (the counts tell the rest)


@dataclass
class Person:
    deltaker: Deltaker
    siste_kontakt: datetime | None
    dager: int | None
    flagget: bool
    rolle: str = ""  # "primærkontakt", "andre kontakt", or "" for a leder's view


@dataclass
class Oversikt:
    leder: bool
    personer: list = field(default_factory=list)  # Person, longest since contact first
    antall_personer: int = 0
    antall_flagget: int = 0
    terskel: int = 30
    avtaler_idag: list = field(default_factory=list)
    avtaler_uka: list = field(default_factory=list)
    antall_avtaler_uka: int = 0
    kartlegging_forfalt: list = field(default_factory=list)  # (deltaker, Forfall)
    antall_kartlegging_forfalt: int = 0
    planer_passert: list = field(default_factory=list)
    antall_planer_passert: int = 0
    forfalte_tiltak: list = field(default_factory=list)  # (deltaker, count)
    antall_forfalte_tiltak: int = 0
    oppgaver: list = field(default_factory=list)
    utkast: list = field(default_factory=list)
    kommentarer: list = field(default_factory=list)
    uka: dict = field(default_factory=dict)  # the week's totals, for a leder
    lengst_siden: list = field(default_factory=list)  # Person, for a leder


class _Dato(NamedTuple):
    dato: date


@dataclass
class _Kort:
    """What the kartlegging schedule needs of a person followed up (never a transferred record: those are ended)."""

    pk: int
    status: str
    status_fra: object
    henvisning_dato: object
    forste: object = None
    siste: object = None
    er_overfort: bool = False


def _uke(idag):
    start = idag - timedelta(days=idag.weekday())
    return start, start + timedelta(days=7)


def _aware(dag):
    return timezone.make_aware(datetime.combine(dag, time.min))


def lag(request, senter):
    """Min oversikt for the signed-in user at `senter` (the centre they work in now)."""
    idag = timezone.localdate()
    bruker = request.user
    leder = any(m.senter_id == senter.pk and m.rolle == Rolle.LEDER for m in request.medlemskap)
    innstillinger = Senterinnstillinger.objects.filter(senter=senter).first() or Senterinnstillinger(senter=senter)
    oversikt = Oversikt(leder=leder, terskel=innstillinger.terskel)

    folges_opp = deltakere_for(request).filter(senter=senter).exclude(status=Status.AVSLUTTET)
    if not leder:
        folges_opp = folges_opp.filter(Q(primaerkontakt=bruker) | Q(andrekontakt=bruker))
    # A leder's centre may follow up thousands: the counts come from the database, and only the people a list
    # shows are loaded. A veileder's or sosionom's own people are all shown.
    annotert = folges_opp.annotate(siste=selectors.siste_kontakt_subquery()).order_by(
        F("siste").asc(nulls_first=True), "etternavn", "fornavn", "pk"
    )
    if leder:
        # One pass over the centre's people as plain (id, last contact) pairs gives both counts and the order;
        # only the first few are loaded.
        grense = _aware(idag - timedelta(days=oversikt.terskel))  # more than `terskel` whole days ago
        rader = list(annotert.values_list("pk", "siste"))
        tall = {"antall": len(rader), "flagget": sum(1 for _, siste in rader if siste is None or siste < grense)}
        viste = list(annotert.filter(pk__in=[pk for pk, _ in rader[:VIS]]))
    else:
        viste = list(annotert)
    for d in viste:
        dager = selectors.dager_siden(d.siste, idag)
        flagget = dager is None or dager > oversikt.terskel
        rolle = "" if leder else ("primærkontakt" if d.primaerkontakt_id == bruker.pk else "andre kontakt")
        oversikt.personer.append(Person(d, d.siste, dager, flagget, rolle))
    if leder:
        oversikt.antall_personer, oversikt.antall_flagget = tall["antall"], tall["flagget"]
        oversikt.lengst_siden, oversikt.personer = oversikt.personer, []
    else:
        oversikt.antall_personer = len(viste)
        oversikt.antall_flagget = sum(1 for p in oversikt.personer if p.flagget)
    ids = folges_opp.values("pk")  # a subquery, whatever the number of people

    # Appointments: the user's own, or the whole centre's for a leder.
    start, slutt = _uke(idag)
    avtaler = Avtale.objects.filter(deltaker__senter=senter, status=Avtale.Status.PLANLAGT)
    if not leder:
        avtaler = avtaler.filter(med=bruker)
    avtaler = avtaler.select_related("deltaker", "med").order_by("tidspunkt", "pk")
    imorgen = _aware(idag + timedelta(days=1))
    oversikt.avtaler_idag = list(avtaler.filter(tidspunkt__gte=_aware(idag), tidspunkt__lt=imorgen))
    uka = avtaler.filter(tidspunkt__gte=imorgen, tidspunkt__lt=_aware(slutt))
    if leder:  # the rest of a whole centre's week: the first few, and how many
        oversikt.antall_avtaler_uka, oversikt.avtaler_uka = uka.count(), list(uka[:VIS])
    else:
        oversikt.avtaler_uka = list(uka)
        oversikt.antall_avtaler_uka = len(oversikt.avtaler_uka)

    # Kartlegginger due: what the schedule needs of each person, with their first and latest kartlegging, in
    # one query of plain values (no person is loaded for it).
    uker = selectors.kartleggingsplan(senter)
    forfalt = []
    for rad in (
        folges_opp.values("pk", "status", "status_fra", "henvisning_dato")
        .annotate(forste=Min("kartlegginger__dato"), siste=Max("kartlegginger__dato"))
        .order_by()
    ):
        alle = [] if rad["forste"] is None else [_Dato(rad["forste"]), _Dato(rad["siste"])]
        neste = selectors.neste_kartlegging(_Kort(**rad), alle, uker)
        if neste is not None and neste.dato <= idag:
            forfalt.append((rad["pk"], neste))
    forfalt.sort(key=lambda par: (par[1].dato, par[0]))
    oversikt.antall_kartlegging_forfalt = len(forfalt)
    forfalt = forfalt[:VIS] if leder else forfalt

    planer = Tiltaksplan.objects.filter(
        deltaker__in=ids, status=Tiltaksplan.Status.AKTIV, evalueringsdato__lt=idag
    ).select_related("deltaker").order_by("evalueringsdato", "pk")  # fmt: skip
    if leder:
        oversikt.antall_planer_passert, oversikt.planer_passert = planer.count(), list(planer[:VIS])
    else:
        oversikt.planer_passert = list(planer)
        oversikt.antall_planer_passert = len(oversikt.planer_passert)

    tiltak = list(
        Tiltak.objects.filter(
            delmal__hovedmal__plan__deltaker__in=ids,
            delmal__hovedmal__plan__status=Tiltaksplan.Status.AKTIV,
            status__in=[Tiltak.Status.IKKE_STARTET, Tiltak.Status.PAGAR],
            frist__lt=idag,
        )
        .values_list("delmal__hovedmal__plan__deltaker")
        .annotate(antall=Count("pk"))
        .order_by("-antall", "delmal__hovedmal__plan__deltaker")
    )
    oversikt.antall_forfalte_tiltak = sum(antall for _, antall in tiltak)
    tiltak = tiltak[:VIS] if leder else tiltak

    # The people those two lists name: already loaded for a veileder, one query for a leder's first few.
    etter_id = {d.pk: d for d in viste}
    mangler = {pk for pk, _ in forfalt + tiltak} - etter_id.keys()
    if mangler:
        etter_id |= deltakere_for(request).in_bulk(mangler)
    oversikt.kartlegging_forfalt = [(etter_id[pk], neste) for pk, neste in forfalt]
    oversikt.forfalte_tiltak = [(etter_id[pk], antall) for pk, antall in tiltak]

    oppgaver = Oppgave.objects.filter(senter=senter, ferdig__isnull=True).select_related("deltaker", "tildelt")
    if not leder:
        oppgaver = oppgaver.filter(tildelt=bruker)
    oversikt.oppgaver = list(oppgaver.order_by(F("frist").asc(nulls_last=True), "opprettet")[:VIS])

    oversikt.utkast = list(
        Utkast.objects.filter(bruker=bruker, deltaker__senter=senter).select_related("deltaker").order_by("-oppdatert")
    )
    oversikt.kommentarer = list(
        Veiledningskommentar.objects.filter(
            samtale__registrert_av=bruker, lest__isnull=True, samtale__deltaker__senter=senter
        )
        .select_related("samtale__deltaker", "skrevet_av")
        .order_by("-tidspunkt")[:VIS]
    )

    if leder:
        uka = {"tidspunkt__gte": _aware(start), "tidspunkt__lt": _aware(slutt)}
        samtaler = Samtale.objects.filter(deltaker__senter=senter, **uka)
        oversikt.uka = samtaler.aggregate(
            samtaler=Count("pk"),
            kontakter=Count("pk", filter=Q(kontaktslag__in=KONTAKT)),
            motivasjonssamtaler=Count("pk", filter=Q(type="motivasjon")),
            personer=Count("deltaker", filter=Q(kontaktslag__in=KONTAKT), distinct=True),
        )
        oversikt.uka["uteble"] = Avtale.objects.filter(
            deltaker__senter=senter, status=Avtale.Status.UTEBLE, **uka
        ).count()
        oversikt.uka["fra"], oversikt.uka["til"] = start, slutt - timedelta(days=1)
    return oversikt
