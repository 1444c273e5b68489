"""The resultatrapport: how the people in follow-up in a period have moved, by what the centre recorded.

Everything compares a person's first record with their latest one, both dated in or before the period's end,
and only people in follow-up in the period (`aktivitet.i_oppfolging`) count. Each comparison is one grouped
database query: the latest record of each person is picked by a subquery, the first one's value is brought beside
it by another, and conditional counts and averages do the rest. So the number of queries is fixed whatever the
data size, and no loop over people runs in Python. Every figure carries how many people it rests on (`n`), so
small-number protection (`rapporter.skjerming`) can hide it and the report can say "n = 23".

- Livsområder: the person's own rating (1–10) per area in the first and the latest kartlegging that rated it:
  improved, unchanged, worse, and the mean change. An area skipped in one of them is not compared.
- WHO-5: a change of `WHO5_MERKBAR_ENDRING` percentage points or more, up or down.
- AUDIT and DUDIT: the zone at the latest screening against the first (lower is better).
- Stage of change and the two rulers (importance, confidence), from the samtaler where they were noted.
- Tiltaksplaner: hovedmål reached or given up, tiltak completed, in the period.
- Situation at the period's end (the dated situation history) against at intake: housing and income (work as
  income; work and activity as a life area is in the first table).
- Reasons for avslutning among those ended in the period: the aktivitetsrapport's figure
  (`aktivitet.avsluttet_etter_arsak`).
"""

from django.db.models import Avg, Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, FirstValue, RowNumber

from deltakere.models import Avslutningsarsak, Bosituasjon, Deltaker, Inntekt, Situasjonsendring
from oppfolging import instrumenter, livsomrader
from oppfolging.models import (
    Endringsfase,
    Hovedmal,
    Kartlegging,
    Malstatus,
    Omradevurdering,
    Samtale,
    Screening,
    Tiltak,
    Tiltaksplan,
)

from .aktivitet import avsluttet_etter_arsak, i_oppfolging
from .tabeller import Celle, Rad, Tabell

ENDRING = ["Bedre", "Uendret", "Verre"]
# The stages in order; a relapse counts as the first step back.
FASER = [
    Endringsfase.TILBAKEFALL,
    Endringsfase.FOROVERVEIELSE,
    Endringsfase.OVERVEIELSE,
    Endringsfase.FORBEREDELSE,
    Endringsfase.HANDLING,
    Endringsfase.VEDLIKEHOLD,
]
STABIL_BOLIG = [Bosituasjon.EGEN_BOLIG, Bosituasjon.KOMMUNAL_BOLIG]


def resultattabeller(senter_ids, periode):
    """The resultatrapport's tables for the centres `senter_ids` in `periode`."""
    personer = i_oppfolging(senter_ids, periode).values("pk")
    til = periode.til
    return [
        _livsomrader(personer, til),
        _who5(personer, til),
        *[_soner(personer, til, instrument) for instrument in (instrumenter.AUDIT, instrumenter.DUDIT)],
        _endringsfase(personer, periode),
        _linjaler(personer, periode),
        _plan(personer, periode),
        _situasjon(
            personer, til, "bosituasjon", Bosituasjon, "Bosituasjon ved start og ved periodens slutt", "situasjon-bolig"
        ),
        _situasjon(personer, til, "inntekt", Inntekt, "Inntekt ved start og ved periodens slutt", "situasjon-inntekt"),
        _avslutning(senter_ids, periode),
    ]


def _kartlegginger(deltaker, til):
    return Kartlegging.objects.filter(deltaker=deltaker, dato__lte=til)


def _forste_og_siste(qs, partisjon, rekkefolge, felt):
    """`qs` (the population's records in or before the period) narrowed to the latest record of each group
    (`partisjon`: the person, and for ratings the area) that has an earlier one, annotated with `forste`: the value
    of `felt` in the group's first record. Window functions, so the database reads each record once."""
    grupper = [F(sti) for sti in partisjon]
    return qs.annotate(
        forste=Window(FirstValue(felt), partition_by=grupper, order_by=[F(f).asc() for f in rekkefolge]),
        nr_fra_siste=Window(RowNumber(), partition_by=grupper, order_by=[F(f).desc() for f in rekkefolge]),
        antall_i_gruppen=Window(Count("pk"), partition_by=grupper),
    ).filter(nr_fra_siste=1, antall_i_gruppen__gte=2)


KARTLEGGINGSORDEN = ["kartlegging__dato", "kartlegging__registrert", "kartlegging__pk"]


