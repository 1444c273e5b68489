"""The volunteers (tidgivere) of a centre: who they are, what they offer, and how far they are vetted and trained.

A tidgiver is not a user of the system: the coordinator records them. Every model here holds personal data
about the tidgiver, so each is scoped to its centre through the one scoping helper (`senter_manager`) and keeps
a change history. The interview assessments are free text, refused at centres in journal mode `metadata`
(`JournalformVakt`).
"""

import calendar
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deltakere.models import Bruker, HistorikkQuerySet, JournalformVakt, Kjonn, Senter, historikk, senter_manager

KAPASITET_MAKS = 5


class Status(models.TextChoices):
    INTERESSERT = "interessert", "Interessert"
    INTERVJU = "intervju", "Intervju"
    GODKJENT = "godkjent", "Godkjent"
    AKTIV = "aktiv", "Aktiv"
    PAUSE = "pause", "Pause"
    AVSLUTTET = "avsluttet", "Avsluttet"


# Which status a tidgiver may move to from each status. Becoming `aktiv` also passes the gate
# (tidgivere.services.mangler_for_aktiv); ending is possible from every status; an ended tidgiver may return.
STATUS_OVERGANGER = {
    Status.INTERESSERT: {Status.INTERVJU, Status.AVSLUTTET},
    Status.INTERVJU: {Status.GODKJENT, Status.INTERESSERT, Status.AVSLUTTET},
    Status.GODKJENT: {Status.AKTIV, Status.PAUSE, Status.AVSLUTTET},
    Status.AKTIV: {Status.PAUSE, Status.AVSLUTTET},
    Status.PAUSE: {Status.AKTIV, Status.AVSLUTTET},
    Status.AVSLUTTET: {Status.INTERESSERT},
}


class Avslutningsarsak(models.TextChoices):
    IKKE_GODKJENT = "ikke_godkjent", "Ikke godkjent etter intervju"
    ONSKET_SELV = "onsket_selv", "Ønsket selv å slutte"
    TIDSMANGEL = "tidsmangel", "Har ikke tid lenger"
    FLYTTET = "flyttet", "Flyttet"
    ANNET_ENGASJEMENT = "annet_engasjement", "Begynt i jobb/studier eller annet engasjement"
    ANNET = "annet", "Annet"


class TidgiverQuerySet(HistorikkQuerySet):
    def sok(self, tekst):
        """Every word must match the name (case-insensitive)."""
        for ord_ in tekst.split()[:5]:
            self = self.filter(navn__icontains=ord_)
        return self

    def kan_matches(self, dato):
        """Tidgivere who may be matched on `dato`: active and through the gate (the same rule as
        tidgivere.services.kan_matches, said as a filter for lists and the matching board)."""
        return self.filter(
            status=Status.AKTIV,
            politiattest_gyldig_til__gte=dato,
            taushetserklaering_signert__isnull=False,
            introduksjonskurs_fullfort__isnull=False,
        )


