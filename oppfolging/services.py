"""Writes of the follow-up work: kartlegging, screening and the tiltaksplan. Each in one transaction, through
save() (so the change history keeps who changed what), with the dates and the journal mode checked here."""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from deltakere import datogrenser
from deltakere.datogrenser import grensefeil, krev
from deltakere.models import (
    FRITEKST_IKKE_TILLATT,
    KONTAKTPERSONROLLER,
    Kontaktpersonendring,
    Medlemskap,
    Nettverkskontakt,
)
from deltakere.services import Versjonskonflikt, lagre_med_versjon

from . import instrumenter, livsomrader, tellinger
from .models import (
    Avtale,
    Delmal,
    Hovedmal,
    Kartlegging,
    Malstatus,
    Omradevurdering,
    Oppgave,
    Samtale,
    Samtaletype,
    Screening,
    Telling,
    Tiltak,
    Tiltaksplan,
    Utkast,
    Veiledningskommentar,
)

# ---------------------------------------------------------------------------
# Kartlegging
# ---------------------------------------------------------------------------


def _sjekk_vurderinger(vurderinger):
    """Every life area once, each rated by the person or skipped. Returns {kode: fields}."""
    etter_kode = {v["omrade"]: v for v in vurderinger}
    feil = {}
    for omrade in livsomrader.LIVSOMRADER:
        v = etter_kode.get(omrade.kode, {})
        if v.get("hoppet_over"):
            if v.get("egen") or v.get("ansatt") or v.get("viktig"):
                feil[f"{omrade.kode}_hoppet_over"] = (
                    f"{omrade.navn}: et område som hoppes over, har ingen vurdering. Fjern vurderingen eller "
                    "velg at området ikke skal hoppes over."
                )
        elif not v.get("egen"):
            feil[f"{omrade.kode}_egen"] = (
                f"{omrade.navn}: velg personens egen vurdering fra 1 til 10, eller hopp over området."
            )
    if feil:
        raise ValidationError(feil)
    return etter_kode


def _lagre_vurderinger(kartlegging, etter_kode, *, ny, av=None):
    """Every area's row. A new kartlegging's eleven rows are inserted at once, with their history rows
    (bulk_create_with_history: no write bypasses the history); a correction saves row by row."""
    eksisterende = {} if ny else {o.omrade: o for o in Omradevurdering.objects.filter(kartlegging=kartlegging)}
    nye = []
    for omrade in livsomrader.LIVSOMRADER:
        v = etter_kode[omrade.kode]
        rad = eksisterende.get(omrade.kode) or Omradevurdering(kartlegging=kartlegging, omrade=omrade.kode)
        hoppet = v.get("hoppet_over") or ""
        rad.hoppet_over = hoppet
        rad.egen = None if hoppet else v.get("egen")
        rad.ansatt = None if hoppet else v.get("ansatt")
        rad.viktig = False if hoppet else bool(v.get("viktig"))
        rad.onske = v.get("onske") or ""
        if rad.pk is None and ny:
            nye.append(rad)
        else:
            rad.save()
    if nye:  # the journal mode was checked by the caller (_sjekk_fritekst); bulk inserts do not call save()
        bulk_create_with_history(nye, Omradevurdering, default_user=av)


def _sjekk_fritekst(deltaker, kommentar, etter_kode):
    """At a centre in journal mode `metadata` no free text is stored: the message stands by the field."""
    if deltaker.senter.fritekst_tillatt:
        return
    feil = {f"{kode}_onske": FRITEKST_IKKE_TILLATT for kode, v in etter_kode.items() if v.get("onske")}
    if kommentar:
        feil["kommentar"] = FRITEKST_IKKE_TILLATT
    if feil:
        raise ValidationError(feil)


@transaction.atomic
def registrer_kartlegging(deltaker, *, dato, utfort_av, vurderinger, av, kommentar=""):
    """A new kartlegging: the date, who carried it out, and every life area rated or skipped."""
    krev(dato=datogrenser.i_oppfolgingen(dato, deltaker))
    etter_kode = _sjekk_vurderinger(vurderinger)
    _sjekk_fritekst(deltaker, kommentar, etter_kode)
    kartlegging = Kartlegging.objects.create(
        deltaker=deltaker, dato=dato, utfort_av=utfort_av, kommentar=kommentar, registrert_av=av
    )
    _lagre_vurderinger(kartlegging, etter_kode, ny=True, av=av)
    return kartlegging


