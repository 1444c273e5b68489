"""Reads of the volunteer register, each a bounded number of queries whatever the number of rows.

Every read goes through the scoped managers (the one scoping helper): a tidgiver of another centre is not found.

Reads for matching and matches: the profiles matching.py compares (a bounded number of queries whatever the
number of people), the matches of a person, check-ins due and volunteer hours.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, Sum
from django.utils import timezone

from deltakere.models import Deltaker
from oppfolging.models import Hovedmal, Malstatus, Tiltaksplan

from . import matching, services
from .models import (
    FOLGES_OPP,
    PAGAENDE,
    Aktivitet,
    Innsjekk,
    Kobling,
    Koblingsstatus,
    Oppmote,
    Samling,
    Sluttarsak,
    Status,
    Tidgiver,
    Tidgiverstatus,
)


def varselgrense(dato=None):
    """The last day of the renewal window: politiattester valid until this day or earlier are listed."""
    return (dato or timezone.localdate()) + timedelta(days=settings.POLITIATTEST_VARSEL_DAGER)


def fornyelse_q(dato=None):
    """The renewal condition: a politiattest expiring within the window (for everyone still with the centre),
    or already expired for an active tidgiver (or one on pause, who may come back)."""
    dato = dato or timezone.localdate()
    utloper = Q(politiattest_gyldig_til__gte=dato, politiattest_gyldig_til__lte=varselgrense(dato)) & ~Q(
        status=Status.AVSLUTTET
    )
    utlopt = Q(politiattest_gyldig_til__lt=dato, status__in=[Status.AKTIV, Status.PAUSE])
    return utloper | utlopt


def tidgivere(senter):
    return Tidgiver.objects.filter(senter=senter)


def register(senter, *, sok="", status="", aktivitet="", attest=False, dato=None):
    """The centre's tidgivere, searched and filtered; ordered by name."""
    qs = tidgivere(senter).sok(sok)
    if status:
        qs = qs.filter(status=status)
    if aktivitet:
        # JSON lists: a code is matched with its quotes, so "trening" never matches inside another code.
        qs = qs.filter(Q(aktiviteter__icontains=f'"{aktivitet}"') | Q(interesser__icontains=f'"{aktivitet}"'))
    if attest:
        qs = qs.filter(fornyelse_q(dato))
    return qs.order_by("navn", "pk")


def fornyelser(senter, dato=None):
    """Politiattester to renew at the centre: the expired first, then by the day they expire."""
    return tidgivere(senter).filter(fornyelse_q(dato)).order_by("politiattest_gyldig_til", "navn", "pk")


def statushistorikk(tidgiver):
    return list(Tidgiverstatus.objects.filter(tidgiver=tidgiver).select_related("av"))


def samlinger_for(tidgiver):
    return list(
        Samling.objects.filter(oppmoter__tidgiver=tidgiver).order_by("-dato", "-pk").only("type", "dato", "tema")
    )


def samlinger(senter):
    return Samling.objects.filter(senter=senter).annotate(antall=Count("oppmoter")).order_by("-dato", "-pk")


def til_stede(samling):
    return set(Oppmote.objects.filter(samling=samling).values_list("tidgiver_id", flat=True))


def kan_registreres_paa(samling):
    """Who may be ticked as present: the centre's tidgivere who have not ended, and those already ticked."""
    return (
        tidgivere(samling.senter)
        .filter(~Q(status=Status.AVSLUTTET) | Q(oppmoter__samling=samling))
        .distinct()
        .order_by("navn", "pk")
        .only("navn", "status")
    )


# --- matches (kobling) --------------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Profiles for matching
# ---------------------------------------------------------------------------