def _endringsrader(grupper, navn):
    """Rows of people improved / unchanged / worse, with n and mean change, from grouped aggregates."""
    rader = []
    for kode, tittel in navn:
        g = grupper.get(kode, {"n": 0, "bedre": 0, "uendret": 0, "verre": 0, "snitt": None})
        rader.append(
            Rad(
                tittel,
                [
                    *[Celle(g[k], n=g[k]) for k in ("bedre", "uendret", "verre")],
                    Celle(g["n"], n=g["n"]),
                    Celle(g["snitt"], n=g["n"], format="snitt"),
                ],
            )
        )
    return rader


def _endring_aggregater(felt, grense=1, hvor=None, navn=""):
    """People improved (a change of `grense` or more), unchanged (less either way), worse; and the mean change.
    `hvor` narrows them (one life area), `navn` prefixes the keys."""
    hvor = hvor or Q()
    return {
        f"{navn}n": Count("pk", filter=hvor),
        f"{navn}bedre": Count("pk", filter=hvor & Q(**{f"{felt}__gte": grense})),
        f"{navn}uendret": Count("pk", filter=hvor & Q(**{f"{felt}__gt": -grense, f"{felt}__lt": grense})),
        f"{navn}verre": Count("pk", filter=hvor & Q(**{f"{felt}__lte": -grense})),
        f"{navn}snitt": Avg(felt, filter=hvor),
    }


def _livsomrader(personer, til):
    vurderinger = Omradevurdering.objects.filter(
        kartlegging__deltaker__in=personer, kartlegging__dato__lte=til, egen__isnull=False
    )
    endret = _forste_og_siste(vurderinger, ["kartlegging__deltaker", "omrade"], KARTLEGGINGSORDEN, "egen").annotate(
        endring=F("egen") - F("forste")
    )
    # One aggregate over the pairs, counted per area.
    aggregater = {}
    for kode, _navn in livsomrader.VALG:
        aggregater.update(_endring_aggregater("endring", hvor=Q(omrade=kode), navn=f"{kode}:"))
    tall = endret.aggregate(**aggregater)
    grupper = {
        kode: {k: tall[f"{kode}:{k}"] for k in ("n", "bedre", "uendret", "verre", "snitt")}
        for kode, _navn in livsomrader.VALG
    }
    personer_n = (
        Deltaker.objects.filter(pk__in=personer)
        .annotate(antall=Subquery(_antall(_kartlegginger(OuterRef("pk"), til))))
        .filter(antall__gte=2)
        .count()
    )
    return Tabell(
        "Livsområder: første mot siste kartlegging",
        [*ENDRING, "Personer", "Snittendring"],
        _endringsrader(grupper, livsomrader.VALG),
        radoverskrift="Livsområde",
        merknad=(
            "Personens egen vurdering (1–10) i første og siste kartlegging som vurderte området, i eller før "
            "perioden. Et område som ble hoppet over, sammenlignes ikke."
        ),
        n=personer_n,
        id="livsomrader",
        diagram="livsomrader",
        kolonnesum=3,  # Personer = Bedre + Uendret + Verre
    )


def _antall(qs):
    """A subquery counting the rows of `qs` (correlated on OuterRef)."""
    return qs.order_by().values("deltaker").annotate(antall=Count("pk")).values("antall")[:1]


def _screeninger(personer, til, instrument, felt):
    screeninger = Screening.objects.filter(
        instrument=instrument.kode, fullstendig=True, kartlegging__deltaker__in=personer, kartlegging__dato__lte=til
    )
    return _forste_og_siste(screeninger, ["kartlegging__deltaker"], KARTLEGGINGSORDEN, felt)


def _who5(personer, til):
    grense = instrumenter.WHO5_MERKBAR_ENDRING
    tall = (
        _screeninger(personer, til, instrumenter.WHO5, "sum")
        .annotate(endring=(F("sum") - F("forste")) * 4)  # percentage points: the raw score times four
        .aggregate(**_endring_aggregater("endring", grense))
    )
    navn = [
        f"Bedre med {grense} prosentpoeng eller mer",
        f"Endring under {grense} prosentpoeng",
        f"Verre med {grense} prosentpoeng eller mer",
    ]
    rader = [Rad(t, [Celle(tall[k], n=tall[k])]) for t, k in zip(navn, ("bedre", "uendret", "verre"), strict=True)]
    rader.append(Rad("Sum", [Celle(tall["n"], n=tall["n"])], er_sum=True))
    rader.append(Rad("Snittendring (prosentpoeng)", [Celle(tall["snitt"], n=tall["n"], format="snitt")]))
    return Tabell(
        "WHO-5 trivsel: første mot siste screening",
        ["Personer"],
        rader,
        radoverskrift="Endring",
        merknad="Personer med minst to fullstendige WHO-5, i eller før perioden. Trivselsindeksen går fra 0 til 100.",
        n=tall["n"],
        id="who5",
    )