@transaction.atomic
def endre_kartlegging(kartlegging, *, versjon, dato, utfort_av, vurderinger, kommentar=""):
    """A correction; the change history keeps what it said before. Refused if someone saved in between."""
    krev(dato=datogrenser.i_oppfolgingen(dato, kartlegging.deltaker))
    etter_kode = _sjekk_vurderinger(vurderinger)
    _sjekk_fritekst(kartlegging.deltaker, kommentar, etter_kode)
    lagre_med_versjon(kartlegging, versjon, {"dato": dato, "utfort_av": utfort_av, "kommentar": kommentar})
    _lagre_vurderinger(kartlegging, etter_kode, ny=False)
    return kartlegging


@transaction.atomic
def lagre_screening(kartlegging, *, instrument, svar, av):
    """Save (or correct) one instrument's answers; scored as published, incomplete when an item is unanswered."""
    definisjon = instrumenter.INSTRUMENTER[instrument]
    renset = definisjon.rens(svar)
    kjonn = kartlegging.deltaker.kjonn if kartlegging.deltaker.kjonn in ("mann", "kvinne") else ""
    resultat = definisjon.skaar(renset, kjonn=kjonn)
    screening = Screening.objects.filter(kartlegging=kartlegging, instrument=instrument).first() or Screening(
        kartlegging=kartlegging, instrument=instrument
    )
    screening.svar = {str(nr): poeng for nr, poeng in sorted(renset.items())}
    screening.fullstendig = resultat.fullstendig
    screening.sum = resultat.sum
    screening.sone = resultat.sone.kode if resultat.sone else ""
    screening.kjonn = kjonn
    screening.registrert_av = screening.registrert_av or av
    screening.save()
    return screening


# ---------------------------------------------------------------------------
# Tiltaksplan: every change raises the plan's version, so a second editor is told
# ---------------------------------------------------------------------------


def _rør(plan, versjon, **felter):
    """Check the version the user started from and raise it (with any plan fields), in this transaction."""
    lagre_med_versjon(plan, versjon, felter)


def _sjekk_redigerbar(plan):
    if plan.status == Tiltaksplan.Status.AVSLUTTET:
        raise ValidationError("Planen er avsluttet og kan bare leses. Lag en ny plan for å fortsette.")


@transaction.atomic
def opprett_plan(deltaker, *, av, hovedmal=()):
    """A new plan (a draft until it is made active), with hovedmål from the kartlegging or typed in.

    `hovedmal` is a list of {"tekst", "livsomrade", "tidgiver_kan_hjelpe"}.
    """
    if Tiltaksplan.objects.filter(deltaker=deltaker, status=Tiltaksplan.Status.UTKAST).exists():
        raise ValidationError("Det finnes allerede et utkast til plan. Fortsett på det.")
    plan = Tiltaksplan.objects.create(deltaker=deltaker, opprettet_av=av)
    for nr, mal in enumerate(hovedmal):
        Hovedmal.objects.create(
            plan=plan,
            tekst=mal.get("tekst", ""),
            livsomrade=mal["livsomrade"],
            tidgiver_kan_hjelpe=bool(mal.get("tidgiver_kan_hjelpe")),
            rekkefolge=nr,
        )
    return plan


@transaction.atomic
def aktiver_plan(plan, *, versjon, dato):
    """The draft becomes the active plan; an earlier active plan is ended the same day."""
    if plan.status != Tiltaksplan.Status.UTKAST:
        raise ValidationError("Bare et utkast kan gjøres til aktiv plan.")
    krev(dato=datogrenser.i_oppfolgingen(dato, plan.deltaker))
    for gammel in Tiltaksplan.objects.select_for_update().filter(
        deltaker=plan.deltaker, status=Tiltaksplan.Status.AKTIV
    ):
        gammel.status, gammel.avsluttet = Tiltaksplan.Status.AVSLUTTET, dato
        gammel.versjon += 1
        gammel.save()
    try:
        with transaction.atomic():
            _rør(plan, versjon, status=Tiltaksplan.Status.AKTIV, aktivert=dato)
    except IntegrityError as exc:  # another plan was made active at the same moment
        raise Versjonskonflikt(Tiltaksplan.objects.get(pk=plan.pk)) from exc
    return plan