def _deltakerprofiler(deltakere, kan_matches_ider):
    """Profiles of the given people (already fetched): three queries for any number of them."""
    ider = [d.pk for d in deltakere]
    onsker = {}
    from .models import Tidgiveronske

    for onske in Tidgiveronske.objects.filter(deltaker_id__in=ider):
        onsker[onske.deltaker_id] = onske
    mal = {}
    for h in Hovedmal.objects.filter(
        plan__deltaker_id__in=ider,
        plan__status=Tiltaksplan.Status.AKTIV,
        tidgiver_kan_hjelpe=True,
        status=Malstatus.PAGAR,
    ).select_related("plan"):
        mal.setdefault(h.plan.deltaker_id, []).append(matching.Mal(h.livsomrade, str(h)))
    darlige, pagaende = {}, {}
    for deltaker_id, tidgiver_id, status, arsak in Kobling.objects.filter(deltaker_id__in=ider).values_list(
        "deltaker_id", "tidgiver_id", "status", "sluttarsak"
    ):
        if status in PAGAENDE:
            pagaende.setdefault(deltaker_id, set()).add(tidgiver_id)
        elif arsak == Sluttarsak.DARLIG_MATCH:
            darlige.setdefault(deltaker_id, set()).add(tidgiver_id)
    profiler = []
    for d in deltakere:
        o = onsker.get(d.pk)
        profiler.append(
            matching.Deltakerprofil(
                id=d.pk,
                senter_id=d.senter_id,
                kan_matches=d.pk in kan_matches_ider,
                fodselsaar=d.fodselsaar,
                interesser=frozenset(o.interesser if o else ()),
                mal=tuple(mal.get(d.pk, ())),
                tilgjengelighet=frozenset(o.tilgjengelighet if o else ()),
                sted=o.kommune if o else "",
                sprak=frozenset(o.sprak if o else ()),
                onsket_kjonn=o.kjonn if o else "",
                alder_fra=o.alder_fra if o else None,
                alder_til=o.alder_til if o else None,
                erfaring=o.erfaringskompetanse if o else "",
                darlige=frozenset(darlige.get(d.pk, ())),
                pagaende=frozenset(pagaende.get(d.pk, ())),
            )
        )
    return profiler


def deltakerprofil(deltaker):
    """One person's profile (four queries)."""
    kan = set(Deltaker.objects.kan_matches().filter(pk=deltaker.pk).values_list("pk", flat=True))
    return _deltakerprofiler([deltaker], kan)[0]


def ventende(senter):
    """Everyone at the centre who may be matched and has no match going on: the board's rows (one query)."""
    return list(
        Deltaker.objects.kan_matches()
        .filter(senter=senter)
        .exclude(koblinger__status__in=PAGAENDE)
        .order_by("etternavn", "fornavn", "pk")
    )


def ventende_profiler(senter):
    deltakere = ventende(senter)
    return deltakere, _deltakerprofiler(deltakere, {d.pk for d in deltakere})


def _tidgiverprofil(t, dato):
    ferdigheter = [f.lower() for f in (t.ferdigheter or []) if f] + ([t.yrke.lower()] if t.yrke else [])
    return matching.Tidgiverprofil(
        id=t.pk,
        senter_id=t.senter_id,
        mangler=tuple(services.kan_matches(t, dato)),
        kapasitet=t.kapasitet,
        last=t.last,
        fodselsaar=t.fodselsaar,
        kjonn=t.kjonn,
        interesser=frozenset(t.interesser or ()),
        aktiviteter=frozenset(t.aktiviteter or ()),
        ferdigheter=tuple(ferdigheter),
        tilgjengelighet=frozenset(t.tilgjengelighet or ()),
        sted=t.kommune,
        sprak=frozenset(t.sprak or ()),
        erfaringskompetanse=t.erfaringskompetanse,
        erfaring_kjent=t.vil_at_det_er_kjent,
    )


def tidgivere_med_last(senter, *, ider=None):
    qs = Tidgiver.objects.filter(senter=senter).annotate(
        last=Count("koblinger", filter=Q(koblinger__status__in=PAGAENDE))
    )
    if ider is not None:
        qs = qs.filter(pk__in=ider)
    return list(qs.order_by("navn", "pk"))