def _sonerang(instrument, felt):
    return Case(
        *[When(**{felt: sone.kode}, then=Value(i)) for i, sone in enumerate(instrument.soner)],
        output_field=IntegerField(),
    )


def _soner(personer, til, instrument):
    tall = (
        _screeninger(personer, til, instrument, "sone")
        .annotate(endring=_sonerang(instrument, "forste") - _sonerang(instrument, "sone"))
        .aggregate(**_endring_aggregater("endring"))
    )
    navn = ["Lavere sone (bedre)", "Samme sone", "Høyere sone (verre)"]
    rader = [Rad(t, [Celle(tall[k], n=tall[k])]) for t, k in zip(navn, ("bedre", "uendret", "verre"), strict=True)]
    rader.append(Rad("Sum", [Celle(tall["n"], n=tall["n"])], er_sum=True))
    return Tabell(
        f"{instrument.navn}: sone ved siste mot første screening",
        ["Personer"],
        rader,
        radoverskrift="Endring",
        merknad=f"Personer med minst to fullstendige {instrument.navn}, i eller før perioden. Sonene: "
        + "; ".join(s.navn for s in instrument.soner)
        + ".",
        n=tall["n"],
        id=instrument.kode,
    )


def _samtaler(personer, periode):
    return Samtale.objects.filter(deltaker__in=personer, tidspunkt__lt=periode.slutt)


def _endringsfase(personer, periode):
    rang = Case(*[When(endringsfase=f, then=Value(i)) for i, f in enumerate(FASER)], output_field=IntegerField())
    samtaler = _samtaler(personer, periode).exclude(endringsfase="")
    forste_rang = Case(*[When(forste=f, then=Value(i)) for i, f in enumerate(FASER)], output_field=IntegerField())
    tall = (
        _forste_og_siste(samtaler, ["deltaker"], ["tidspunkt", "pk"], "endringsfase")
        .annotate(endring=rang - forste_rang)
        .aggregate(**_endring_aggregater("endring"))
    )
    navn = ["Videre i endringsfasene", "Samme fase", "Tilbake (eller tilbakefall)"]
    rader = [Rad(t, [Celle(tall[k], n=tall[k])]) for t, k in zip(navn, ("bedre", "uendret", "verre"), strict=True)]
    rader.append(Rad("Sum", [Celle(tall["n"], n=tall["n"])], er_sum=True))
    return Tabell(
        "Endringsfase: første mot siste samtale der den ble notert",
        ["Personer"],
        rader,
        radoverskrift="Bevegelse",
        merknad="Fasene i rekkefølge: " + ", ".join(Endringsfase(f).label.lower() for f in FASER[1:]) + ".",
        n=tall["n"],
        id="endringsfase",
    )


def _linjaler(personer, periode):
    rader = []
    for felt, tittel in (("viktighet", "Hvor viktig en endring er"), ("mestringstro", "Hvor sikker på å klare det")):
        samtaler = _samtaler(personer, periode).filter(**{f"{felt}__isnull": False})
        tall = _forste_og_siste(samtaler, ["deltaker"], ["tidspunkt", "pk"], felt).aggregate(
            n=Count("pk"), for_=Avg("forste"), naa=Avg(felt)
        )
        n = tall["n"]
        endring = tall["naa"] - tall["for_"] if n else None
        rader.append(
            Rad(
                f"{tittel} (0–10)",
                [
                    Celle(tall["for_"], n=n, format="snitt"),
                    Celle(tall["naa"], n=n, format="snitt"),
                    Celle(endring, n=n, format="snitt"),
                    Celle(n, n=n),
                ],
            )  # fmt: skip
        )
    return Tabell(
        "Motivasjonslinjalene: første mot siste måling",
        ["Første (snitt)", "Siste (snitt)", "Endring", "Personer"],
        rader,
        radoverskrift="Linjal",
        merknad="Personer med minst to målinger i samtaler, i eller før perioden.",
        id="linjaler",
    )