class Tidgiver(JournalformVakt):
    """A volunteer at one centre, with what they offer and their vetting and training.

    Status is kept current here beside the dated `Tidgiverstatus` rows. The dates of the vetting steps are
    the checklist; `tidgivere.services.kan_matches` reads them to say what is missing before the tidgiver may
    be active and matched.
    """

    FRITEKSTFELTER = ("intervju1_vurdering", "intervju2_vurdering")

    senter = models.ForeignKey(Senter, on_delete=models.PROTECT, related_name="tidgivere", verbose_name="senter")

    navn = models.CharField("navn", max_length=120)
    telefon = models.CharField("telefon", max_length=20, blank=True)
    epost = models.EmailField("e-post", blank=True)
    kommune = models.CharField("kommune/bydel", max_length=80, blank=True)
    fodselsaar = models.PositiveSmallIntegerField("fødselsår")
    kjonn = models.CharField("kjønn", max_length=12, choices=Kjonn.choices, default=Kjonn.IKKE_OPPGITT)
    sprak = models.JSONField("språk", default=list, blank=True)  # codes from katalog.SPRAK
    yrke = models.CharField("yrke", max_length=80, blank=True)
    ferdigheter = models.JSONField("ferdigheter", default=list, blank=True)  # short words, e.g. "snekker"
    interesser = models.JSONField("interesser", default=list, blank=True)  # codes from katalog.AKTIVITETER
    aktiviteter = models.JSONField("aktiviteter tidgiveren tilbyr", default=list, blank=True)  # same codes
    tilgjengelighet = models.JSONField("når tidgiveren kan", default=list, blank=True)  # katalog.TIDER codes
    kapasitet = models.PositiveSmallIntegerField(
        "kapasitet",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(KAPASITET_MAKS)],
        help_text="Hvor mange deltakere tidgiveren kan følge samtidig.",
    )
    erfaringskompetanse = models.BooleanField("har erfaringskompetanse", default=False)
    vil_at_det_er_kjent = models.BooleanField("vil at erfaringskompetansen er kjent for deltakere", default=False)
    motivasjonsteam = models.BooleanField("med i motivasjonsteamet", default=False)
    velkomstgruppe = models.BooleanField("med i velkomstgruppen", default=False)

    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.INTERESSERT)
    status_fra = models.DateField("status siden", default=timezone.localdate)

    # Vetting: two interviews, references, politiattest, taushetserklæring; training: introduksjonskurs, mappe.
    intervju1_dato = models.DateField("første intervju", null=True, blank=True)
    intervju1_av = models.ForeignKey(
        Bruker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="første intervju av"
    )
    intervju1_vurdering = models.TextField("vurdering etter første intervju", blank=True, max_length=2000)
    intervju2_dato = models.DateField("andre intervju", null=True, blank=True)
    intervju2_av = models.ForeignKey(
        Bruker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="andre intervju av"
    )
    intervju2_vurdering = models.TextField("vurdering etter andre intervju", blank=True, max_length=2000)
    referanser_sjekket = models.DateField("referanser sjekket", null=True, blank=True)
    politiattest_sett = models.DateField("politiattest sett", null=True, blank=True)
    politiattest_gyldig_til = models.DateField(
        "politiattest gyldig til",
        null=True,
        blank=True,
        help_text="Tomt: regnes ut fra datoen attesten ble sett og gyldighetstiden senteret bruker.",
    )
    taushetserklaering_signert = models.DateField("taushetserklæring signert", null=True, blank=True)
    introduksjonskurs_fullfort = models.DateField("introduksjonskurs fullført", null=True, blank=True)
    tidgivermappe_utlevert = models.DateField("tidgivermappe utlevert", null=True, blank=True)

    versjon = models.PositiveIntegerField("versjon", default=1)
    opprettet = models.DateTimeField("opprettet", default=timezone.now)
    opprettet_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    endret = models.DateTimeField("sist endret", default=timezone.now)

    objects = senter_manager("senter", TidgiverQuerySet)
    history = historikk()

    class Meta:
        ordering = ["navn", "pk"]
        verbose_name = "tidgiver"
        verbose_name_plural = "tidgivere"
        indexes = [
            models.Index(fields=["senter", "navn", "id"], name="tidgiver_senter_navn_idx"),
            models.Index(fields=["senter", "status", "navn", "id"], name="tidgiver_senter_status_idx"),
            models.Index(fields=["senter", "politiattest_gyldig_til"], name="tidgiver_senter_attest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kapasitet__gte=1, kapasitet__lte=KAPASITET_MAKS), name="tidgiver_kapasitet_1_til_5"
            ),
        ]

    def __str__(self):
        return self.navn

    def senter_for_journalform(self):
        return self.senter

    def politiattest_gyldig(self, dato=None):
        dato = dato or timezone.localdate()
        return self.politiattest_gyldig_til is not None and self.politiattest_gyldig_til >= dato

    def mulige_statuser(self):
        return [s for s in Status if s in STATUS_OVERGANGER[Status(self.status)]]


def standard_gyldig_til(sett):
    """The last day a politiattest seen on `sett` is valid, by the setting POLITIATTEST_GYLDIG_MANEDER."""
    return legg_til_maneder(sett, settings.POLITIATTEST_GYLDIG_MANEDER)


def legg_til_maneder(dato, maneder):
    """`dato` moved `maneder` months on; the 31st becomes the month's last day where the month is shorter."""
    indeks = dato.year * 12 + dato.month - 1 + maneder
    aar, maned = divmod(indeks, 12)
    return date(aar, maned + 1, min(dato.day, calendar.monthrange(aar, maned + 1)[1]))