@transaction.atomic
def endre_plan(plan, *, versjon, evalueringsdato, gjennomgatt, deltakers_kommentar):
    _sjekk_redigerbar(plan)
    krev(
        evalueringsdato=grensefeil(
            evalueringsdato,
            fra=datogrenser.kjent_fra(plan.deltaker),
            fra_tekst="senteret kjente personen",
            til=timezone.localdate() + datogrenser.AVSLUTNINGSSAMTALE_MAKS_FRAM * 2,
            til_tekst="to år fram i tid",
        ),
        gjennomgatt=datogrenser.i_oppfolgingen(gjennomgatt, plan.deltaker),
    )
    _rør(
        plan,
        versjon,
        evalueringsdato=evalueringsdato,
        gjennomgatt=gjennomgatt,
        deltakers_kommentar=deltakers_kommentar,
    )
    return plan


@transaction.atomic
def avslutt_plan(plan, *, versjon, dato):
    if plan.status == Tiltaksplan.Status.AVSLUTTET:
        raise ValidationError("Planen er allerede avsluttet.")
    krev(dato=datogrenser.i_oppfolgingen(dato, plan.deltaker))
    _rør(plan, versjon, status=Tiltaksplan.Status.AVSLUTTET, avsluttet=dato)
    return plan


@transaction.atomic
def legg_til_hovedmal(plan, *, versjon, tekst, livsomrade, tidgiver_kan_hjelpe=False):
    _sjekk_redigerbar(plan)
    _rør(plan, versjon)
    rekkefolge = Hovedmal.objects.filter(plan=plan).count()
    return Hovedmal.objects.create(
        plan=plan, tekst=tekst, livsomrade=livsomrade, tidgiver_kan_hjelpe=tidgiver_kan_hjelpe, rekkefolge=rekkefolge
    )


@transaction.atomic
def endre_hovedmal(hovedmal, *, versjon, tekst, livsomrade, status, tidgiver_kan_hjelpe, dato=None):
    """Change a main goal; reaching or dropping it is dated (the outcome report counts it)."""
    plan = hovedmal.plan
    _sjekk_redigerbar(plan)
    dato = dato or timezone.localdate()
    if status != hovedmal.status:
        krev(dato=datogrenser.i_oppfolgingen(dato, plan.deltaker))
        hovedmal.status_dato = dato if status != Malstatus.PAGAR else None
    _rør(plan, versjon)
    hovedmal.tekst, hovedmal.livsomrade, hovedmal.status = tekst, livsomrade, status
    hovedmal.tidgiver_kan_hjelpe = tidgiver_kan_hjelpe
    hovedmal.save()
    return hovedmal


@transaction.atomic
def legg_til_delmal(hovedmal, *, versjon, tekst):
    _sjekk_redigerbar(hovedmal.plan)
    _rør(hovedmal.plan, versjon)
    return Delmal.objects.create(
        hovedmal=hovedmal, tekst=tekst, rekkefolge=Delmal.objects.filter(hovedmal=hovedmal).count()
    )


def _sjekk_ansvar(plan, ansvar, ansvarlig_ansatt, ansvarlig_kontakt):
    if ansvar == Tiltak.Ansvar.ANSATT:
        if ansvarlig_ansatt is None:
            raise ValidationError({"ansvarlig_ansatt": "Velg hvilken ansatt som har ansvaret."})
        if not Medlemskap.objects.filter(
            senter=plan.deltaker.senter_id, bruker=ansvarlig_ansatt, sluttet__isnull=True, rolle__in=KONTAKTPERSONROLLER
        ).exists():
            raise ValidationError({"ansvarlig_ansatt": f"{ansvarlig_ansatt} jobber ikke ved senteret."})
        return ansvarlig_ansatt, None
    if ansvar == Tiltak.Ansvar.NETTVERK:
        if ansvarlig_kontakt is None:
            raise ValidationError({"ansvarlig_kontakt": "Velg hvem i nettverket som har ansvaret."})
        if not Nettverkskontakt.objects.filter(pk=ansvarlig_kontakt.pk, deltaker=plan.deltaker).exists():
            raise ValidationError({"ansvarlig_kontakt": "Kontakten hører ikke til denne deltakeren."})
        return None, ansvarlig_kontakt
    return None, None