def _plan(personer, periode):
    fra, til = periode.fra, periode.til
    mal = Hovedmal.objects.filter(plan__deltaker__in=personer, status_dato__gte=fra, status_dato__lte=til)
    tiltak = Tiltak.objects.filter(
        delmal__hovedmal__plan__deltaker__in=personer, status_dato__gte=fra, status_dato__lte=til
    )

    def antall(status, person):
        return {
            "antall": Count("pk", filter=Q(status=status)),
            "personer": Count(person, distinct=True, filter=Q(status=status)),
        }

    def rad(navn, tall):
        return Rad(navn, [Celle(tall["antall"], n=tall["personer"]), Celle(tall["personer"], n=tall["personer"])])

    med_plan = (
        Tiltaksplan.objects.filter(deltaker__in=personer, aktivert__lte=til)
        .exclude(avsluttet__lte=til)
        .aggregate(n=Count("deltaker", distinct=True))["n"]
    )
    rader = [
        rad("Hovedmål nådd", mal.aggregate(**antall(Malstatus.NADD, "plan__deltaker"))),
        rad("Hovedmål avbrutt", mal.aggregate(**antall(Malstatus.AVBRUTT, "plan__deltaker"))),
        rad("Tiltak fullført", tiltak.aggregate(**antall(Tiltak.Status.FULLFORT, "delmal__hovedmal__plan__deltaker"))),
        Rad("Med aktiv tiltaksplan ved periodens slutt", [Celle(None), Celle(med_plan, n=med_plan)]),
    ]
    return Tabell(
        "Tiltaksplaner: mål og tiltak i perioden",
        ["Antall", "Personer"],
        rader,
        radoverskrift="",
        merknad="Mål og tiltak som fikk denne statusen i perioden, blant dem som var i oppfølging i perioden.",
        id="tiltaksplaner",
    )


def _situasjon(personer, til, felt, valg, tittel, tabell_id):
    naa = Situasjonsendring.objects.filter(deltaker=OuterRef("pk"), dato__lte=til).order_by("-dato", "-registrert")
    qs = Deltaker.objects.filter(pk__in=personer).annotate(
        ved_slutt=Coalesce(Subquery(naa.values(felt)[:1]), F(f"{felt}_ved_start"))
    )
    aggregater = {"n": Count("pk")}
    for v in valg:
        aggregater[f"start_{v.value}"] = Count("pk", filter=Q(**{f"{felt}_ved_start": v}))
        aggregater[f"slutt_{v.value}"] = Count("pk", filter=Q(ved_slutt=v))
    if felt == "bosituasjon":
        aggregater["start_stabil"] = Count("pk", filter=Q(bosituasjon_ved_start__in=STABIL_BOLIG))
        aggregater["slutt_stabil"] = Count("pk", filter=Q(ved_slutt__in=STABIL_BOLIG))
    tall = qs.aggregate(**aggregater)
    rader = [
        Rad(v.label, [Celle(tall[f"start_{v.value}"], n=tall[f"start_{v.value}"]),
                      Celle(tall[f"slutt_{v.value}"], n=tall[f"slutt_{v.value}"])])
        for v in valg
    ]  # fmt: skip
    rader.append(Rad("Sum", [Celle(tall["n"], n=tall["n"]), Celle(tall["n"], n=tall["n"])], er_sum=True))
    merknad = (
        "Alle i oppfølging i perioden; situasjonen ved slutt er den sist registrerte på eller før periodens slutt."
    )
    if felt == "bosituasjon":
        rader.append(
            Rad("Av disse i egen eller kommunal bolig", [Celle(tall["start_stabil"], n=tall["start_stabil"]),
                                                          Celle(tall["slutt_stabil"], n=tall["slutt_stabil"])])
        )  # fmt: skip
    return Tabell(tittel, ["Ved start", "Ved periodens slutt"], rader, radoverskrift="", merknad=merknad, n=tall["n"],
                  id=tabell_id)  # fmt: skip


def _avslutning(senter_ids, periode):
    tall = avsluttet_etter_arsak(senter_ids, periode)
    valg = [*Avslutningsarsak.choices, ("", "Ikke oppgitt")]
    rader = [
        Rad(navn, [Celle(tall[k], n=tall[k])])
        for verdi, navn in valg
        for k in [f"arsak_{verdi}" if verdi else "uten_arsak"]
    ]
    rader.append(Rad("Sum", [Celle(tall["avsluttet"], n=tall["avsluttet"])], er_sum=True))
    return Tabell(
        "Avslutning i perioden: årsak",
        ["Personer"],
        rader,
        radoverskrift="Årsak",
        merknad="Alle som ble avsluttet i perioden, hver person én gang, med årsaken til siste avslutning.",
        n=tall["avsluttet"],
        id="resultat-avslutning",
    )
