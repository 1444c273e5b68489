"""Reads of the follow-up work that are more than a filter: comparisons of kartlegginger, when the next one is
due, and the tiltaksplan as it stands now or stood on a date. Each runs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import mean

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from deltakere.models import Status, Statusendring

from . import livsomrader
from .models import (
    Avtale,
    Delmal,
    Hovedmal,
    Kartlegging,
    Omradevurdering,
    Oppgave,
    Samtale,
    Screening,
    Senterinnstillinger,
    Telling,
    Tiltak,
    Tiltaksplan,
)

# ---------------------------------------------------------------------------
# Kartlegging
# ---------------------------------------------------------------------------


def kartlegginger(deltaker):
    """The person's kartlegginger, newest first, with their areas and screenings (three queries)."""
    return list(
        Kartlegging.objects.filter(deltaker=deltaker)
        .select_related("utfort_av")
        .prefetch_related(
            Prefetch("omrader", queryset=Omradevurdering.objects.order_by("pk")),
            Prefetch("screeninger", queryset=Screening.objects.order_by("instrument")),
        )
    )


def vurderinger_etter_omrade(kartlegging):
    """{area code: Omradevurdering} from a kartlegging whose `omrader` are prefetched."""
    return {v.omrade: v for v in kartlegging.omrader.all()}


def snitt(kartlegging):
    """The mean of the person's own ratings over the areas not skipped, or None. A skipped area is not zero."""
    verdier = [v.egen for v in kartlegging.omrader.all() if not v.hoppet_over and v.egen is not None]
    return round(mean(verdier), 1) if verdier else None


@dataclass
class Omradeendring:
    omrade: livsomrader.Livsomrade
    for_: int | None
    etter: int | None
    for_hoppet: str = ""
    etter_hoppet: str = ""

    @property
    def sammenlignbar(self):
        return self.for_ is not None and self.etter is not None

    @property
    def endring(self):
        return self.etter - self.for_ if self.sammenlignbar else None


@dataclass
class Sammenligning:
    forste: Kartlegging
    siste: Kartlegging
    rader: list = field(default_factory=list)

    @property
    def sammenlignbare(self):
        return [r for r in self.rader if r.sammenlignbar]

    @property
    def snittendring(self):
        """The mean change over the areas rated both times (skipped areas are left out, never zero)."""
        endringer = [r.endring for r in self.sammenlignbare]
        return round(mean(endringer), 1) if endringer else None

    @property
    def bedre(self):
        return sum(1 for r in self.sammenlignbare if r.endring > 0)

    @property
    def verre(self):
        return sum(1 for r in self.sammenlignbare if r.endring < 0)

    @property
    def uendret(self):
        return sum(1 for r in self.sammenlignbare if r.endring == 0)


def sammenlign(forste, siste):
    """Per life area, the person's own rating then and now; areas skipped either time are not compared."""
    for_, etter = vurderinger_etter_omrade(forste), vurderinger_etter_omrade(siste)
    resultat = Sammenligning(forste, siste)
    for omrade in livsomrader.LIVSOMRADER:
        a, b = for_.get(omrade.kode), etter.get(omrade.kode)
        resultat.rader.append(
            Omradeendring(
                omrade,
                a.egen if a and not a.hoppet_over else None,
                b.egen if b and not b.hoppet_over else None,
                a.get_hoppet_over_display() if a and a.hoppet_over else "",
                b.get_hoppet_over_display() if b and b.hoppet_over else "",
            )
        )
    return resultat


def viktige_omrader(kartlegging):
    """The areas the person marked "viktig for meg å jobbe med nå", in the order of the list: offered as hovedmål."""
    if kartlegging is None:
        return []
    etter_kode = vurderinger_etter_omrade(kartlegging)
    return [o for o in livsomrader.LIVSOMRADER if etter_kode.get(o.kode) and etter_kode[o.kode].viktig]


# ---------------------------------------------------------------------------
# When the next kartlegging is due
# ---------------------------------------------------------------------------


@dataclass
class Forfall:
    dato: date
    grunn: str  # "etter 12 uker", "ved avslutning", "ved oppstart"

    @property
    def forfalt(self):
        return self.dato <= timezone.localdate()


def kartleggingsplan(senter):
    """The weeks after the first kartlegging when a new one is due, for the centre (or the default)."""
    innstillinger = Senterinnstillinger.objects.filter(senter=senter).first()
    return innstillinger.uker if innstillinger else list(settings.KARTLEGGING_UKER)