class Tidgiverstatus(models.Model):
    """A dated change of a tidgiver's status, with the reason when they ended."""

    tidgiver = models.ForeignKey(Tidgiver, on_delete=models.CASCADE, related_name="statusendringer")
    fra = models.CharField("fra", max_length=12, choices=Status.choices, blank=True)
    til = models.CharField("til", max_length=12, choices=Status.choices)
    dato = models.DateField("fra dato")
    arsak = models.CharField("årsak til avslutning", max_length=20, choices=Avslutningsarsak.choices, blank=True)
    av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="registrert av")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("tidgiver__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-registrert", "-pk"]
        verbose_name = "statusendring for tidgiver"
        verbose_name_plural = "statusendringer for tidgivere"
        indexes = [models.Index(fields=["tidgiver", "dato"], name="tidgiverstatus_dato_idx")]

    def __str__(self):
        return f"{self.dato}: {self.get_til_display()}"


class Samling(models.Model):
    """An event for the centre's tidgivere: a temakveld, a tidgiversamling or an introduksjonskurs."""

    class Type(models.TextChoices):
        TEMAKVELD = "temakveld", "Temakveld"
        TIDGIVERSAMLING = "tidgiversamling", "Tidgiversamling"
        INTRODUKSJONSKURS = "introduksjonskurs", "Introduksjonskurs"

    senter = models.ForeignKey(Senter, on_delete=models.PROTECT, related_name="samlinger", verbose_name="senter")
    type = models.CharField("type", max_length=20, choices=Type.choices)
    dato = models.DateField("dato")
    tema = models.CharField("tema", max_length=150, blank=True)
    deltakere = models.ManyToManyField(
        Tidgiver, through="Oppmote", related_name="samlinger", verbose_name="til stede", blank=True
    )
    registrert = models.DateTimeField(default=timezone.now)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-pk"]
        verbose_name = "samling"
        verbose_name_plural = "samlinger"
        indexes = [models.Index(fields=["senter", "dato"], name="samling_senter_dato_idx")]

    def __str__(self):
        return f"{self.get_type_display()} {self.dato:%d.%m.%Y}"


class Oppmote(models.Model):
    """A tidgiver was at a samling."""

    samling = models.ForeignKey(Samling, on_delete=models.CASCADE, related_name="oppmoter")
    tidgiver = models.ForeignKey(Tidgiver, on_delete=models.CASCADE, related_name="oppmoter")
    registrert = models.DateTimeField(default=timezone.now)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("samling__senter")
    history = historikk()

    class Meta:
        ordering = ["samling", "tidgiver"]
        verbose_name = "oppmøte"
        verbose_name_plural = "oppmøter"
        constraints = [models.UniqueConstraint(fields=["samling", "tidgiver"], name="ett_oppmote_per_samling")]

    def __str__(self):
        return f"{self.tidgiver} på {self.samling}"


# Matches
# ---------------------------------------------------------------------------
# What a deltaker wishes for in a tidgiver, the match (Kobling) with its dated steps, the check-ins and the
# activities. Scoped by the deltaker's centre; the tidgiver always belongs to the same centre.


class Erfaringsonske(models.TextChoices):
    LIKEGYLDIG = "", "Spiller ingen rolle"
    ONSKET = "onsket", "Ønsker en tidgiver med erfaringskompetanse"
    IKKE_ONSKET = "ikke_onsket", "Ønsker ikke en tidgiver med erfaringskompetanse"


