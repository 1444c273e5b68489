"""The log of reports made and downloaded. A report names no person, so it is not the per-person access log
(deltakere.Tilgangslogg): this records who made which report, when, for which centres and period."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Rapportlogg(models.Model):
    class Format(models.TextChoices):
        HTML = "html", "Forhåndsvisning"
        PDF = "pdf", "PDF"
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    bruker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    format = models.CharField("format", max_length=4, choices=Format.choices)
    sentre = models.ManyToManyField("deltakere.Senter", related_name="+", verbose_name="sentre")
    fra = models.DateField("fra")
    til = models.DateField("til")

    class Meta:
        ordering = ["-tidspunkt"]
        verbose_name = "rapportlogg"
        verbose_name_plural = "rapportlogg"

    def __str__(self):
        return f"{self.tidspunkt:%Y-%m-%d %H:%M} {self.format} {self.fra}–{self.til}"
