"""The aktivitetsrapport: what the centre did in a period, beside the same period last year.

Every figure is a database aggregation (conditional `Count(filter=Q(...))`, `Sum`) over the dated rows, so
the number of queries is fixed whatever the data size. Who was "in follow-up" in a period is read from the
dated status history (`Statusendring`), never from the current status: a person counts when their status
at the start of the period was aktiv or pause, or when they became aktiv inside it. The caller opens the
centre scope (the scoped managers refuse otherwise); the queries are further limited to `senter_ids`.
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from deltakere.models import (
    Avslutningsarsak,
    Bosituasjon,
    Deltaker,
    Henvisningskilde,
    Inntekt,
    Kjonn,
    Medlemskap,
    Status,
    Statusendring,
)
from oppfolging.models import KONTAKT, Avtale, Samtale, Samtaleform, Samtaletype, Telling
from oppfolging.tellinger import TELLERE
from tidgivere.models import Aktivitet, Kobling, Koblingsstatus, Sluttarsak, Tidgiver, Tidgiverstatus
from tidgivere.models import Status as TidgiverStatus

from .tabeller import Celle, Rad, Tabell

I_OPPFOLGING = (Status.AKTIV, Status.PAUSE)

# Age on 31 December of the period's last year, from the year of birth (the register's only certain date).
ALDERSGRUPPER = [("Under 25 år", 0, 24), ("25–34 år", 25, 34), ("35–49 år", 35, 49), ("50 år og eldre", 50, 200)]

KOLONNER = ["Perioden", "Samme periode året før"]


def aktivitetstabeller(senter_ids, periode):
    """The aktivitetsrapport's tables for the centres `senter_ids` in `periode`, each figure beside last year's."""
    naa, fjor = _tall(senter_ids, periode), _tall(senter_ids, periode.i_fjor())
    return [bygg(naa, fjor) for bygg in _TABELLER]


def _status_ved(deltaker_ref, dag):
    """The status a person had at the start of `dag` (the latest dated change before it)."""
    return Subquery(
        Statusendring.objects.filter(deltaker=deltaker_ref, dato__lt=dag)
        .order_by("-dato", "-registrert", "-pk")
        .values("til_status")[:1]
    )


def i_oppfolging(senter_ids, periode):
    """The centres' people in follow-up in the period (from the dated status history), annotated with `ny`
    (first start in the period). The population of both the aktivitets- and the resultatrapport."""
    fra, til = periode.fra, periode.til
    ny = Statusendring.objects.filter(
        deltaker=OuterRef("pk"),
        til_status=Status.AKTIV,
        fra_status__in=["", Status.HENVIST],
        dato__gte=fra,
        dato__lte=til,
    )
    aktivert = Statusendring.objects.filter(
        deltaker=OuterRef("pk"), til_status=Status.AKTIV, dato__gte=fra, dato__lte=til
    )
    return (
        Deltaker.objects.filter(senter_id__in=senter_ids)
        .annotate(ved_start=_status_ved(OuterRef("pk"), fra), ny=Exists(ny), aktivert=Exists(aktivert))
        .filter(Q(ved_start__in=I_OPPFOLGING) | Q(aktivert=True))
    )


def _deltakertall(senter_ids, periode):
    til = periode.til
    qs = i_oppfolging(senter_ids, periode).annotate(
        alder=Value(til.year, output_field=IntegerField()) - Coalesce("fodselsaar", 0)
    )
    aggregater = {"aktive": Count("pk"), "nye": Count("pk", filter=Q(ny=True))}
    for k in Kjonn:
        aggregater[f"kjonn_{k.value}"] = Count("pk", filter=Q(kjonn=k))
    for i, (_navn, lav, hoy) in enumerate(ALDERSGRUPPER):
        aggregater[f"alder_{i}"] = Count("pk", filter=Q(alder__gte=lav, alder__lte=hoy))
    for k in Henvisningskilde:
        aggregater[f"kilde_{k.value}"] = Count("pk", filter=Q(ny=True, henvisning_kilde=k))
    for k in Bosituasjon:
        aggregater[f"bo_{k.value}"] = Count("pk", filter=Q(ny=True, bosituasjon_ved_start=k))
    for k in Inntekt:
        aggregater[f"inntekt_{k.value}"] = Count("pk", filter=Q(ny=True, inntekt_ved_start=k))
    tall = qs.aggregate(**aggregater)
    tall.update(avsluttet_etter_arsak(senter_ids, periode))
    return tall


def avsluttet_etter_arsak(senter_ids, periode):
    """People ended in the period, each once, by the reason of their last ending in it: {"avsluttet",
    "arsak_<reason>", "uten_arsak"} (one query; the resultatrapport uses it too)."""
    avsluttet = Statusendring.objects.filter(
        deltaker__senter_id__in=senter_ids, til_status=Status.AVSLUTTET, dato__gte=periode.fra, dato__lte=periode.til
    )
    siste = avsluttet.filter(deltaker=OuterRef("deltaker")).order_by("-dato", "-registrert", "-pk").values("pk")[:1]
    return avsluttet.filter(pk=Subquery(siste)).aggregate(
        avsluttet=Count("deltaker", distinct=True),
        **{f"arsak_{a.value}": Count("deltaker", distinct=True, filter=Q(arsak=a)) for a in Avslutningsarsak},
        uten_arsak=Count("deltaker", distinct=True, filter=Q(arsak="")),
    )


def _samtaletall(senter_ids, periode):
    kontakt = Samtale.objects.filter(
        deltaker__senter_id__in=senter_ids,
        kontaktslag__in=KONTAKT,
        tidspunkt__gte=periode.start,
        tidspunkt__lt=periode.slutt,
    )
    aggregater = {"samtaler": Count("pk"), "naadd": Count("deltaker", distinct=True)}
    for t in Samtaletype:
        aggregater[f"type_{t.value}"] = Count("pk", filter=Q(type=t))
    for f in Samtaleform:
        aggregater[f"form_{f.value}"] = Count("pk", filter=Q(form=f))
    aggregater["motivasjon_personer"] = Count("deltaker", distinct=True, filter=Q(type=Samtaletype.MOTIVASJON))
    tall = kontakt.aggregate(**aggregater)
    tall.update(
        Avtale.objects.filter(
            deltaker__senter_id__in=senter_ids, tidspunkt__gte=periode.start, tidspunkt__lt=periode.slutt
        ).aggregate(
            avtale_holdt=Count("pk", filter=Q(status=Avtale.Status.GJENNOMFORT)),
            avtale_uteble=Count("pk", filter=Q(status=Avtale.Status.UTEBLE)),
            avtale_avlyst=Count("pk", filter=Q(status=Avtale.Status.AVLYST)),
        )
    )
    return tall


def _tellingtall(senter_ids, periode):
    rader = Telling.objects.filter(senter_id__in=senter_ids, dato__gte=periode.fra, dato__lte=periode.til)
    per_teller = {r["teller"]: r["sum"] for r in rader.values("teller").annotate(sum=Sum("antall")).order_by()}
    dager = rader.filter(antall__gt=0).values("senter", "dato").distinct().count()
    return {"tellere": per_teller, "apningsdager": dager}


def _tidgivertall(senter_ids, periode):
    fra, til = periode.fra, periode.til
    ved_start = Subquery(
        Tidgiverstatus.objects.filter(tidgiver=OuterRef("pk"), dato__lt=fra)
        .order_by("-dato", "-registrert", "-pk")
        .values("til")[:1]
    )
    ble_aktiv = Tidgiverstatus.objects.filter(
        tidgiver=OuterRef("pk"), til=TidgiverStatus.AKTIV, dato__gte=fra, dato__lte=til
    )
    tall = (
        Tidgiver.objects.filter(senter_id__in=senter_ids)
        .annotate(ved_start=ved_start, ble_aktiv=Exists(ble_aktiv))
        .filter(Q(ved_start__in=[TidgiverStatus.AKTIV, TidgiverStatus.PAUSE]) | Q(ble_aktiv=True))
        .aggregate(
            tidgivere_aktive=Count("pk"),
            tidgivere_nye=Count("pk", filter=~Q(ved_start__in=[TidgiverStatus.AKTIV, TidgiverStatus.PAUSE])),
        )
    )
    tall["tidgivere_sluttet"] = Tidgiverstatus.objects.filter(
        tidgiver__senter_id__in=senter_ids, til=TidgiverStatus.AVSLUTTET, dato__gte=fra, dato__lte=til
    ).aggregate(n=Count("tidgiver", distinct=True))["n"]
    # A match starts when it becomes aktiv (`aktiv_fra`) and ends when it is avsluttet (dated `status_fra`).
    koblinger = Kobling.objects.filter(deltaker__senter_id__in=senter_ids)
    slutt = Q(status=Koblingsstatus.AVSLUTTET)
    tall.update(
        koblinger.aggregate(
            koblinger_startet=Count("pk", filter=Q(aktiv_fra__gte=fra, aktiv_fra__lte=til)),
            koblinger_aktive=Count("pk", filter=Q(aktiv_fra__lte=til) & ~Q(slutt, status_fra__lt=fra)),
            koblinger_avsluttet=Count("pk", filter=Q(slutt, status_fra__gte=fra, status_fra__lte=til)),
            **{
                f"sluttarsak_{a.value}": Count(
                    "pk", filter=Q(slutt, status_fra__gte=fra, status_fra__lte=til, sluttarsak=a)
                )
                for a in Sluttarsak
            },
        )
    )
    timer = Aktivitet.objects.filter(
        kobling__deltaker__senter_id__in=senter_ids, dato__gte=fra, dato__lte=til
    ).aggregate(timer=Sum("timer"))["timer"] or Decimal(0)
    tall["timer"] = timer
    tall["arsverk"] = timer / Decimal(settings.TIMER_PER_ARSVERK)
    return tall


def _ansattall(senter_ids, periode):
    """Staff who worked at the centres some day in the period, and their årsverk (the sum of their position
    shares; a person who started or left inside the period counts whole)."""
    return (
        Medlemskap.objects.filter(senter_id__in=senter_ids, startet__lte=periode.til)
        .exclude(sluttet__lt=periode.fra)
        .aggregate(ansatte=Count("bruker", distinct=True), stillingsprosent=Coalesce(Sum("stillingsprosent"), 0))
    )


def _tall(senter_ids, periode):
    return {
        **_ansattall(senter_ids, periode),
        **_deltakertall(senter_ids, periode),
        **_samtaletall(senter_ids, periode),
        **_tidgivertall(senter_ids, periode),
        "telling": _tellingtall(senter_ids, periode),
    }


def _personer(naa, fjor, nokkel):
    return [Celle(naa[nokkel], n=naa[nokkel]), Celle(fjor[nokkel], n=fjor[nokkel])]


def _antall(naa, fjor, nokkel):
    return [Celle(naa[nokkel]), Celle(fjor[nokkel])]


def _deltakere(naa, fjor):
    rader = [
        Rad("I oppfølging i perioden", _personer(naa, fjor, "aktive"), er_sum=True),
        Rad("Nye (startet i perioden)", _personer(naa, fjor, "nye")),
        Rad("Avsluttet i perioden", _personer(naa, fjor, "avsluttet")),
    ]
    return Tabell(
        "Deltakere",
        KOLONNER,
        rader,
        radoverskrift="Deltakere",
        merknad="I oppfølging: status aktiv eller pause ved periodens start, eller aktiv i løpet av perioden.",
        n=naa["aktive"],
        id="deltakere",
    )


def _fordeling(tittel, id, overskrift, valg, prefiks, naa, fjor, sum_nokkel, merknad=""):
    rader = [Rad(navn, _personer(naa, fjor, f"{prefiks}_{verdi}")) for verdi, navn in valg]
    rader.append(Rad("Sum", _personer(naa, fjor, sum_nokkel), er_sum=True))
    return Tabell(
        tittel, KOLONNER, rader, radoverskrift=overskrift, merknad=merknad, n=naa[sum_nokkel], id=id, diagram="soyle"
    )


def _kjonn(naa, fjor):
    return _fordeling("Deltakere etter kjønn", "kjonn", "Kjønn", Kjonn.choices, "kjonn", naa, fjor, "aktive")


def _alder(naa, fjor):
    valg = [(str(i), navn) for i, (navn, _l, _h) in enumerate(ALDERSGRUPPER)]
    return _fordeling(
        "Deltakere etter alder",
        "alder",
        "Alder",
        valg,
        "alder",
        naa,
        fjor,
        "aktive",
        merknad="Alder ved utgangen av periodens år, regnet fra fødselsår.",
    )


def _henvisning(naa, fjor):
    return _fordeling(
        "Nye deltakere etter henvisningskilde",
        "henvisning",
        "Henvist fra",
        Henvisningskilde.choices,
        "kilde",
        naa,
        fjor,
        "nye",
    )


def _bosituasjon(naa, fjor):
    return _fordeling(
        "Nye deltakere: bosituasjon ved start",
        "bosituasjon",
        "Bosituasjon",
        Bosituasjon.choices,
        "bo",
        naa,
        fjor,
        "nye",
    )


def _inntekt(naa, fjor):
    return _fordeling(
        "Nye deltakere: inntekt ved start", "inntekt", "Inntekt", Inntekt.choices, "inntekt", naa, fjor, "nye"
    )


def _avslutning(naa, fjor):
    valg = [*Avslutningsarsak.choices, ("", "Ikke oppgitt")]
    rader = [Rad(navn, _personer(naa, fjor, f"arsak_{verdi}" if verdi else "uten_arsak")) for verdi, navn in valg]
    rader.append(Rad("Sum", _personer(naa, fjor, "avsluttet"), er_sum=True))
    return Tabell(
        "Avsluttede deltakere etter årsak",
        KOLONNER,
        rader,
        radoverskrift="Årsak",
        n=naa["avsluttet"],
        merknad="Hver person telles én gang, med årsaken til siste avslutning i perioden.",
        id="avslutning",
    )


def _samtaler(naa, fjor):
    rader = [Rad(navn, _antall(naa, fjor, f"type_{verdi}")) for verdi, navn in Samtaletype.choices]
    rader.append(Rad("Sum samtaler og kontakter", _antall(naa, fjor, "samtaler"), er_sum=True))
    rader.append(Rad("Ulike deltakere nådd", _personer(naa, fjor, "naadd")))
    rader.append(Rad("Deltakere med motivasjonssamtale", _personer(naa, fjor, "motivasjon_personer")))
    return Tabell(
        "Samtaler og kontakter etter type",
        KOLONNER,
        rader,
        radoverskrift="Type",
        merknad="Bare kontakt med personen selv, også forsøk som nådde personen. Notater om personen og "
        "samtaler med andre telles ikke.",
        id="samtaler",
    )


def _samtaleform(naa, fjor):
    rader = [Rad(navn, _antall(naa, fjor, f"form_{verdi}")) for verdi, navn in Samtaleform.choices]
    rader.append(Rad("Sum", _antall(naa, fjor, "samtaler"), er_sum=True))
    return Tabell(
        "Samtaler og kontakter etter form", KOLONNER, rader, radoverskrift="Hvor eller hvordan", id="samtaleform"
    )


def _avtaler(naa, fjor):
    rader = [
        Rad("Gjennomført", _antall(naa, fjor, "avtale_holdt")),
        Rad("Uteble", _antall(naa, fjor, "avtale_uteble")),
        Rad("Avlyst", _antall(naa, fjor, "avtale_avlyst")),
    ]
    return Tabell("Avtaler", KOLONNER, rader, radoverskrift="Avtaler", id="avtaler")


def _telling(naa, fjor):
    # The counters in their usual order, by name ("Besøk"); a code no longer configured keeps its code.
    rekkefolge = list(TELLERE)
    tellere = sorted(
        set(naa["telling"]["tellere"]) | set(fjor["telling"]["tellere"]),
        key=lambda k: (rekkefolge.index(k) if k in TELLERE else len(rekkefolge), k),
    )
    navn = {t: TELLERE[t].navn if t in TELLERE else t for t in tellere}
    rader = [
        Rad(navn[t], [Celle(naa["telling"]["tellere"].get(t, 0)), Celle(fjor["telling"]["tellere"].get(t, 0))])
        for t in tellere
    ]
    dager = [naa["telling"]["apningsdager"], fjor["telling"]["apningsdager"]]
    rader.append(Rad("Åpningsdager (dager med telling)", [Celle(d) for d in dager]))
    for t in tellere:
        snitt = [
            (tall["telling"]["tellere"].get(t, 0) / d) if d else None for tall, d in ((naa, dager[0]), (fjor, dager[1]))
        ]
        rader.append(Rad(f"{navn[t]}: snitt per åpningsdag", [Celle(s, format="snitt") for s in snitt]))
    return Tabell(
        "Daglig telling",
        KOLONNER,
        rader,
        radoverskrift="Teller",
        merknad="Anonym telling. En åpningsdag er en dag med minst én telling over null.",
        id="telling",
    )


def _tidgivere(naa, fjor):
    rader = [
        Rad("Tidgivere aktive i perioden", _personer(naa, fjor, "tidgivere_aktive")),
        Rad("Nye tidgivere", _personer(naa, fjor, "tidgivere_nye")),
        Rad("Tidgivere som sluttet", _personer(naa, fjor, "tidgivere_sluttet")),
        Rad("Koblinger startet", _antall(naa, fjor, "koblinger_startet")),
        Rad("Koblinger aktive i perioden", _antall(naa, fjor, "koblinger_aktive")),
        Rad("Koblinger avsluttet", _antall(naa, fjor, "koblinger_avsluttet")),
        *[
            Rad(f"Avsluttet: {navn.lower()}", _antall(naa, fjor, f"sluttarsak_{verdi}"))
            for verdi, navn in Sluttarsak.choices
        ],
        Rad("Frivillige timer", [Celle(naa["timer"], format="timer"), Celle(fjor["timer"], format="timer")]),
        Rad("Årsverk", [Celle(naa["arsverk"], format="snitt"), Celle(fjor["arsverk"], format="snitt")]),
    ]
    return Tabell(
        "Tidgivere og koblinger",
        KOLONNER,
        rader,
        radoverskrift="Tidgivere",
        merknad=f"Årsverk: frivillige timer delt på {settings.TIMER_PER_ARSVERK} timer.",
        id="tidgivere",
    )


def _ansatte(naa, fjor):
    """As the centres report to funders: staff and their årsverk beside the tidgivere and theirs."""
    rader = [
        Rad("Ansatte", _antall(naa, fjor, "ansatte")),
        Rad(
            "Ansattes årsverk",
            [Celle(Decimal(t["stillingsprosent"]) / 100, format="snitt") for t in (naa, fjor)],
        ),
        Rad("Tidgivere aktive", _antall(naa, fjor, "tidgivere_aktive")),
        Rad("Tidgivernes årsverk", [Celle(naa["arsverk"], format="snitt"), Celle(fjor["arsverk"], format="snitt")]),
    ]
    return Tabell(
        "Ansatte og tidgivere",
        KOLONNER,
        rader,
        radoverskrift="",
        merknad=(
            "Ansatte med tilgang til senteret en eller flere dager i perioden; årsverk er summen av "
            f"stillingsprosentene. Tidgivernes årsverk: frivillige timer delt på {settings.TIMER_PER_ARSVERK}."
        ),
        id="ansatte",
    )


_TABELLER = [
    _deltakere,
    _kjonn,
    _alder,
    _henvisning,
    _bosituasjon,
    _inntekt,
    _avslutning,
    _samtaler,
    _samtaleform,
    _avtaler,
    _telling,
    _tidgivere,
    _ansatte,
]
