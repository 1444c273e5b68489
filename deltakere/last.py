"""Test data at national scale for benchmarks and load runs: `python manage.py seed_load --scale 1`.

At scale 1: 20 centres, one of them with 5,000 deltakere, 20,000 deltakere in all, each with a dated
history (status, situation, contact persons) whose latest row is the current value, consents and a
network, and the staff a centre of that size has (ledere, veiledere, sosionomer, koordinatorer). Three
people at the largest centre have a long history (200 dated rows each), for the participant page's
benchmark. The first veileder there (`veileder0.senter0@…`, the benchmarks' user) is primærkontakt for
exactly 300 people (`STOR_KASELAST`), for Min oversikt's benchmark. Scale 0.1 is a tenth of everything
but those three. Every name is fictional; the dates are fixed (the latest is `SISTE_DATO`), and the same
scale gives the same data.

It writes in bulk and keeps the change history: every model with one gets its historical rows
(`bulk_create_with_history`), as the app's own writes would. The staff sign in with `LAST_PASSORD`.

The centres are recognised by their names (`LAST_MERKE`), the staff by their e-mail domain; `fjern_last`
removes all of it again (see the seed_load command).
"""

import copy
import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .models import (
    Avslutningsarsak,
    Bosituasjon,
    Bruker,
    Deltaker,
    Henvisningskilde,
    Innsending,
    Inntekt,
    Invitasjon,
    Kjonn,
    Kontaktform,
    Kontaktpersonendring,
    Medlemskap,
    Nettverkskontakt,
    Rolle,
    Samtykke,
    Senter,
    Situasjonsendring,
    Soningsforhold,
    Status,
    Statusendring,
    Tilgangslogg,
)

LAST_PASSORD = "Medvandrer-last-2026"
LAST_DOMENE = "last.medvandrer.test"
LAST_MERKE = " (lastdata)"  # the end of every seed_load centre's name
SISTE_DATO = date(2026, 9, 30)  # no dated row is later; fixed, so a run is repeatable
LANG_HISTORIKK = 3  # people at the largest centre with a long history ...
LANG_HISTORIKK_RADER = 200  # ... of this many dated rows each
STOR_KASELAST = 300  # the first veileder at the largest centre is primærkontakt for this many people (× scale)
BATCH = 2000

STEDER = [
    ("Fjordlia", "Bergen"), ("Elvebakken", "Oslo"), ("Nordlys", "Tromsø"), ("Solsiden", "Trondheim"),
    ("Havblikk", "Stavanger"), ("Skogly", "Hamar"), ("Bryggen", "Ålesund"), ("Lindehuset", "Skien"),
    ("Varden", "Bodø"), ("Tunet", "Lillehammer"), ("Kaien", "Kristiansand"), ("Bakkehuset", "Drammen"),
    ("Moloen", "Haugesund"), ("Furulund", "Gjøvik"), ("Strandgården", "Arendal"), ("Lyngheim", "Molde"),
    ("Vesthuset", "Fredrikstad"), ("Åsen", "Steinkjer"), ("Fyret", "Harstad"), ("Kilden", "Sandnes"),
]  # fmt: skip
FORNAVN = [
    "Aksel", "Birgit", "Cato", "Dagny", "Einar", "Frøydis", "Gunnar", "Hege", "Idun", "Jostein", "Kaja",
    "Lars", "Marit", "Nikolai", "Oline", "Pål", "Ragna", "Sindre", "Tuva", "Ulf", "Vilde", "Yngve", "Åshild",
    "Amir", "Bashir", "Chidi", "Daria", "Emre", "Farah", "Goran", "Hiba", "Igor", "Jamal", "Katarzyna",
    "Leila", "Mateusz", "Nadia", "Omar", "Petra", "Rashid", "Samira", "Tomasz", "Umar", "Vesna", "Zainab",
]  # fmt: skip
ETTERNAVN = [
    "Aamodt", "Bjørnstad", "Digre", "Elverum", "Flaten", "Grøtta", "Hovland", "Istad", "Juvet", "Kvamme",
    "Lunde", "Mjelde", "Nesheim", "Opsahl", "Prestegard", "Ramstad", "Skarsvåg", "Tveit", "Ulvestad",
    "Vatne", "Wiik", "Østgård", "Ådland", "Bakkevig", "Dalsbø", "Fossum", "Haugerud", "Kleppe", "Løvli",
    "Myrvold", "Nordbø", "Rustad", "Sletten", "Tangen", "Vestly", "Aasheim", "Brenden", "Engebretsen",
]  # fmt: skip
KALLENAVN = ["Fjellrev", "Tutta", "Sandy", "Bamsen", "Kvitten", "Ravn", "Lillegull", "Sjefen", "Tusse", "Kaptein"]
INTERESSER = [
    "Vil lage CV og søke jobb.", "Turer i skogen, gjerne med noen.", "Musikk; konserter uten alkohol.",
    "Fiske og friluftsliv.", "Lære å lage mat.", "Trening og fotball.", "Tegning og maling.",
    "Følge til NAV og hjelp med søknader.",
]  # fmt: skip
FORLOP = ["henvist"] * 4 + ["aktiv"] * 22 + ["pause"] * 5 + ["avsluttet"] * 7 + ["gjenopptatt"] * 2
STEG = {
    "henvist": [],
    "aktiv": [Status.AKTIV],
    "pause": [Status.AKTIV, Status.PAUSE],
    "avsluttet": [Status.AKTIV, Status.AVSLUTTET],
    "gjenopptatt": [Status.AKTIV, Status.AVSLUTTET, Status.AKTIV],
}
BOSITUASJONER = list(Bosituasjon)
INNTEKTER = list(Inntekt)