def neste_kartlegging(deltaker, alle, uker, *, avsluttet=None):
    """When the next kartlegging is due, or None when none is (a transferred record, or an ended follow-up
    that had its kartlegging at the ending).

    `alle` are the person's kartlegginger (any order), `uker` the centre's schedule, counted from the first
    kartlegging: a planned point is done when a kartlegging was made after the previous point; past the last
    point a new one is due every 52 weeks. At ending a kartlegging is due on the ending date unless one was
    made in the 30 days before it or later. Without any kartlegging, one is due now (at intake).
    """
    if deltaker.er_overfort:
        return None
    datoer = sorted(k.dato for k in alle)
    if deltaker.status == Status.AVSLUTTET:
        slutt = avsluttet or deltaker.status_fra
        if datoer and datoer[-1] >= slutt - timedelta(days=30):
            return None
        return Forfall(slutt, "ved avslutning")
    if not datoer:
        return Forfall(max(deltaker.henvisning_dato, timezone.localdate() - timedelta(days=365)), "ved oppstart")
    start, siste = datoer[0], datoer[-1]
    punkter = [u for u in sorted(set(uker)) if u > 0]
    uke = 0
    for u in punkter:
        if start + timedelta(weeks=u) > siste:
            return Forfall(start + timedelta(weeks=u), f"etter {u} uker")
        uke = u
    while start + timedelta(weeks=uke) <= siste:
        uke += 52
    return Forfall(start + timedelta(weeks=uke), f"etter {uke} uker")


def avslutningsdato(deltaker):
    if deltaker.status != Status.AVSLUTTET:
        return None
    rad = Statusendring.objects.filter(deltaker=deltaker, til_status=Status.AVSLUTTET).order_by("-dato").first()
    return rad.dato if rad else deltaker.status_fra


# ---------------------------------------------------------------------------
# Tiltaksplan
# ---------------------------------------------------------------------------


def _planinnhold():
    return Prefetch(
        "hovedmal",
        queryset=Hovedmal.objects.order_by("rekkefolge", "pk").prefetch_related(
            Prefetch(
                "delmal",
                queryset=Delmal.objects.order_by("rekkefolge", "pk").prefetch_related(
                    Prefetch(
                        "tiltak",
                        queryset=Tiltak.objects.order_by("rekkefolge", "pk").select_related(
                            "ansvarlig_ansatt", "ansvarlig_kontakt"
                        ),
                    )
                ),
            )
        ),
    )


def planer(deltaker):
    """All the person's plans, newest first, each with its hovedmål, delmål and tiltak (four queries)."""
    return list(Tiltaksplan.objects.filter(deltaker=deltaker).prefetch_related(_planinnhold()))


def gjeldende_plan(alle_planer):
    """The active plan, else the draft, else the latest one."""
    for status in (Tiltaksplan.Status.AKTIV, Tiltaksplan.Status.UTKAST):
        plan = next((p for p in alle_planer if p.status == status), None)
        if plan:
            return plan
    return alle_planer[0] if alle_planer else None


def alle_tiltak(plan):
    return [t for h in plan.hovedmal.all() for d in h.delmal.all() for t in d.tiltak.all()]


def forfalte_tiltak(plan, idag=None):
    return [t for t in alle_tiltak(plan) if t.forfalt(idag)]


@dataclass
class PlanPaaDato:
    """The plan as it stood at the end of a day, from the change history."""

    plan: object
    hovedmal: list  # of (hovedmål, [(delmål, [tiltak])])
    dato: date


def plan_per_dato(plan, dato):
    """The plan and everything in it as it stood at the end of `dato` (django-simple-history's as_of).

    `plan` was fetched through the scoping helper; the historical rows are read by its id. Returns None when
    the plan did not exist yet.
    """
    slutt = timezone.make_aware(datetime.combine(dato, time.max))
    try:
        gammel = plan.history.as_of(slutt)
    except Tiltaksplan.DoesNotExist:
        return None
    hovedmal = sorted(Hovedmal.history.as_of(slutt).filter(plan_id=plan.pk), key=lambda h: (h.rekkefolge, h.pk))
    delmal = list(Delmal.history.as_of(slutt).filter(hovedmal_id__in=[h.pk for h in hovedmal]))
    tiltak = list(
        Tiltak.history.as_of(slutt).filter(delmal_id__in=[d.pk for d in delmal]).select_related("ansvarlig_ansatt")
    )

    def orden(rad):
        return (rad.rekkefolge, rad.pk)

    innhold = []
    for h in hovedmal:
        under = sorted((d for d in delmal if d.hovedmal_id == h.pk), key=orden)
        innhold.append((h, [(d, sorted((t for t in tiltak if t.delmal_id == d.pk), key=orden)) for d in under]))
    return PlanPaaDato(gammel, innhold, dato)