def _sjekk_frist(plan, frist):
    krev(
        frist=grensefeil(
            frist,
            fra=datogrenser.kjent_fra(plan.deltaker),
            fra_tekst="senteret kjente personen",
            til=timezone.localdate() + datogrenser.APEN_DOR_MAKS,
            til_tekst="to år fram i tid",
        )
    )


@transaction.atomic
def legg_til_tiltak(delmal, *, versjon, hva, ansvar, frist=None, ansvarlig_ansatt=None, ansvarlig_kontakt=None):
    plan = delmal.hovedmal.plan
    _sjekk_redigerbar(plan)
    ansatt, kontakt = _sjekk_ansvar(plan, ansvar, ansvarlig_ansatt, ansvarlig_kontakt)
    _sjekk_frist(plan, frist)
    _rør(plan, versjon)
    return Tiltak.objects.create(
        delmal=delmal,
        hva=hva,
        ansvar=ansvar,
        ansvarlig_ansatt=ansatt,
        ansvarlig_kontakt=kontakt,
        frist=frist,
        rekkefolge=Tiltak.objects.filter(delmal=delmal).count(),
    )


@transaction.atomic
def endre_tiltak(
    tiltak, *, versjon, hva, ansvar, frist, status, ansvarlig_ansatt=None, ansvarlig_kontakt=None, dato=None
):
    plan = tiltak.delmal.hovedmal.plan
    _sjekk_redigerbar(plan)
    ansatt, kontakt = _sjekk_ansvar(plan, ansvar, ansvarlig_ansatt, ansvarlig_kontakt)
    _sjekk_frist(plan, frist)
    _sett_status(tiltak, status, dato)
    _rør(plan, versjon)
    tiltak.hva, tiltak.ansvar, tiltak.frist = hva, ansvar, frist
    tiltak.ansvarlig_ansatt, tiltak.ansvarlig_kontakt = ansatt, kontakt
    tiltak.save()
    return tiltak


def _sett_status(tiltak, status, dato):
    if status != tiltak.status:
        dato = dato or timezone.localdate()
        krev(dato=datogrenser.i_oppfolgingen(dato, tiltak.delmal.hovedmal.plan.deltaker))
        tiltak.status, tiltak.status_dato = status, dato


@transaction.atomic
def sett_tiltak_status(tiltak, *, versjon, status, dato=None):
    """Tick a tiltak off (or on): the status and the date it changed (the outcome report counts completions)."""
    plan = tiltak.delmal.hovedmal.plan
    _sjekk_redigerbar(plan)
    _sett_status(tiltak, status, dato)
    _rør(plan, versjon)
    tiltak.save()
    return tiltak


# ---------------------------------------------------------------------------
# Samtaler and contacts
# ---------------------------------------------------------------------------

MOTIVASJONSFELTER = (
    "endringsfase", "viktighet", "mestringstro", "onske_fremtid", "hva_kan_stotte", "annerledes_neste_gang",
    "sosionom_inn",
)  # fmt: skip
# A samtale may be logged a little ahead of the clock (it is about to end); not more.
FRAMOVER = timedelta(minutes=30)


def _sjekk_samtale(deltaker, tidspunkt, varighet, fritekst):
    krev(
        tidspunkt=grensefeil(
            timezone.localtime(tidspunkt).date(),
            fra=datogrenser.kjent_fra(deltaker),
            fra_tekst="senteret kjente personen",
        )
        or ("Tidspunktet kan ikke være fram i tid." if tidspunkt > timezone.now() + FRAMOVER else None),
        varighet="Varigheten kan være høyst 24 timer." if varighet is not None and varighet > 24 * 60 else None,
    )
    if not deltaker.senter.fritekst_tillatt:
        krev(**{felt: FRITEKST_IKKE_TILLATT for felt, verdi in fritekst.items() if verdi})