def last_epost(rolle, nummer, senter_nummer):
    """The e-mail address of seed_load's staff: `veileder0.senter0@last.medvandrer.test` is the first veileder
    at the largest centre (the benchmarks sign in as that one)."""
    return f"{rolle}{nummer}.senter{senter_nummer}@{LAST_DOMENE}"


def har_last():
    return Senter.objects.filter(navn__endswith=LAST_MERKE).exists()


def fjern_last(stdout):
    """Remove everything seed_load made, with its change history, and the access log and one-time tokens of
    its centres and staff (a benchmark leaves those behind).

    Raw deletes, in the order the foreign keys need: a benchmark database is emptied of test data, no
    change to anyone is made, so nothing is written to the change history (and it would take minutes).
    """
    sentre = Senter.objects.filter(navn__endswith=LAST_MERKE)
    senter_ids = list(sentre.values_list("pk", flat=True))
    bruker_ids = list(Bruker.objects.filter(email__endswith=f"@{LAST_DOMENE}").values_list("pk", flat=True))
    deltaker_ids = Deltaker.objects.filter(senter__in=senter_ids).values("pk")
    deltaker_liste = list(deltaker_ids.values_list("pk", flat=True))

    def slett(qs):
        qs._raw_delete(qs.db)  # no delete signals: see the docstring

    for modell in (Samtykke, Nettverkskontakt, Statusendring, Situasjonsendring, Kontaktpersonendring):
        slett(modell.history.filter(deltaker_id__in=deltaker_liste))
        slett(modell.objects.filter(deltaker__in=deltaker_ids))
    slett(Deltaker.history.filter(senter_id__in=senter_ids))
    slett(Deltaker.objects.filter(overfort_fra__isnull=False, senter__in=senter_ids))  # the later record first
    slett(Deltaker.objects.filter(senter__in=senter_ids))
    slett(Tilgangslogg.objects.filter(senter__in=senter_ids))
    slett(Invitasjon.history.filter(senter_id__in=senter_ids))
    slett(Invitasjon.objects.filter(senter__in=senter_ids))
    slett(Medlemskap.history.filter(senter_id__in=senter_ids))
    slett(Medlemskap.objects.filter(senter__in=senter_ids))
    slett(Innsending.objects.filter(bruker__in=bruker_ids))
    for modell in _otp_enheter():
        slett(modell.objects.filter(user__in=bruker_ids))
    slett(Bruker.objects.filter(pk__in=bruker_ids))
    slett(sentre)
    stdout.write(
        f"Fjernet lastdata: {len(senter_ids)} sentre, {len(deltaker_liste)} deltakere, {len(bruker_ids)} ansatte."
    )


def _otp_enheter():
    from django.apps import apps
    from django_otp.models import Device

    return [modell for modell in apps.get_models() if issubclass(modell, Device)]