@dataclass
class Planendring:
    tidspunkt: datetime
    av: str
    hva: str  # the goal or tiltak, in words
    beskrivelse: str  # what changed

    @property
    def naar_og_hvem(self):
        from django.utils.formats import date_format

        tid = date_format(timezone.localtime(self.tidspunkt), "j. F Y \\k\\l. H:i")
        return f"{tid}, {self.av}" if self.av else tid


def _beskriv(rad, forrige, felter):
    if forrige is None:
        return "lagt til"
    endringer = []
    for felt, navn in felter:
        for_, etter = getattr(forrige, felt), getattr(rad, felt)
        if for_ != etter:
            vis = getattr(rad, f"get_{felt}_display", None)
            vis_for = getattr(forrige, f"get_{felt}_display", None)
            endringer.append(f"{navn}: {vis_for() if vis_for else for_ or '–'} → {vis() if vis else etter or '–'}")
    return "; ".join(endringer) or "lagret uten endringer i innholdet"


def siste_planendringer(plan, antall=5):
    """The latest changes to the plan and what is in it, in words (for the message a second editor gets)."""
    hovedmal_ids = list(Hovedmal.objects.filter(plan=plan).values_list("pk", flat=True))
    delmal_ids = list(Delmal.objects.filter(hovedmal_id__in=hovedmal_ids).values_list("pk", flat=True))
    kilder = [
        (Hovedmal.history.filter(plan_id=plan.pk), "Hovedmål", [("tekst", "tekst"), ("status", "status")]),
        (Delmal.history.filter(hovedmal_id__in=hovedmal_ids), "Delmål", [("tekst", "tekst")]),
        (
            Tiltak.history.filter(delmal_id__in=delmal_ids),
            "Tiltak",
            [("hva", "hva"), ("status", "status"), ("frist", "frist"), ("ansvar", "ansvar")],
        ),
        (
            plan.history.all(),
            "Planen",
            [("status", "status"), ("evalueringsdato", "evalueringsdato"), ("gjennomgatt", "gjennomgått")],
        ),
    ]
    endringer = []
    for historikk, slag, felter in kilder:
        for rad in historikk.select_related("history_user").order_by("-history_date")[:antall]:
            forrige = rad.prev_record
            if slag == "Planen" and forrige is not None and _beskriv(rad, forrige, felter).startswith("lagret"):
                continue  # the version alone moved: a change inside the plan, told by its own row
            navn = getattr(rad, "tekst", "") or getattr(rad, "hva", "") or ""
            endringer.append(
                Planendring(
                    rad.history_date,
                    rad.history_user.navn if rad.history_user else "",
                    f"{slag}{f' «{navn}»' if navn else ''}",
                    _beskriv(rad, forrige, felter),
                )
            )
    return sorted(endringer, key=lambda e: e.tidspunkt, reverse=True)[:antall]


# ---------------------------------------------------------------------------
# Samtaler, contact, appointments, tasks, the tally
# ---------------------------------------------------------------------------


def siste_kontakt_subquery():
    """For annotate(): when the person was last in contact (KONTAKT), or None. One subquery, any list size."""
    from django.db.models import OuterRef, Subquery

    return Subquery(
        Samtale.objects.filter(deltaker=OuterRef("pk")).kontakt().order_by("-tidspunkt").values("tidspunkt")[:1]
    )


def dager_siden(tidspunkt, idag=None):
    """Whole days since `tidspunkt` (an aware datetime) in Oslo time, or None."""
    if tidspunkt is None:
        return None
    return ((idag or timezone.localdate()) - timezone.localtime(tidspunkt).date()).days


def siste_kontakt(deltaker):
    rad = Samtale.objects.filter(deltaker=deltaker).kontakt().order_by("-tidspunkt").first()
    return rad.tidspunkt if rad else None


def neste_avtale(deltaker):
    return (
        Avtale.objects.filter(deltaker=deltaker, status=Avtale.Status.PLANLAGT, tidspunkt__gte=timezone.now())
        .select_related("med")
        .order_by("tidspunkt")
        .first()
    )


def samtaler(deltaker, *, type=None, antall=None):
    """The person's samtaler and contacts, newest first, with who took part and the leder's comments."""
    qs = (
        Samtale.objects.filter(deltaker=deltaker)
        .select_related("registrert_av")
        .prefetch_related("ansatte", "kommentarer__skrevet_av")
    )
    if type:
        qs = qs.filter(type=type)
    return list(qs[:antall] if antall else qs)


