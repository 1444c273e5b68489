"""Ordering, making and approving a report (`Rapport`); the one place its status changes.

`bestill` stores the order and queues the background task (`rapporter.oppgaver.lag_rapport_oppgave`, run by
`manage.py db_worker`, or at once where the backend is immediate). The task calls `lag`: for an order it
computes the figures part by part (`rapport.lag_deler`, on the report database), keeps them as JSON and renders
the draft PDF; for an approval it renders the PDF once more from the stored figures, stamped,
and keeps it with its SHA-256. Progress is written as it goes, so the page can show it.
"""

import hashlib
import logging

from django.db import transaction
from django.utils import timezone

from .models import Rapport
from .rapport import SEKSJONER, deler_for, fra_json, lag_deler, periode_for, som_pdf, til_json

logger = logging.getLogger(__name__)

FEILMELDING = "Rapporten kunne ikke lages. Prøv igjen, eller kontakt den som drifter Medvandrer."


class KanIkkeGodkjennes(Exception):
    pass


def bestill(bruker, sentre, periode, *, i_bakgrunnen=True):
    """Order a report on `sentre` for `periode`; the task is queued once the order is saved (unless the caller
    makes it itself with `lag`: the demo data)."""
    with transaction.atomic():
        rapport = Rapport.objects.create(
            fra=periode.fra,
            til=periode.til,
            periodenavn=periode.navn,
            bestilt_av=bruker,
            steg_totalt=len(deler_for(sentre)) * len(SEKSJONER) + 1,
            steg_tekst="Venter på tur",
        )
        rapport.sentre.set(sentre)
        if i_bakgrunnen:
            _kø(rapport)
    return rapport


def godkjenn(rapport, av, *, i_bakgrunnen=True):
    """Approve a draft: stamped and archived by the task. Refused unless the report is a draft."""
    with transaction.atomic():
        antall = Rapport.objects.filter(pk=rapport.pk, status=Rapport.Status.UTKAST).update(
            status=Rapport.Status.GODKJENNES,
            godkjent_av=av,
            godkjent=timezone.now(),
            steg_ferdig=0,
            steg_totalt=1,
            steg_tekst="Lager den godkjente PDF-en",
        )
        if not antall:
            raise KanIkkeGodkjennes("Rapporten er ikke et utkast lenger.")
        if i_bakgrunnen:
            _kø(rapport)


def _kø(rapport):
    from .oppgaver import lag_rapport_oppgave

    transaction.on_commit(lambda: lag_rapport_oppgave.enqueue(rapport.pk))


def lag(rapport_id):
    """The background task's work: make an ordered report, or the approved PDF of an approved one."""
    rapport = Rapport.objects.select_related("godkjent_av").get(pk=rapport_id)
    try:
        if rapport.status in (Rapport.Status.VENTER, Rapport.Status.LAGES):
            _lag_utkast(rapport)
        elif rapport.status == Rapport.Status.GODKJENNES:
            _lag_godkjent(rapport)
    except Exception:
        logger.exception("Rapport %s kunne ikke lages", rapport.pk)
        Rapport.objects.filter(pk=rapport.pk).update(
            status=Rapport.Status.FEILET if rapport.status != Rapport.Status.GODKJENNES else Rapport.Status.UTKAST,
            feil=FEILMELDING,
            godkjent_av=None,
            godkjent=None,
        )
        raise


def _fremdrift(rapport, ferdig, tekst, **felter):
    Rapport.objects.filter(pk=rapport.pk).update(steg_ferdig=ferdig, steg_tekst=tekst, **felter)


def _lag_utkast(rapport):
    sentre = list(rapport.sentre.order_by("navn"))
    periode = periode_for(rapport)
    _fremdrift(rapport, 0, "Regner ut tallene", status=Rapport.Status.LAGES)
    deler = lag_deler(sentre, periode, lambda ferdig, tekst: _fremdrift(rapport, ferdig, tekst))
    ferdig = rapport.steg_totalt - 1
    _fremdrift(rapport, ferdig, "Lager PDF")
    laget = timezone.now()
    pdf = som_pdf(sentre, periode, deler, timezone.localtime(laget))
    Rapport.objects.filter(pk=rapport.pk).update(
        status=Rapport.Status.UTKAST,
        innhold=til_json(deler),
        laget=laget,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        steg_ferdig=ferdig + 1,
        steg_tekst="Ferdig",
        feil="",
    )


def _lag_godkjent(rapport):
    sentre = list(rapport.sentre.order_by("navn"))
    godkjenning = (str(rapport.godkjent_av), timezone.localtime(rapport.godkjent))
    pdf = som_pdf(
        sentre, periode_for(rapport), fra_json(rapport.innhold), timezone.localtime(rapport.laget), godkjenning
    )
    Rapport.objects.filter(pk=rapport.pk).update(
        status=Rapport.Status.GODKJENT,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        steg_ferdig=1,
        steg_tekst="Ferdig",
    )


__all__ = ["bestill", "godkjenn", "lag", "KanIkkeGodkjennes"]
