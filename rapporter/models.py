"""A report as ordered, made and sent: `Rapport`.

A leder orders a report (centres and period); a background task (`rapporter.oppgaver`) computes its figures,
stores them protected (small numbers hidden) in `innhold`, and renders the draft PDF. The report is a draft
(`utkast`) until a leder of every centre in it approves it: then the PDF is rendered once more from the same
stored figures, stamped with who approved it and when, and kept with its SHA-256. Downloading an approved
report gives that stored file byte for byte, whatever happened to the data since. A report names no person;
who made, approved and downloaded it is written to the access log (`deltakere.Tilgangslogg`), one row per
centre.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Rapport(models.Model):
    class Status(models.TextChoices):
        VENTER = "venter", "I kø"
        LAGES = "lages", "Lages"
        UTKAST = "utkast", "Utkast"
        GODKJENNES = "godkjennes", "Godkjennes"
        GODKJENT = "godkjent", "Godkjent"
        FEILET = "feilet", "Feilet"

    UNDER_ARBEID = (Status.VENTER, Status.LAGES, Status.GODKJENNES)

    sentre = models.ManyToManyField("deltakere.Senter", related_name="+", verbose_name="sentre")
    fra = models.DateField("fra og med")
    til = models.DateField("til og med")
    periodenavn = models.CharField("periode", max_length=100)
    bestilt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="bestilt av"
    )
    bestilt = models.DateTimeField("bestilt", default=timezone.now, db_index=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.VENTER)
    # Progress of the background task: how many of its steps are done, and what it is doing now.
    steg_ferdig = models.PositiveSmallIntegerField("steg ferdig", default=0)
    steg_totalt = models.PositiveSmallIntegerField("steg totalt", default=1)
    steg_tekst = models.CharField("arbeider med", max_length=200, blank=True)
    laget = models.DateTimeField("laget", null=True, blank=True)
    # The protected figures: {"deler": [{"navn", "seksjoner": [[tittel, [Tabell as dict]]]}]}.
    innhold = models.JSONField("innhold", null=True, blank=True, editable=False)
    pdf = models.BinaryField("PDF", null=True, blank=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    godkjent_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="godkjent av",
    )
    godkjent = models.DateTimeField("godkjent", null=True, blank=True)
    feil = models.CharField("feil", max_length=200, blank=True)

    class Meta:
        ordering = ["-bestilt", "-pk"]
        verbose_name = "rapport"
        verbose_name_plural = "rapporter"

    def __str__(self):
        return f"Rapport {self.periodenavn} ({self.get_status_display()})"

    @property
    def under_arbeid(self):
        return self.status in self.UNDER_ARBEID

    @property
    def prosent(self):
        return min(100, round(100 * self.steg_ferdig / max(1, self.steg_totalt)))