@dataclass
class Motivasjonspunkt:
    dato: date
    endringsfase: str
    endringsfase_navn: str
    viktighet: int | None
    mestringstro: int | None


def motivasjonshistorikk(deltaker):
    """Stage of change and the two rulers over time, oldest first (one query)."""
    from .models import Endringsfase, Samtaletype

    navn = dict(Endringsfase.choices)
    rader = (
        Samtale.objects.filter(deltaker=deltaker, type=Samtaletype.MOTIVASJON)
        .order_by("tidspunkt", "pk")
        .values("tidspunkt", "endringsfase", "viktighet", "mestringstro")
    )
    return [
        Motivasjonspunkt(
            timezone.localtime(r["tidspunkt"]).date(),
            r["endringsfase"],
            navn.get(r["endringsfase"], ""),
            r["viktighet"],
            r["mestringstro"],
        )  # fmt: skip
        for r in rader
    ]


def dagens_avtaler(sentre, dag=None):
    """The appointments of one day at the centres, in time order (one query)."""
    dag = dag or timezone.localdate()
    start = timezone.make_aware(datetime.combine(dag, time.min))
    return list(
        Avtale.objects.filter(
            deltaker__senter__in=sentre, tidspunkt__gte=start, tidspunkt__lt=start + timedelta(days=1)
        )
        .exclude(status=Avtale.Status.AVLYST)
        .select_related("deltaker", "med")
        .order_by("tidspunkt", "pk")
    )


def apne_oppgaver(senter):
    """The centre's open tasks, grouped by who holds them: [(holder label, [tasks])], unassigned first."""
    oppgaver = list(
        Oppgave.objects.filter(senter=senter, ferdig__isnull=True)
        .select_related("deltaker", "tildelt")
        .order_by("frist", "opprettet", "pk")
    )
    grupper = {}
    for oppgave in oppgaver:
        if oppgave.tildelt_id:
            nokkel = oppgave.tildelt.navn
        elif oppgave.gruppe:
            nokkel = oppgave.get_gruppe_display()
        else:
            nokkel = "Ingen har den ennå"
        grupper.setdefault(nokkel, []).append(oppgave)
    uten = grupper.pop("Ingen har den ennå", None)
    return ([("Ingen har den ennå", uten)] if uten else []) + sorted(grupper.items())


@dataclass
class Maaned:
    aar: int
    maaned: int
    tellere: list
    dager: list  # of (date, {counter code: number})
    summer: dict  # counter code -> month total
    aapningsdager: int

    @property
    def snitt(self):
        """The average per opening day (a day with any count), per counter."""
        if not self.aapningsdager:
            return {}
        return {kode: round(total / self.aapningsdager, 1) for kode, total in self.summer.items()}


def maanedstelling(senter, aar, maaned):
    """The daily tally of a month: every day's counts and the month's totals, summed in the database."""
    import calendar

    from django.db.models import Sum

    from . import tellinger

    forste = date(aar, maaned, 1)
    siste = date(aar, maaned, calendar.monthrange(aar, maaned)[1])
    rader = Telling.objects.filter(senter=senter, dato__range=(forste, siste))
    per_dag = {}
    for rad in rader.values("dato", "teller", "antall"):
        per_dag.setdefault(rad["dato"], {})[rad["teller"]] = rad["antall"]
    summer = {r["teller"]: r["total"] for r in rader.values("teller").annotate(total=Sum("antall")).order_by()}
    dager = [(forste + timedelta(days=i), per_dag.get(forste + timedelta(days=i), {})) for i in range(siste.day)]
    aapne = sum(1 for _, tall in dager if any(tall.values()))
    return Maaned(aar, maaned, tellinger.tellere_for(senter), dager, summer, aapne)


def samtaleside(deltaker, *, type=None, side=1, per_side=25):
    """One page of the person's samtaler, newest first (`type` filters), with who took part and the comments:
    a count and three queries whatever the number of samtaler. Returns a Django Page."""
    from django.core.paginator import Paginator

    qs = (
        Samtale.objects.filter(deltaker=deltaker)
        .select_related("registrert_av")
        .prefetch_related("ansatte", "kommentarer__skrevet_av")
        .order_by("-tidspunkt", "-pk")
    )
    if type:
        qs = qs.filter(type=type)
    return Paginator(qs, per_side).get_page(side)