def seed_load(scale, stdout):
    """Load `scale` × the national data set (see the module docstring)."""
    start = timezone.now()
    antall_sentre = max(2, round(20 * scale))
    totalt = max(antall_sentre * 10, round(20_000 * scale))
    storst = max(LANG_HISTORIKK + 10, round(5_000 * scale))
    ovrige = totalt - storst
    per_senter = [storst] + [ovrige // (antall_sentre - 1) + (1 if i < ovrige % (antall_sentre - 1) else 0)
                             for i in range(antall_sentre - 1)]  # fmt: skip

    sentre = Senter.objects.bulk_create(
        Senter(
            navn=f"{STEDER[i % len(STEDER)][0]} oppfølgingssenter{_nummer(i)}{LAST_MERKE}",
            kommune=STEDER[i % len(STEDER)][1],
            type=Senter.Type.OPPFOLGINGSSENTER if i % 5 else Senter.Type.GATENAERT,
            journalform=Senter.Journalform.METADATA if i % 7 == 6 else Senter.Journalform.FULL,
        )
        for i in range(antall_sentre)
    )
    stab = _lag_stab(sentre, per_senter)
    antall = {"deltakere": 0, "daterte rader": 0, "samtykker": 0, "nettverk": 0}
    for i, (senter, n) in enumerate(zip(sentre, per_senter, strict=True)):
        kaselast = max(10, round(STOR_KASELAST * scale)) if i == 0 else 0
        _lag_deltakere(senter, n, stab[senter.pk], random.Random(f"medvandrer-last-{i}"), i == 0, antall, kaselast)
    sekunder = (timezone.now() - start).total_seconds()
    ansatte = sum(len(brukere) for roller in stab.values() for brukere in roller.values())
    stdout.write(
        f"Lastdata (skala {scale:g}): {len(sentre)} sentre, {ansatte} ansatte, "
        f"{antall['deltakere']} deltakere, {antall['daterte rader']} daterte rader, {antall['samtykker']} samtykker, "
        f"{antall['nettverk']} nettverkskontakter, på {sekunder:.0f} s. Passord for alle ansatte: {LAST_PASSORD}"
    )


def _nummer(i):
    """Centres past the list of places get a number: "Fjordlia oppfølgingssenter 2"."""
    return f" {i // len(STEDER) + 1}" if i >= len(STEDER) else ""