class Tidgiveronske(models.Model):
    """What the deltaker has said about the tidgiver they want, and what matching compares: interests and
    availability as codes from the catalogue, where they live, languages, and wishes on kjønn, age and
    erfaringskompetanse. One row per deltaker."""

    deltaker = models.OneToOneField(
        "deltakere.Deltaker", on_delete=models.CASCADE, related_name="tidgiveronske", verbose_name="deltaker"
    )
    interesser = models.JSONField("interesser", default=list, blank=True)  # katalog.AKTIVITETER codes
    tilgjengelighet = models.JSONField("når deltakeren kan", default=list, blank=True)  # katalog.TIDER codes
    kommune = models.CharField("kommune/bydel", max_length=80, blank=True)
    sprak = models.JSONField("språk", default=list, blank=True)  # katalog.SPRAK codes
    kjonn = models.CharField("ønsket kjønn", max_length=12, choices=Kjonn.choices, blank=True)
    alder_fra = models.PositiveSmallIntegerField("alder fra", null=True, blank=True)
    alder_til = models.PositiveSmallIntegerField("alder til", null=True, blank=True)
    erfaringskompetanse = models.CharField(
        "erfaringskompetanse", max_length=12, choices=Erfaringsonske.choices, blank=True, default=""
    )
    versjon = models.PositiveIntegerField("versjon", default=1)
    endret = models.DateTimeField("sist endret", default=timezone.now)

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        verbose_name = "ønske om tidgiver"
        verbose_name_plural = "ønsker om tidgiver"

    def __str__(self):
        return "Ønsker om tidgiver"


class Koblingsstatus(models.TextChoices):
    FORESLATT = "foreslatt", "Foreslått"
    TILBUDT = "tilbudt", "Tilbudt"
    AKSEPTERT = "akseptert", "Akseptert av begge"
    FORSTE_MOTE = "forste_mote", "Første møte avtalt"
    AKTIV = "aktiv", "Aktiv"
    PAUSE = "pause", "Pause"
    AVSLUTNINGSSAMTALE = "avslutningssamtale", "Avslutningssamtale"
    AVSLUTTET = "avsluttet", "Avsluttet"
    AVSLATT = "avslatt", "Avslått"


# The next steps from each status. Declining is possible until the match is active; ending needs a reason.
KOBLING_OVERGANGER = {
    Koblingsstatus.FORESLATT: (Koblingsstatus.TILBUDT, Koblingsstatus.AVSLATT),
    Koblingsstatus.TILBUDT: (Koblingsstatus.AKSEPTERT, Koblingsstatus.AVSLATT),
    Koblingsstatus.AKSEPTERT: (Koblingsstatus.FORSTE_MOTE, Koblingsstatus.AVSLATT),
    Koblingsstatus.FORSTE_MOTE: (Koblingsstatus.AKTIV, Koblingsstatus.AVSLATT),
    Koblingsstatus.AKTIV: (Koblingsstatus.PAUSE, Koblingsstatus.AVSLUTNINGSSAMTALE, Koblingsstatus.AVSLUTTET),
    Koblingsstatus.PAUSE: (Koblingsstatus.AKTIV, Koblingsstatus.AVSLUTNINGSSAMTALE, Koblingsstatus.AVSLUTTET),
    Koblingsstatus.AVSLUTNINGSSAMTALE: (Koblingsstatus.AVSLUTTET,),
    Koblingsstatus.AVSLUTTET: (),
    Koblingsstatus.AVSLATT: (),
}
# A match in one of these is going on: it takes a place of the tidgiver's capacity.
PAGAENDE = [s for s in Koblingsstatus if s not in (Koblingsstatus.AVSLUTTET, Koblingsstatus.AVSLATT)]
# Check-ins are due while the match is under way.
FOLGES_OPP = [Koblingsstatus.AKTIV, Koblingsstatus.PAUSE]


class Sluttarsak(models.TextChoices):
    MAL_NADD = "mal_nadd", "Mål nådd"
    DELTAKER_ONSKET = "deltaker_onsket", "Deltakeren ønsket det"
    TIDGIVER_SLUTTET = "tidgiver_sluttet", "Tidgiveren sluttet"
    DARLIG_MATCH = "darlig_match", "Dårlig match"
    FLYTTET = "flyttet", "Flyttet"
    ANNET = "annet", "Annet"