def tidgiverprofiler(senter, *, ider=None, dato=None):
    """The centre's tidgivere as profiles, with their current load (one query)."""
    dato = dato or timezone.localdate()
    return [_tidgiverprofil(t, dato) for t in tidgivere_med_last(senter, ider=ider)]


def tidgivere_og_profiler(senter, *, dato=None, bare_mulige=False):
    """(tidgivere, profiles) for the centre; `bare_mulige` keeps those that pass the gate and have a free place."""
    dato = dato or timezone.localdate()
    tidgivere = tidgivere_med_last(senter)
    par = [(t, _tidgiverprofil(t, dato)) for t in tidgivere]
    if bare_mulige:
        par = [(t, p) for t, p in par if not p.mangler and p.ledig > 0]
    return [t for t, _ in par], [p for _, p in par]


# ---------------------------------------------------------------------------
# Matches
# ---------------------------------------------------------------------------


def koblinger_for_deltaker(deltaker):
    """The person's matches, current first (one query)."""
    rekkefolge = {s: i for i, s in enumerate(PAGAENDE)}
    koblinger = list(Kobling.objects.filter(deltaker=deltaker).select_related("tidgiver").order_by("-opprettet"))
    return sorted(koblinger, key=lambda k: (k.status not in PAGAENDE, rekkefolge.get(k.status, 0)))


def siste_stegdato(kobling):
    return kobling.steg.aggregate(siste=Max("dato"))["siste"]


def kan_aktiveres(kobling):
    return Deltaker.objects.kan_matches().filter(pk=kobling.deltaker_id).exists()


def kobling_med_alt(deltaker, kobling_id):
    """One match of the person with its steps, check-ins and activities (four queries)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Kobling.objects.filter(deltaker=deltaker)
        .select_related("tidgiver")
        .prefetch_related(
            Prefetch("steg"),
            Prefetch("innsjekker", queryset=Innsjekk.objects.select_related("av")),
            Prefetch("aktiviteter"),
        ),
        pk=kobling_id,
    )


# ---------------------------------------------------------------------------
# Check-ins: monthly in a match's first year, then every TIDGIVER_OPPFOLGING_UKER weeks
# ---------------------------------------------------------------------------

MANED = timedelta(days=30)


def intervall(start, dato):
    """How long between check-ins on `dato` for a match active since `start`."""
    if dato < start + timedelta(days=365):
        return MANED
    return timedelta(weeks=settings.TIDGIVER_OPPFOLGING_UKER)


def neste_innsjekk(start, siste):
    """When the next check-in with one side is due: an interval after the last one (or after the start)."""
    fra = max(start, siste) if siste else start
    return fra + intervall(start, fra)


@dataclass
class Forfall:
    kobling: Kobling
    med: str  # Innsjekk.Med
    frist: object  # date

    @property
    def med_navn(self):
        return Innsjekk.Med(self.med).label


def forfalte_innsjekker(senter, idag=None):
    """Check-ins due today or earlier at the centre's matches under way, oldest first (one query)."""
    idag = idag or timezone.localdate()
    koblinger = (
        Kobling.objects.filter(deltaker__senter=senter, status__in=FOLGES_OPP, aktiv_fra__isnull=False)
        .select_related("deltaker", "tidgiver")
        .annotate(
            siste_deltaker=Max("innsjekker__dato", filter=Q(innsjekker__med=Innsjekk.Med.DELTAKER)),
            siste_tidgiver=Max("innsjekker__dato", filter=Q(innsjekker__med=Innsjekk.Med.TIDGIVER)),
        )
    )
    forfall = []
    for k in koblinger:
        for med, siste in ((Innsjekk.Med.DELTAKER, k.siste_deltaker), (Innsjekk.Med.TIDGIVER, k.siste_tidgiver)):
            frist = neste_innsjekk(k.aktiv_fra, siste)
            if frist <= idag:
                forfall.append(Forfall(k, med, frist))
    return sorted(forfall, key=lambda f: (f.frist, f.kobling.pk, f.med))