def _lag_stab(sentre, per_senter):
    """Staff in proportion to each centre, made in bulk. Returns {senter_id: {rolle: [Bruker]}}."""
    passord = make_password(LAST_PASSORD)  # hashed once: the same password for all
    rader = []
    for i, (senter, n) in enumerate(zip(sentre, per_senter, strict=True)):
        roller = (
            [Rolle.LEDER] * (1 + (n > 2000))
            + [Rolle.TIDGIVERKOORDINATOR] * (1 + (n > 2000))
            + [Rolle.SOSIONOM] * max(1, n // 250)
            + [Rolle.VEILEDER] * max(2, n // 40)
        )
        for j, rolle in enumerate(roller):
            navn = f"{FORNAVN[(i * 7 + j) % len(FORNAVN)]} {ETTERNAVN[(i * 3 + j * 5) % len(ETTERNAVN)]}"
            email = last_epost(rolle, roller[:j].count(rolle), i)
            rader.append((senter, rolle, Bruker(email=email, navn=navn, password=passord)))
    brukere = Bruker.objects.bulk_create([bruker for _, _, bruker in rader], batch_size=BATCH)
    startet = SISTE_DATO - timedelta(days=900)
    medlemskap = []
    for (senter, rolle, _), bruker in zip(rader, brukere, strict=True):
        m = Medlemskap(bruker=bruker, senter=senter, rolle=rolle, startet=startet)
        m._history_date = _tidspunkt(startet, 0)
        medlemskap.append(m)
    bulk_create_with_history(medlemskap, Medlemskap, batch_size=BATCH)
    stab = {}
    for (senter, rolle, _), bruker in zip(rader, brukere, strict=True):
        stab.setdefault(senter.pk, {}).setdefault(rolle, []).append(bruker)
    return stab


def _tidspunkt(dato, n):
    """A fixed time of day on `dato`, `n` minutes on: rows of the same day keep their order."""
    return timezone.make_aware(datetime.combine(dato, time(9, 0)) + timedelta(minutes=n))


def _lag_deltakere(senter, antall, stab, rng, storst, antall_totalt, kaselast=0):
    """`antall` people at `senter` with their dated rows, consents and network, in bulk with change history.

    With `kaselast`, the first veileder is primærkontakt for exactly that many people (the ones after the long
    histories) and for nobody else."""
    kontakter = stab.get(Rolle.VEILEDER, []) + stab.get(Rolle.SOSIONOM, [])
    fast = kontakter[0] if kaselast else None
    ovrige = [k for k in kontakter if k != fast]
    leder = stab[Rolle.LEDER][0]
    personer = []  # (Deltaker, [dated rows], [consents], [network], [snapshots for the change history])
    for n in range(antall):
        lang = storst and n < LANG_HISTORIKK
        egen = fast if LANG_HISTORIKK <= n < LANG_HISTORIKK + kaselast else None
        personer.append(_person(senter, n, rng, ovrige, leder, lang, fast=egen))

    deltakere = [p[0] for p in personer]
    bulk_create_with_history(deltakere, Deltaker, batch_size=BATCH)
    underveis = [snapshot for p in personer for snapshot in p[4]]
    if underveis:  # the long histories: one entry per change, as the app's services make
        for snapshot in underveis:
            snapshot.pk = snapshot._deltaker.pk
        Deltaker.history.bulk_history_create(underveis, batch_size=BATCH, update=True)

    nettverk = []
    for deltaker, _, _, kontakter_, _ in personer:
        for kontakt in kontakter_:
            kontakt.deltaker = deltaker
            nettverk.append(kontakt)
    bulk_create_with_history(nettverk, Nettverkskontakt, batch_size=BATCH)
    daterte = {Statusendring: [], Situasjonsendring: [], Kontaktpersonendring: []}
    samtykker = []
    for deltaker, rader, samtykker_, _, _ in personer:
        for rad in rader:
            rad.deltaker = deltaker
            daterte[type(rad)].append(rad)
        for samtykke in samtykker_:
            samtykke.deltaker = deltaker  # and `gjelder`, saved above, gives its id as the row is saved
            samtykker.append(samtykke)
    for modell, rader in daterte.items():
        bulk_create_with_history(rader, modell, batch_size=BATCH)
    bulk_create_with_history(samtykker, Samtykke, batch_size=BATCH)
    antall_totalt["deltakere"] += len(deltakere)
    antall_totalt["daterte rader"] += sum(len(rader) for rader in daterte.values())
    antall_totalt["samtykker"] += len(samtykker)
    antall_totalt["nettverk"] += len(nettverk)


def _person(senter, n, rng, kontakter, leder, lang, fast=None):
    """One person and everything dated about them; the current values are those of the latest rows. With
    `fast`, that veileder is and stays the primærkontakt."""
    start = SISTE_DATO - timedelta(days=rng.randint(40, 1500 if not lang else 2400))
    primaer, sekundaer = rng.sample(kontakter, 2) if len(kontakter) >= 2 else (kontakter[0], None)
    if fast is not None:
        primaer = fast
    bo, inntekt = rng.choice(BOSITUASJONER[2:]), rng.choice(INNTEKTER[1:])
    lar, behandling = rng.random() < 0.25, rng.random() < 0.2
    soning = rng.choice([Soningsforhold.INGEN] * 6 + [Soningsforhold.PARAGRAF_12, Soningsforhold.PROVELOSLATT])
    kilde = rng.choice(list(Henvisningskilde))
    d = Deltaker(
        senter=senter,
        fornavn=rng.choice(FORNAVN),
        etternavn=rng.choice(ETTERNAVN),
        kallenavn=rng.choice(KALLENAVN) if n % 9 == 0 else "",
        fodselsaar=rng.randint(1955, 2006),
        kjonn=rng.choice(list(Kjonn)),
        telefon=f"4{rng.randint(0, 9999999):07d}" if n % 3 else "",
        kontaktform=rng.choice(list(Kontaktform)),
        interesser=rng.choice(INTERESSER),
        bosituasjon_ved_start=bo,
        inntekt_ved_start=inntekt,
        henvisning_kilde=kilde,
        henvisning_dato=start,
        henvisende_instans=f"NAV {senter.kommune}" if kilde == Henvisningskilde.NAV else "",
        samarbeidsavtale_signert=start + timedelta(days=14),
        samarbeidsavtale_notat="Senteret hjelper med bolig, følge til NAV og nettverk; gir ikke behandling.",
        opprettet=_tidspunkt(start, 0),
        opprettet_av=primaer,
    )
    d._history_date, d._history_user = _tidspunkt(start, 0), primaer
    rader = [
        Statusendring(til_status=Status.HENVIST, dato=start, registrert_av=primaer, registrert=_tidspunkt(start, 1)),
        Situasjonsendring(
            dato=start,
            bosituasjon=bo,
            inntekt=inntekt,
            lar=lar,
            i_behandling=behandling,
            soningsforhold=soning,
            registrert_av=primaer,
            registrert=_tidspunkt(start, 2),
        ),  # fmt: skip
        Kontaktpersonendring(
            dato=start,
            primaerkontakt=primaer,
            andrekontakt=sekundaer,
            registrert_av=primaer,
            registrert=_tidspunkt(start, 3),
        ),  # fmt: skip
    ]
    status, status_fra = Status.HENVIST, start
    if lang:
        endringer = _lang_historikk(d, rader, start, rng, kontakter, primaer)
        status, status_fra = endringer["status"]
        bo, inntekt, lar, behandling, soning = endringer["situasjon"]
        primaer, sekundaer = endringer["kontakter"]
        underveis = endringer["underveis"]
    else:
        underveis = []
        dato = start
        forlop = rng.choice(FORLOP)
        for k, til in enumerate(STEG[forlop]):
            dato = min(SISTE_DATO, dato + timedelta(days=rng.randint(3, 120)))
            ekstra = {}
            if til == Status.AVSLUTTET:
                arsaker = [a for a in Avslutningsarsak if a not in (Avslutningsarsak.OVERFORT, Avslutningsarsak.DOD)]
                ekstra = {"arsak": rng.choice(arsaker), "avslutningssamtale": dato - timedelta(days=5),
                          "apen_dor_til": dato + timedelta(days=90)}  # fmt: skip
            rader.append(Statusendring(fra_status=status, til_status=til, dato=dato, registrert_av=primaer,
                                       registrert=_tidspunkt(dato, 10 + k), **ekstra))  # fmt: skip
            status, status_fra = til, dato
        if forlop != "henvist" and rng.random() < 0.4:
            dato_sit = min(SISTE_DATO, start + timedelta(days=rng.randint(20, 300)))
            bo, inntekt = rng.choice([Bosituasjon.EGEN_BOLIG, Bosituasjon.KOMMUNAL_BOLIG]), rng.choice(INNTEKTER)
            soning = Soningsforhold.INGEN
            rader.append(Situasjonsendring(dato=dato_sit, bosituasjon=bo, inntekt=inntekt, lar=lar,
                                           i_behandling=behandling, soningsforhold=soning, registrert_av=primaer,
                                           registrert=_tidspunkt(dato_sit, 30)))  # fmt: skip
        if rng.random() < 0.3 and len(kontakter) > 2 and fast is None:
            dato_kp = min(SISTE_DATO, start + timedelta(days=rng.randint(30, 400)))
            primaer = rng.choice([k for k in kontakter if k not in (primaer, sekundaer)])
            rader.append(Kontaktpersonendring(dato=dato_kp, primaerkontakt=primaer, andrekontakt=sekundaer,
                                              registrert_av=leder, registrert=_tidspunkt(dato_kp, 40)))  # fmt: skip
    d.status, d.status_fra = status, status_fra
    d.bosituasjon, d.inntekt, d.lar, d.i_behandling, d.soningsforhold = bo, inntekt, lar, behandling, soning
    d.primaerkontakt, d.andrekontakt = primaer, sekundaer
    d.versjon = 1 + len(underveis)
    d.endret = max([_tidspunkt(start, 3), *(r.registrert for r in rader)])

    nav = Nettverkskontakt(
        rolle=Nettverkskontakt.Rolle.NAV,
        navn=f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}",
        relasjon=f"NAV {senter.kommune}",
        telefon="55550000",
        i_ansvarsgruppe=n % 3 == 0,
    )
    nav._history_date = _tidspunkt(start, 4)
    nettverk = [nav]
    if n % 4 == 1:
        parorende = Nettverkskontakt(
            rolle=Nettverkskontakt.Rolle.PARORENDE,
            navn=f"{rng.choice(FORNAVN)} {d.etternavn}",
            relasjon=rng.choice(["mor", "far", "søster", "bror", "tante"]),
        )
        parorende._history_date = _tidspunkt(start, 5)
        nettverk.append(parorende)
    samtykker = [Samtykke(type=Samtykke.Type.REGISTRERING, form=Samtykke.Form.SKRIFTLIG, dato=start)]
    if n % 3 != 2:
        samtykker.append(Samtykke(type=Samtykke.Type.STATISTIKK, form=Samtykke.Form.SKRIFTLIG, dato=start))
    if n % 2 == 0:
        trukket = start + timedelta(days=20) if n % 10 == 0 else None
        samtykker.append(Samtykke(type=Samtykke.Type.DELE_MED_TIDGIVER, form=Samtykke.Form.MUNTLIG, dato=start,
                                  trukket=trukket))  # fmt: skip
    if n % 5 != 4:
        samtykker.append(Samtykke(type=Samtykke.Type.KONTAKT_INSTANS, gjelder=nav, form=Samtykke.Form.SKRIFTLIG,
                                  dato=start))  # fmt: skip
    for k, samtykke in enumerate(samtykker):
        samtykke.registrert_av, samtykke.registrert = d.opprettet_av, _tidspunkt(start, 6 + k)
        samtykke._history_date = samtykke.registrert
    for rad in rader:
        rad._history_date, rad._history_user = rad.registrert, rad.registrert_av
    return d, rader, samtykker, nettverk, underveis


def _lang_historikk(d, rader, start, rng, kontakter, primaer):
    """LANG_HISTORIKK_RADER dated rows after the intake: status between aktiv and pause, situation and contact
    persons changing; and for each change the change-history entry the app would make for the person."""
    status, status_fra = Status.HENVIST, start
    situasjon = [rader[1].bosituasjon, rader[1].inntekt, rader[1].lar, rader[1].i_behandling, rader[1].soningsforhold]
    kontaktpar = (primaer, rader[2].andrekontakt)
    underveis = []
    dager = (SISTE_DATO - start).days
    for k in range(LANG_HISTORIKK_RADER):
        dato = start + timedelta(days=1 + k * (dager - 1) // LANG_HISTORIKK_RADER)
        tidspunkt = _tidspunkt(dato, 50 + k)
        if k % 2 == 0:
            til = Status.AKTIV if status != Status.AKTIV else Status.PAUSE
            rader.append(Statusendring(fra_status=status, til_status=til, dato=dato, registrert_av=kontaktpar[0],
                                       registrert=tidspunkt))  # fmt: skip
            status, status_fra = til, dato
        elif k % 4 == 1:
            situasjon = [rng.choice(BOSITUASJONER), rng.choice(INNTEKTER), rng.random() < 0.5, rng.random() < 0.3, ""]
            rader.append(Situasjonsendring(dato=dato, bosituasjon=situasjon[0], inntekt=situasjon[1],
                                           lar=situasjon[2], i_behandling=situasjon[3], soningsforhold="",
                                           registrert_av=kontaktpar[0], registrert=tidspunkt))  # fmt: skip
        else:
            kontaktpar = tuple(rng.sample(kontakter, 2))
            rader.append(Kontaktpersonendring(dato=dato, primaerkontakt=kontaktpar[0], andrekontakt=kontaktpar[1],
                                              registrert_av=kontaktpar[0], registrert=tidspunkt))  # fmt: skip
        snapshot = copy.copy(d)
        snapshot._deltaker = d
        snapshot.status, snapshot.status_fra = status, status_fra
        snapshot.bosituasjon, snapshot.inntekt, snapshot.lar, snapshot.i_behandling, snapshot.soningsforhold = situasjon
        snapshot.primaerkontakt, snapshot.andrekontakt = kontaktpar
        snapshot.versjon = 2 + k
        snapshot._history_date, snapshot._history_user = tidspunkt, kontaktpar[0]
        underveis.append(snapshot)
    return {"status": (status, status_fra), "situasjon": situasjon, "kontakter": kontaktpar, "underveis": underveis}