def _samtaledata(data):
    """The fields a samtale keeps; the motivation fields only on a motivasjonssamtale."""
    data = dict(data)
    if data.get("type") != Samtaletype.MOTIVASJON:
        for felt in MOTIVASJONSFELTER:
            data[felt] = (
                False if felt == "sosionom_inn" else ("" if felt not in ("viktighet", "mestringstro") else None)
            )
    data["livsomrader"] = [kode for kode in data.get("livsomrader") or [] if kode in livsomrader.ETTER_KODE]
    return data


@transaction.atomic
def registrer_samtale(deltaker, *, av, ansatte=(), neste_avtale=None, **data):
    """Log a samtale or contact. A motivasjonssamtale that calls for the sosionomtjeneste makes a task for them;
    a next appointment is made from it; the writer's draft for the person is removed."""
    data = _samtaledata(data)
    _sjekk_samtale(deltaker, data["tidspunkt"], data.get("varighet"), {f: data.get(f) for f in Samtale.FRITEKSTFELTER})
    samtale = Samtale.objects.create(deltaker=deltaker, registrert_av=av, **data)
    samtale.ansatte.set(list(ansatte) or ([av] if av else []))
    if neste_avtale:
        ny_avtale(deltaker, av=av, fra_samtale=samtale, **neste_avtale)
    if samtale.sosionom_inn:
        Oppgave.objects.create(
            senter=deltaker.senter,
            deltaker=deltaker,
            hva="Motivasjonssamtale: sosionomtjenesten bør ta kontakt.",
            gruppe=Oppgave.Gruppe.SOSIONOMTJENESTEN,
            frist=timezone.localdate() + timedelta(days=7),
            fra_samtale=samtale,
            opprettet_av=av,
        )
    if av is not None:
        Utkast.objects.filter(bruker=av, deltaker=deltaker).delete()
    return samtale


@transaction.atomic
def endre_samtale(samtale, *, versjon, ansatte=None, **data):
    data = _samtaledata(data)
    _sjekk_samtale(samtale.deltaker, data["tidspunkt"], data.get("varighet"),
                   {f: data.get(f) for f in Samtale.FRITEKSTFELTER})  # fmt: skip
    lagre_med_versjon(samtale, versjon, data)
    if ansatte is not None:
        samtale.ansatte.set(ansatte)
    return samtale


ANGRE = timedelta(minutes=10)


@transaction.atomic
def angre_samtale(samtale, *, av):
    """Undo a contact just logged (the quick log): only its author, and only for a few minutes. The change
    history keeps that it was there."""
    if samtale.registrert_av_id != getattr(av, "pk", None):
        raise ValidationError("Bare den som registrerte kontakten, kan angre den.")
    if timezone.now() - samtale.registrert > ANGRE:
        raise ValidationError("Det er for sent å angre. Rett kontakten i stedet.")
    Avtale.objects.filter(fra_samtale=samtale).delete()
    Oppgave.objects.filter(fra_samtale=samtale).delete()
    samtale.delete()


def kommenter_samtale(samtale, *, tekst, av):
    """A leder's comment (faglig veiledning); the author of the samtale sees it."""
    if not tekst.strip():
        raise ValidationError({"tekst": "Skriv kommentaren."})
    if not samtale.deltaker.senter.fritekst_tillatt:
        raise ValidationError({"tekst": FRITEKST_IKKE_TILLATT})
    return Veiledningskommentar.objects.create(samtale=samtale, tekst=tekst.strip(), skrevet_av=av)


def merk_kommentarer_lest(samtale, *, bruker):
    """The author of the samtale has seen the comments on it."""
    if samtale.registrert_av_id == bruker.pk:
        for kommentar in Veiledningskommentar.objects.filter(samtale=samtale, lest__isnull=True):
            kommentar.lest = timezone.now()
            kommentar.save(update_fields=["lest"])