class Kobling(models.Model):
    """A deltaker matched with a tidgiver, from the proposal to a good ending. Each step is a dated
    `Koblingssteg`; the current status is kept here beside them. `merknad` is what the system says about a step
    it took itself (a match paused because the consent was withdrawn), shown to the coordinator."""

    deltaker = models.ForeignKey("deltakere.Deltaker", on_delete=models.CASCADE, related_name="koblinger")
    tidgiver = models.ForeignKey(Tidgiver, on_delete=models.PROTECT, related_name="koblinger")
    status = models.CharField("status", max_length=20, choices=Koblingsstatus.choices, default=Koblingsstatus.FORESLATT)
    status_fra = models.DateField("status siden", default=timezone.localdate)
    poeng = models.IntegerField("poeng da den ble foreslått", default=0)
    forste_mote = models.DateField("første møte på senteret", null=True, blank=True)
    aktiv_fra = models.DateField("aktiv fra", null=True, blank=True)
    sluttarsak = models.CharField("årsak til avslutning", max_length=20, choices=Sluttarsak.choices, blank=True)
    merknad = models.CharField("merknad", max_length=200, blank=True)
    versjon = models.PositiveIntegerField("versjon", default=1)
    opprettet = models.DateTimeField("opprettet", default=timezone.now)
    opprettet_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    endret = models.DateTimeField("sist endret", default=timezone.now)

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-opprettet", "-pk"]
        verbose_name = "kobling"
        verbose_name_plural = "koblinger"
        constraints = [
            models.UniqueConstraint(
                fields=["deltaker", "tidgiver"],
                condition=~Q(status__in=["avsluttet", "avslatt"]),
                name="en_pagaende_kobling_per_par",
            )
        ]
        indexes = [
            models.Index(fields=["deltaker", "status"], name="kobling_deltaker_status_idx"),
            models.Index(fields=["tidgiver", "status"], name="kobling_tidgiver_status_idx"),
        ]

    def __str__(self):
        return f"Kobling ({self.get_status_display().lower()})"

    @property
    def pagaende(self):
        return self.status in PAGAENDE

    def neste_steg(self):
        return [Koblingsstatus(s) for s in KOBLING_OVERGANGER[Koblingsstatus(self.status)]]


class Koblingssteg(models.Model):
    """A dated step of a match (the status it moved to), with the reason when it ended."""

    kobling = models.ForeignKey(Kobling, on_delete=models.CASCADE, related_name="steg")
    fra = models.CharField("fra", max_length=20, choices=Koblingsstatus.choices, blank=True)
    til = models.CharField("til", max_length=20, choices=Koblingsstatus.choices)
    dato = models.DateField("dato")
    arsak = models.CharField("årsak", max_length=20, choices=Sluttarsak.choices, blank=True)
    merknad = models.CharField("merknad", max_length=200, blank=True)
    av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="registrert av")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("kobling__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["dato", "registrert", "pk"]
        verbose_name = "steg i kobling"
        verbose_name_plural = "steg i koblinger"

    def __str__(self):
        return f"{self.dato}: {self.get_til_display()}"


class Innsjekk(JournalformVakt):
    """A check-in with the deltaker or with the tidgiver about how the match goes."""

    FRITEKSTFELTER = ("notat",)

    class Med(models.TextChoices):
        DELTAKER = "deltaker", "Deltakeren"
        TIDGIVER = "tidgiver", "Tidgiveren"

    kobling = models.ForeignKey(Kobling, on_delete=models.CASCADE, related_name="innsjekker")
    med = models.CharField("med", max_length=10, choices=Med.choices)
    dato = models.DateField("dato")
    notat = models.TextField("hvordan går det", blank=True, max_length=2000)
    av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="registrert av")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("kobling__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-pk"]
        verbose_name = "innsjekk"
        verbose_name_plural = "innsjekker"
        indexes = [models.Index(fields=["kobling", "med", "dato"], name="innsjekk_kobling_med_idx")]

    def __str__(self):
        return f"Innsjekk med {self.get_med_display().lower()}"

    def senter_for_journalform(self):
        return self.kobling.deltaker.senter


class Aktivitet(models.Model):
    """Something the two did together: date, hours the tidgiver gave, type, and the expenses the centre covers
    (the tidgiver's ticket; the deltaker pays for themself)."""

    kobling = models.ForeignKey(Kobling, on_delete=models.CASCADE, related_name="aktiviteter")
    dato = models.DateField("dato")
    timer = models.DecimalField(
        "timer", max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(24)]
    )
    type = models.CharField("type", max_length=20)  # katalog.AKTIVITETER codes
    utlegg = models.DecimalField(
        "utlegg senteret dekker (kr)",
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100000)],
    )
    av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="registrert av")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("kobling__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-pk"]
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"
        indexes = [models.Index(fields=["kobling", "dato"], name="aktivitet_kobling_dato_idx")]

    def __str__(self):
        return f"Aktivitet {self.dato}"