def venter_paa_steg(senter):
    """Matches not yet active: the coordinator's next step (one query)."""
    return list(
        Kobling.objects.filter(
            deltaker__senter=senter,
            status__in=[
                Koblingsstatus.FORESLATT,
                Koblingsstatus.TILBUDT,
                Koblingsstatus.AKSEPTERT,
                Koblingsstatus.FORSTE_MOTE,
                Koblingsstatus.AVSLUTNINGSSAMTALE,
            ],
        )
        .select_related("deltaker", "tidgiver")
        .order_by("status_fra", "pk")
    )


# ---------------------------------------------------------------------------
# Hours
# ---------------------------------------------------------------------------


@dataclass
class Timer:
    tidgiver: Tidgiver
    timer: Decimal
    utlegg: Decimal

    @property
    def arsverk(self):
        return arsverk(self.timer)


def arsverk(timer):
    """Volunteer hours as årsverk (full-time equivalents), at TIMER_PER_ARSVERK hours a year."""
    return (Decimal(timer) / Decimal(settings.TIMER_PER_ARSVERK)).quantize(Decimal("0.01"))


def timer_per_tidgiver(senter, fra, til):
    """Hours and expenses per tidgiver at the centre between `fra` and `til` (inclusive), most hours first, with
    the sums (one query)."""
    rader = (
        Aktivitet.objects.filter(kobling__deltaker__senter=senter, dato__gte=fra, dato__lte=til)
        .values("kobling__tidgiver")
        .annotate(timer=Sum("timer"), utlegg=Sum("utlegg"))
    )
    tall = {r["kobling__tidgiver"]: r for r in rader}
    tidgivere = Tidgiver.objects.filter(pk__in=tall).order_by("navn", "pk")
    liste = [Timer(t, tall[t.pk]["timer"] or Decimal(0), tall[t.pk]["utlegg"] or Decimal(0)) for t in tidgivere]
    liste.sort(key=lambda r: (-r.timer, r.tidgiver.navn))
    total = sum((r.timer for r in liste), Decimal(0))
    return liste, total, sum((r.utlegg for r in liste), Decimal(0))


def satt_pa_pause(senter, idag=None):
    """Matches the system paused or declined itself in the last 30 days (consent withdrawn, follow-up ended,
    transferred), with the reason: the coordinator decides what happens next (one query)."""
    idag = idag or timezone.localdate()
    return list(
        Kobling.objects.filter(
            deltaker__senter=senter,
            status__in=[Koblingsstatus.PAUSE, Koblingsstatus.AVSLATT, Koblingsstatus.AVSLUTNINGSSAMTALE],
            status_fra__gte=idag - timedelta(days=30),
        )
        .exclude(merknad="")
        .select_related("tidgiver")
        .order_by("-status_fra", "-pk")
    )


# ---------------------------------------------------------------------------
# One tidgiver: their matches and hours
# ---------------------------------------------------------------------------


def koblinger_for_tidgiver(tidgiver):
    """The tidgiver's matches, those under way first, newest first within each (one query)."""
    koblinger = list(Kobling.objects.filter(tidgiver=tidgiver).select_related("deltaker").order_by("-opprettet", "-pk"))
    return sorted(koblinger, key=lambda k: k.status not in PAGAENDE)


@dataclass
class Tidgivertimer:
    i_ar: Decimal
    siste_12_mnd: Decimal
    totalt: Decimal


def timer_for_tidgiver(tidgiver, idag=None):
    """The tidgiver's hours this year, the last 12 months and in all (one query)."""
    idag = idag or timezone.localdate()
    i_ar = idag.replace(month=1, day=1)
    ett_ar = idag - timedelta(days=365)
    sum_ = Aktivitet.objects.filter(kobling__tidgiver=tidgiver, dato__lte=idag).aggregate(
        i_ar=Sum("timer", filter=Q(dato__gte=i_ar)),
        siste_12_mnd=Sum("timer", filter=Q(dato__gt=ett_ar)),
        totalt=Sum("timer"),
    )
    return Tidgivertimer(**{k: v or Decimal(0) for k, v in sum_.items()})