def lagre_utkast(deltaker, *, bruker, data):
    """Keep what is typed into a samtale note, tied to this user and this person (never shown to anyone else)."""
    utkast, _ = Utkast.objects.update_or_create(
        bruker=bruker, deltaker=deltaker, defaults={"data": data, "oppdatert": timezone.now()}
    )
    return utkast


def slett_utkast(deltaker, *, bruker):
    Utkast.objects.filter(bruker=bruker, deltaker=deltaker).delete()


# ---------------------------------------------------------------------------
# Appointments
# ---------------------------------------------------------------------------


def _sjekk_avtale(deltaker, tidspunkt, med):
    dato = timezone.localtime(tidspunkt).date()
    krev(
        tidspunkt=grensefeil(
            dato,
            fra=datogrenser.kjent_fra(deltaker),
            fra_tekst="senteret kjente personen",
            til=timezone.localdate() + datogrenser.APEN_DOR_MAKS,
            til_tekst="to år fram i tid",
        )
    )
    if (
        med is not None
        and not Medlemskap.objects.filter(
            senter=deltaker.senter_id, bruker=med, sluttet__isnull=True, rolle__in=KONTAKTPERSONROLLER
        ).exists()
    ):
        raise ValidationError({"med": f"{med} jobber ikke ved senteret."})


@transaction.atomic
def ny_avtale(deltaker, *, tidspunkt, form, av, med=None, notat="", fra_samtale=None):
    _sjekk_avtale(deltaker, tidspunkt, med)
    if notat and not deltaker.senter.fritekst_tillatt:
        raise ValidationError({"notat": FRITEKST_IKKE_TILLATT})
    return Avtale.objects.create(
        deltaker=deltaker, tidspunkt=tidspunkt, form=form, med=med or av, notat=notat, fra_samtale=fra_samtale,
        registrert_av=av,
    )  # fmt: skip


@transaction.atomic
def sett_avtalestatus(avtale, *, status):
    """Kept, not kept ("uteble", counted in the reports), or cancelled. Only an appointment that has begun can
    be kept or missed."""
    if status in (Avtale.Status.GJENNOMFORT, Avtale.Status.UTEBLE) and avtale.tidspunkt > timezone.now() + FRAMOVER:
        raise ValidationError({"status": "En avtale fram i tid kan ikke være gjennomført eller uteblitt ennå."})
    avtale.status = status
    avtale.save(update_fields=["status"])
    return avtale


# ---------------------------------------------------------------------------
# Morgenmøte tasks
# ---------------------------------------------------------------------------


# A guest is named by a first name or a description only: never a fødselsnummer (11 digits, spaces allowed)
# and never what looks like a full name (two or more capitalised words in a row).
_FODSELSNUMMER = re.compile(r"(?<!\d)(\d[\s.-]?){10}\d(?!\d)")
_FULLT_NAVN = re.compile(r"\b[A-ZÆØÅ][a-zæøåéü'-]+\s+[A-ZÆØÅ][a-zæøåéü'-]+")


def gjestefeil(gjest):
    """Why `gjest` may not be stored, or None."""
    if _FODSELSNUMMER.search(gjest or ""):
        return "Ikke skriv fødselsnummer eller andre lange tall om en gjest. Skriv et fornavn eller en beskrivelse."
    if _FULLT_NAVN.search(gjest or ""):
        return "Skriv bare fornavnet eller en beskrivelse av gjesten, ikke fullt navn."
    return None


def _sjekk_oppgave(senter, deltaker, gjest, tildelt, gruppe):
    feil = {}
    if gjestefeil(gjest):
        feil["gjest"] = gjestefeil(gjest)
    if deltaker is not None and deltaker.senter_id != senter.pk:
        feil["deltaker"] = "Personen følges ikke opp ved dette senteret."
    if deltaker is not None and gjest:
        feil["gjest"] = "Velg enten en registrert deltaker eller skriv om en gjest, ikke begge."
    if (
        tildelt is not None
        and not Medlemskap.objects.filter(senter=senter, bruker=tildelt, sluttet__isnull=True).exists()
    ):
        feil["tildelt"] = f"{tildelt} jobber ikke ved senteret."
    if tildelt is not None and gruppe:
        feil["gruppe"] = "Velg enten en person eller en gruppe."
    if feil:
        raise ValidationError(feil)


@transaction.atomic
def ny_oppgave(senter, *, hva, av, deltaker=None, gjest="", tildelt=None, gruppe="", frist=None):
    if _FODSELSNUMMER.search(hva or ""):
        raise ValidationError({"hva": "Ikke skriv fødselsnummer eller andre lange tall i oppgaven."})
    _sjekk_oppgave(senter, deltaker, gjest, tildelt, gruppe)
    krev(frist=grensefeil(frist, til=timezone.localdate() + timedelta(days=365), til_tekst="ett år fram i tid"))
    return Oppgave.objects.create(
        senter=senter, deltaker=deltaker, gjest=gjest, hva=hva, tildelt=tildelt, gruppe=gruppe, frist=frist,
        opprettet_av=av,
    )  # fmt: skip


@transaction.atomic
def tildel_oppgave(oppgave, *, tildelt=None, gruppe=""):
    _sjekk_oppgave(oppgave.senter, oppgave.deltaker, oppgave.gjest, tildelt, gruppe)
    oppgave.tildelt, oppgave.gruppe = tildelt, gruppe
    oppgave.save(update_fields=["tildelt", "gruppe"])
    return oppgave


@transaction.atomic
def fullfor_oppgave(oppgave, *, ferdig=True):
    oppgave.ferdig = timezone.now() if ferdig else None
    oppgave.save(update_fields=["ferdig"])
    return oppgave


# ---------------------------------------------------------------------------
# The daily tally (besøkstelling): anonymous counts per centre and opening day
# ---------------------------------------------------------------------------


TELLING_FRA = date(2000, 1, 1)  # no count is older


def _sjekk_tellingsdag(senter, dato, kan_rette):
    idag = timezone.localdate()
    krev(dato=grensefeil(dato, fra=TELLING_FRA, fra_tekst="år 2000"))
    if dato != idag and not kan_rette:
        raise ValidationError({"dato": "Bare en leder kan rette tellingen for en tidligere dag."})


TELLING_MAKS = 100_000  # as Telling.antall's validator


@transaction.atomic
def lagre_telling(senter, *, dato, verdier, kan_rette, forventet=None):
    """Save the counts of one day ({counter: number}); earlier days only by a leder (kept in the change history).

    `forventet` ({counter: number}) is what the form showed when it was opened: a counter someone else changed
    since (a +1 on another PC) is refused unless the typed number is what it is now, so no count is lost
    unseen."""
    _sjekk_tellingsdag(senter, dato, kan_rette)
    tellere = {t.kode for t in tellinger.tellere_for(senter)}
    krev(**{teller: f"Tallet må være mellom 0 og {TELLING_MAKS:_}.".replace("_", " ")
             for teller, antall in verdier.items() if not 0 <= antall <= TELLING_MAKS})  # fmt: skip
    if forventet is not None:  # only what the user changed; a count left as shown keeps any +1 made meanwhile
        verdier = {teller: antall for teller, antall in verdier.items() if antall != forventet.get(teller)}
        naa = dict(Telling.objects.select_for_update().filter(senter=senter, dato=dato).values_list("teller", "antall"))
        krev(**{teller: f"Noen andre har endret tallet til {naa.get(teller, 0)} mens du skrev. Skriv tallet som "
                "skal gjelde nå, og lagre igjen." for teller, antall in verdier.items()
                if teller in forventet and naa.get(teller, 0) not in (forventet[teller], antall)})  # fmt: skip
    for teller, antall in verdier.items():
        if teller not in tellere:
            raise ValidationError(f"Ukjent teller: {teller}.")
        rad = Telling.objects.select_for_update().filter(senter=senter, dato=dato, teller=teller).first()
        if rad is None:
            if antall:
                Telling.objects.create(senter=senter, dato=dato, teller=teller, antall=antall)
        elif rad.antall != antall:
            rad.antall, rad.endret = antall, timezone.now()
            rad.save()


@transaction.atomic
def tell(senter, *, dato, teller, endring, kan_rette):
    """The + (and −) buttons: add to one counter, atomically (two PCs pressing at once both count)."""
    _sjekk_tellingsdag(senter, dato, kan_rette)
    if teller not in {t.kode for t in tellinger.tellere_for(senter)}:
        raise ValidationError(f"Ukjent teller: {teller}.")
    rad = Telling.objects.select_for_update().filter(senter=senter, dato=dato, teller=teller).first()
    if rad is None:
        # The day's first press makes the row. When two PCs make it at the same moment, the loser's insert fails
        # on the unique constraint (in a savepoint) and it adds to the winner's row, locked: both presses count.
        try:
            with transaction.atomic():
                return Telling.objects.create(senter=senter, dato=dato, teller=teller, antall=max(0, endring))
        except IntegrityError:
            rad = Telling.objects.select_for_update().get(senter=senter, dato=dato, teller=teller)
    ny = rad.antall + endring
    if ny > TELLING_MAKS:
        raise ValidationError({teller: f"Tallet kan være høyst {TELLING_MAKS:_}.".replace("_", " ")})
    rad.antall, rad.endret = max(0, ny), timezone.now()
    rad.save()
    return rad


# ---------------------------------------------------------------------------
# Cover and handover: a leder moves a staff member's people to another
# ---------------------------------------------------------------------------


@transaction.atomic
def overlever(*, senter, fra, til, deltakere, dato, av, roller=("primaerkontakt", "andrekontakt"),
              oppgaver=False, avtaler=False, kvittering=None):  # fmt: skip
    """Move `fra`'s place as primærkontakt and/or andre kontakt for `deltakere` to `til`, dated `dato` (each a
    dated contact-person change, in the history); with `oppgaver` their open tasks about these people, with
    `avtaler` their future appointments with them. Nothing else moves. Returns how many people changed; a
    dict given as `kvittering` is filled with what moved (person ids, task and appointment ids), for the
    confirmation page."""
    if kvittering is None:
        kvittering = {}
    kvittering.update(personer=[], oppgaver=[], avtaler=[])
    from deltakere.services import _sjekk_kontaktpersoner, endre_kontaktpersoner

    _sjekk_kontaktpersoner(senter, til, None)
    if fra.pk == til.pk:
        raise ValidationError({"til": "Velg en annen enn den som skal overlevere."})
    flyttet = 0
    for deltaker in deltakere:
        primaer, andre = deltaker.primaerkontakt, deltaker.andrekontakt
        if "primaerkontakt" in roller and deltaker.primaerkontakt_id == fra.pk:
            primaer = til
        if "andrekontakt" in roller and deltaker.andrekontakt_id == fra.pk:
            andre = til
        if primaer == til and andre == til:
            andre = None  # one person cannot be both
        if (primaer, andre) != (deltaker.primaerkontakt, deltaker.andrekontakt):
            # A change dated before a later one would not become the current value: the receipt would claim a
            # move that did not happen. The leder is told which date works.
            senere = Kontaktpersonendring.objects.filter(deltaker=deltaker, dato__gt=dato).order_by("-dato").first()
            if senere is not None:
                raise ValidationError(
                    {"dato": f"{deltaker.fullt_navn} har en senere endring av kontaktpersoner "
                     f"({senere.dato:%d.%m.%Y}). Velg en dato fra da av."}
                )  # fmt: skip
            endre_kontaktpersoner(
                deltaker, versjon=deltaker.versjon, dato=dato, primaerkontakt=primaer, andrekontakt=andre, av=av
            )
            flyttet += 1
            kvittering["personer"].append(deltaker.pk)
        if oppgaver:
            for oppgave in Oppgave.objects.filter(deltaker=deltaker, tildelt=fra, ferdig__isnull=True):
                oppgave.tildelt = til
                oppgave.save(update_fields=["tildelt"])
                kvittering["oppgaver"].append(oppgave.pk)
        if avtaler:
            for avtale in Avtale.objects.filter(
                deltaker=deltaker, med=fra, tidspunkt__gte=timezone.now(), status=Avtale.Status.PLANLAGT
            ):
                avtale.med = til
                avtale.save(update_fields=["med"])
                kvittering["avtaler"].append(avtale.pk)
    return flyttet
