"""The work done with a person: kartlegging across life areas (with screening instruments) and the tiltaksplan.

Every model holds personal data: it is scoped to the person's centre through the one scoping helper
(`senter_manager`) and keeps a change history. Free text is refused at centres in journal mode `metadata`
(`JournalformVakt`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from deltakere.models import (
    Bruker,
    Deltaker,
    HistorikkQuerySet,
    JournalformVakt,
    Nettverkskontakt,
    Senter,
    historikk,
    senter_manager,
)

from . import instrumenter, livsomrader


class Senterinnstillinger(models.Model):
    """What a centre sets for its follow-up work; a centre without a row uses the defaults in settings."""

    senter = models.OneToOneField(Senter, on_delete=models.CASCADE, related_name="oppfolgingsinnstillinger")
    kartlegging_uker = models.CharField(
        "kartlegging etter uker",
        max_length=100,
        blank=True,
        help_text="Når en ny kartlegging forfaller, i uker fra den første, for eksempel «0, 12, 26, 52». "
        "Tomt: standarden.",
    )

    kontakt_terskel_dager = models.PositiveSmallIntegerField(
        "dager uten kontakt før det flagges",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Tomt: standarden (30 dager).",
    )

    objects = senter_manager("senter")
    history = historikk()

    class Meta:
        verbose_name = "innstillinger for oppfølging"
        verbose_name_plural = "innstillinger for oppfølging"

    def __str__(self):
        return f"Innstillinger for {self.senter}"

    @property
    def uker(self):
        return tolk_uker(self.kartlegging_uker) or settings.KARTLEGGING_UKER

    @property
    def terskel(self):
        return self.kontakt_terskel_dager or settings.KONTAKT_TERSKEL_DAGER


def tolk_uker(tekst):
    """'0, 12, 26, 52' → [0, 12, 26, 52]; anything else → []."""
    try:
        uker = sorted({int(del_) for del_ in tekst.replace(";", ",").split(",") if del_.strip()})
    except ValueError:
        return []
    return uker if uker and all(0 <= u <= 520 for u in uker) else []


# ---------------------------------------------------------------------------
# Kartlegging
# ---------------------------------------------------------------------------


class Kartlegging(JournalformVakt):
    """One kartlegging of the person's life areas, on a date. Never overwritten by a later one; corrections
    to it are kept in the change history."""

    FRITEKSTFELTER = ("kommentar",)

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="kartlegginger")
    dato = models.DateField("dato")
    utfort_av = models.ForeignKey(
        Bruker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="gjennomført av"
    )
    kommentar = models.TextField("kommentar", blank=True, max_length=2000)
    samtale = models.ForeignKey(
        "Samtale", null=True, blank=True, on_delete=models.SET_NULL, related_name="kartlegginger",
        verbose_name="i samtalen",
    )  # fmt: skip
    versjon = models.PositiveIntegerField("versjon", default=1)
    registrert = models.DateTimeField(default=timezone.now)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-registrert", "-pk"]
        verbose_name = "kartlegging"
        verbose_name_plural = "kartlegginger"
        indexes = [models.Index(fields=["deltaker", "dato"], name="kartlegging_deltaker_dato_idx")]

    def __str__(self):
        return f"Kartlegging {self.dato:%d.%m.%Y}"

    def senter_for_journalform(self):
        return self.deltaker.senter


class Omradevurdering(JournalformVakt):
    """One life area in a kartlegging: the person's own rating, optionally the staff's, and what matters now.

    A skipped area ("ikke aktuelt", "vil ikke svare") has no ratings and is left out of every average and
    every comparison; it is never counted as zero.
    """

    FRITEKSTFELTER = ("onske",)

    class Hoppet(models.TextChoices):
        IKKE_AKTUELT = "ikke_aktuelt", "Ikke aktuelt"
        VIL_IKKE_SVARE = "vil_ikke_svare", "Vil ikke svare"

    stige = [MinValueValidator(livsomrader.LAVEST), MaxValueValidator(livsomrader.HOYEST)]

    kartlegging = models.ForeignKey(Kartlegging, on_delete=models.CASCADE, related_name="omrader")
    omrade = models.CharField("livsområde", max_length=20, choices=livsomrader.VALG)
    egen = models.PositiveSmallIntegerField("personens egen vurdering", null=True, blank=True, validators=stige)
    ansatt = models.PositiveSmallIntegerField("ansattes vurdering", null=True, blank=True, validators=stige)
    viktig = models.BooleanField("viktig for meg å jobbe med nå", default=False)
    onske = models.TextField("hva personen ønsker", blank=True, max_length=1000)
    hoppet_over = models.CharField("hoppet over", max_length=16, choices=Hoppet.choices, blank=True)

    objects = senter_manager("kartlegging__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["kartlegging", "pk"]
        verbose_name = "vurdering av livsområde"
        verbose_name_plural = "vurderinger av livsområder"
        constraints = [
            models.UniqueConstraint(fields=["kartlegging", "omrade"], name="ett_omrade_per_kartlegging"),
            models.CheckConstraint(
                condition=Q(egen__isnull=True) | Q(egen__gte=1, egen__lte=10), name="egen_vurdering_1_til_10"
            ),
            models.CheckConstraint(
                condition=Q(ansatt__isnull=True) | Q(ansatt__gte=1, ansatt__lte=10), name="ansatt_vurdering_1_til_10"
            ),
            models.CheckConstraint(
                condition=Q(hoppet_over="") | Q(egen__isnull=True, ansatt__isnull=True, viktig=False),
                name="hoppet_over_uten_vurdering",
            ),
        ]

    def __str__(self):
        return self.omradenavn

    @property
    def omradenavn(self):
        return livsomrader.ETTER_KODE[self.omrade].navn

    def senter_for_journalform(self):
        return self.kartlegging.deltaker.senter


class Screening(models.Model):
    """One screening instrument's answers in a kartlegging, scored as published (oppfolging.instrumenter).

    `svar` maps item number to the answer's score. `sum` and `sone` are kept beside the answers for the
    reports, and are empty while the questionnaire is incomplete.
    """

    kartlegging = models.ForeignKey(Kartlegging, on_delete=models.CASCADE, related_name="screeninger")
    instrument = models.CharField("instrument", max_length=10, choices=instrumenter.VALG)
    svar = models.JSONField("svar", default=dict)
    fullstendig = models.BooleanField("fullstendig", default=False)
    sum = models.PositiveSmallIntegerField("sum", null=True, blank=True)
    sone = models.CharField("sone", max_length=12, blank=True)
    kjonn = models.CharField("kjønn lagt til grunn", max_length=12, blank=True)
    registrert = models.DateTimeField(default=timezone.now)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("kartlegging__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["kartlegging", "instrument"]
        verbose_name = "screening"
        verbose_name_plural = "screeninger"
        constraints = [
            models.UniqueConstraint(fields=["kartlegging", "instrument"], name="ett_instrument_per_kartlegging")
        ]

    def __str__(self):
        return self.get_instrument_display()

    @property
    def definisjon(self):
        return instrumenter.INSTRUMENTER[self.instrument]

    def resultat(self):
        return self.definisjon.skaar(self.svar, kjonn=self.kjonn)


# ---------------------------------------------------------------------------
# Tiltaksplan
# ---------------------------------------------------------------------------


class Tiltaksplan(JournalformVakt):
    """The participant's plan: hovedmål in their own words, delmål under each, and concrete tiltak.

    One active plan per person at a time; earlier plans stay readable. `versjon` is raised by every change to
    the plan or anything in it, so two people editing the same plan are told (optimistic locking).
    """

    FRITEKSTFELTER = ("deltakers_kommentar",)

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        AKTIV = "aktiv", "Aktiv"
        AVSLUTTET = "avsluttet", "Avsluttet"

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="tiltaksplaner")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.UTKAST)
    evalueringsdato = models.DateField("evalueringsdato", null=True, blank=True)
    gjennomgatt = models.DateField(
        "gått gjennom med deltakeren", null=True, blank=True, help_text="Datoen planen ble gått gjennom sammen."
    )
    deltakers_kommentar = models.TextField("deltakerens kommentar", blank=True, max_length=2000)
    aktivert = models.DateField("aktiv fra", null=True, blank=True)
    avsluttet = models.DateField("avsluttet", null=True, blank=True)
    versjon = models.PositiveIntegerField("versjon", default=1)
    endret = models.DateTimeField("sist endret", default=timezone.now)
    opprettet = models.DateTimeField(default=timezone.now)
    opprettet_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-opprettet", "-pk"]
        verbose_name = "tiltaksplan"
        verbose_name_plural = "tiltaksplaner"
        constraints = [
            models.UniqueConstraint(fields=["deltaker"], condition=Q(status="aktiv"), name="en_aktiv_plan_per_deltaker")
        ]
        indexes = [models.Index(fields=["deltaker", "status"], name="plan_deltaker_status_idx")]

    def __str__(self):
        return f"Tiltaksplan ({self.get_status_display().lower()})"

    def senter_for_journalform(self):
        return self.deltaker.senter


class Malstatus(models.TextChoices):
    PAGAR = "pagar", "Pågår"
    NADD = "nadd", "Nådd"
    AVBRUTT = "avbrutt", "Avbrutt"


class Hovedmal(JournalformVakt):
    """A main goal in the participant's own words, linked to a life area."""

    FRITEKSTFELTER = ("tekst",)

    plan = models.ForeignKey(Tiltaksplan, on_delete=models.CASCADE, related_name="hovedmal")
    tekst = models.CharField("hovedmål med deltakerens egne ord", max_length=300, blank=True)
    livsomrade = models.CharField("livsområde", max_length=20, choices=livsomrader.VALG)
    rekkefolge = models.PositiveSmallIntegerField(default=0)
    status = models.CharField("status", max_length=10, choices=Malstatus.choices, default=Malstatus.PAGAR)
    status_dato = models.DateField("status endret", null=True, blank=True)
    tidgiver_kan_hjelpe = models.BooleanField(
        "en tidgiver kan hjelpe med dette",
        default=False,
        help_text="Deltakeren har sagt ja til at en tidgiver får vite om målet og kan hjelpe med det.",
    )
    opprettet = models.DateTimeField(default=timezone.now)

    objects = senter_manager("plan__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["plan", "rekkefolge", "pk"]
        verbose_name = "hovedmål"
        verbose_name_plural = "hovedmål"

    def __str__(self):
        return self.tekst or livsomrader.ETTER_KODE[self.livsomrade].navn

    @property
    def omradenavn(self):
        return livsomrader.ETTER_KODE[self.livsomrade].navn

    def senter_for_journalform(self):
        return self.plan.deltaker.senter


class Delmal(JournalformVakt):
    FRITEKSTFELTER = ("tekst",)

    hovedmal = models.ForeignKey(Hovedmal, on_delete=models.CASCADE, related_name="delmal")
    tekst = models.CharField("delmål", max_length=300, blank=True)
    rekkefolge = models.PositiveSmallIntegerField(default=0)
    opprettet = models.DateTimeField(default=timezone.now)

    objects = senter_manager("hovedmal__plan__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["hovedmal", "rekkefolge", "pk"]
        verbose_name = "delmål"
        verbose_name_plural = "delmål"

    def __str__(self):
        return self.tekst or "Delmål"

    def senter_for_journalform(self):
        return self.hovedmal.plan.deltaker.senter


class Tiltak(JournalformVakt):
    """Something concrete: what, who is responsible, by when, and how it stands (with the date it changed)."""

    FRITEKSTFELTER = ("hva",)

    class Ansvar(models.TextChoices):
        DELTAKER = "deltaker", "Deltakeren selv"
        ANSATT = "ansatt", "En ansatt"
        TIDGIVER = "tidgiver", "Tidgiver"
        NETTVERK = "nettverk", "Noen i nettverket"

    class Status(models.TextChoices):
        IKKE_STARTET = "ikke_startet", "Ikke startet"
        PAGAR = "pagar", "Pågår"
        FULLFORT = "fullfort", "Fullført"
        AVBRUTT = "avbrutt", "Avbrutt"

    delmal = models.ForeignKey(Delmal, on_delete=models.CASCADE, related_name="tiltak")
    hva = models.CharField("hva", max_length=300, blank=True)
    ansvar = models.CharField("hvem har ansvaret", max_length=10, choices=Ansvar.choices, default=Ansvar.DELTAKER)
    ansvarlig_ansatt = models.ForeignKey(
        Bruker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="ansatt"
    )
    ansvarlig_kontakt = models.ForeignKey(
        Nettverkskontakt,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="kontakt i nettverket",
    )
    frist = models.DateField("frist", null=True, blank=True)
    status = models.CharField("status", max_length=14, choices=Status.choices, default=Status.IKKE_STARTET)
    status_dato = models.DateField("status endret", null=True, blank=True)
    rekkefolge = models.PositiveSmallIntegerField(default=0)
    opprettet = models.DateTimeField(default=timezone.now)

    objects = senter_manager("delmal__hovedmal__plan__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["delmal", "rekkefolge", "pk"]
        verbose_name = "tiltak"
        verbose_name_plural = "tiltak"
        indexes = [models.Index(fields=["status", "frist"], name="tiltak_status_frist_idx")]

    def __str__(self):
        return self.hva or "Tiltak"

    def senter_for_journalform(self):
        return self.delmal.hovedmal.plan.deltaker.senter

    @property
    def er_apent(self):
        return self.status in (self.Status.IKKE_STARTET, self.Status.PAGAR)

    def forfalt(self, idag=None):
        return self.er_apent and self.frist is not None and self.frist < (idag or timezone.localdate())

    @property
    def ansvarlig_tekst(self):
        if self.ansvar == self.Ansvar.ANSATT and self.ansvarlig_ansatt_id:
            return self.ansvarlig_ansatt.navn
        if self.ansvar == self.Ansvar.NETTVERK and self.ansvarlig_kontakt_id:
            kontakt = self.ansvarlig_kontakt
            return f"{kontakt.navn} ({kontakt.get_rolle_display().lower()})"
        return self.get_ansvar_display()


# ---------------------------------------------------------------------------
# Samtaler and contacts
# ---------------------------------------------------------------------------


class Samtaletype(models.TextChoices):
    INNTAK = "inntak", "Inntakssamtale"
    KARTLEGGING = "kartlegging", "Kartleggingssamtale"
    MOTIVASJON = "motivasjon", "Motivasjonssamtale"
    OPPFOLGING = "oppfolging", "Oppfølgingssamtale"
    EVALUERING = "evaluering", "Evalueringssamtale"
    AVSLUTNING = "avslutning", "Avslutningssamtale"
    ANSVARSGRUPPE = "ansvarsgruppe", "Ansvarsgruppemøte"
    UFORMELL = "uformell", "Uformell kontakt"


class Samtaleform(models.TextChoices):
    SENTERET = "senteret", "På senteret"
    SAMTALEROM = "samtalerom", "I samtalerom"
    KAFE = "kafe", "På kafeen"
    TELEFON = "telefon", "Telefon"
    SMS = "sms", "SMS"
    VIDEO = "video", "Video"
    HJEMMEBESOK = "hjemmebesok", "Hjemmebesøk"
    FOLGE_NAV = "folge_nav", "Følge til NAV"
    FOLGE_LEGE = "folge_lege", "Følge til lege"
    FOLGE_ANNEN = "folge_annen", "Følge til annen instans"


class Kontaktslag(models.TextChoices):
    """Who the contact was with, and whether it reached the person. "Contact" is defined once, from this:
    see `SamtaleQuerySet.kontakt()`."""

    MED_PERSONEN = "med_personen", "Med personen"
    FORSOK_NADD = "forsok_nadd", "Forsøk som nådde personen"
    FORSOK_IKKE_NADD = "forsok_ikke_nadd", "Forsøk som ikke nådde personen"
    OM_PERSONEN = "om_personen", "Notat om personen"
    MED_ANDRE = "med_andre", "Med andre om personen (for eksempel NAV-veilederen)"


# The one definition of "contact" (days since last contact, contacts in reports): a samtale or contact with
# the person themself, including an attempt that reached them. A note about them, a call to their
# NAV-veileder, or a failed attempt is not contact.
KONTAKT = (Kontaktslag.MED_PERSONEN, Kontaktslag.FORSOK_NADD)


class Endringsfase(models.TextChoices):
    FOROVERVEIELSE = "foroverveielse", "Føroverveielse"
    OVERVEIELSE = "overveielse", "Overveielse"
    FORBEREDELSE = "forberedelse", "Forberedelse"
    HANDLING = "handling", "Handling"
    VEDLIKEHOLD = "vedlikehold", "Vedlikehold"
    TILBAKEFALL = "tilbakefall", "Tilbakefall"


class SamtaleQuerySet(HistorikkQuerySet):
    def kontakt(self):
        """Only what counts as contact with the person (KONTAKT)."""
        return self.filter(kontaktslag__in=KONTAKT)


class Samtale(JournalformVakt):
    """A samtale or contact with, or about, a person: when, how long, where or how, who took part, the life
    areas touched, the agreed next step. Notes are free text, refused at centres in journal mode metadata."""

    FRITEKSTFELTER = ("notat", "neste_steg", "onske_fremtid", "hva_kan_stotte", "annerledes_neste_gang")

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="samtaler")
    type = models.CharField("type", max_length=14, choices=Samtaletype.choices)
    kontaktslag = models.CharField(
        "kontakt", max_length=18, choices=Kontaktslag.choices, default=Kontaktslag.MED_PERSONEN
    )
    tidspunkt = models.DateTimeField("når")
    varighet = models.PositiveSmallIntegerField(
        "varighet i minutter", null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    form = models.CharField("hvor eller hvordan", max_length=12, choices=Samtaleform.choices)
    ansatte = models.ManyToManyField(Bruker, related_name="+", verbose_name="ansatte som var med", blank=True)
    livsomrader = models.JSONField("livsområder det handlet om", default=list, blank=True)
    neste_steg = models.CharField("avtalt neste steg", max_length=500, blank=True)
    notat = models.TextField("notat", blank=True, max_length=10000)
    # Motivasjonssamtale (the Kontaktsenteret method)
    endringsfase = models.CharField("endringsfase", max_length=16, choices=Endringsfase.choices, blank=True)
    viktighet = models.PositiveSmallIntegerField(
        "hvor viktig en endring er (0–10)", null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    mestringstro = models.PositiveSmallIntegerField(
        "hvor sikker på å klare det (0–10)", null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    onske_fremtid = models.TextField("hva personen ønsker for framtiden", blank=True, max_length=2000)
    hva_kan_stotte = models.TextField("hva kan støtte det", blank=True, max_length=2000)
    annerledes_neste_gang = models.TextField("hva kan vi gjøre annerledes neste gang", blank=True, max_length=2000)
    sosionom_inn = models.BooleanField("sosionomtjenesten bør inn", default=False)
    registrert = models.DateTimeField(default=timezone.now)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    versjon = models.PositiveIntegerField(default=1)

    objects = senter_manager("deltaker__senter", SamtaleQuerySet)
    history = historikk(m2m_fields=[ansatte])

    class Meta:
        ordering = ["-tidspunkt", "-pk"]
        verbose_name = "samtale"
        verbose_name_plural = "samtaler"
        indexes = [
            models.Index(fields=["deltaker", "tidspunkt"], name="samtale_deltaker_tid_idx"),
            models.Index(fields=["deltaker", "kontaktslag", "tidspunkt"], name="samtale_kontakt_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(viktighet__isnull=True) | Q(viktighet__lte=10), name="viktighet_0_10"),
            models.CheckConstraint(
                condition=Q(mestringstro__isnull=True) | Q(mestringstro__lte=10), name="mestringstro_0_10"
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {timezone.localtime(self.tidspunkt):%d.%m.%Y}"

    def senter_for_journalform(self):
        return self.deltaker.senter

    @property
    def er_kontakt(self):
        return self.kontaktslag in KONTAKT


class Veiledningskommentar(JournalformVakt):
    """A leder's comment on a logged samtale (faglig veiledning), visible to its author."""

    FRITEKSTFELTER = ("tekst",)

    samtale = models.ForeignKey(Samtale, on_delete=models.CASCADE, related_name="kommentarer")
    tekst = models.TextField("kommentar", max_length=2000)
    skrevet_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    tidspunkt = models.DateTimeField(default=timezone.now)
    lest = models.DateTimeField("lest av den som skrev samtalen", null=True, blank=True)

    objects = senter_manager("samtale__deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["tidspunkt", "pk"]
        verbose_name = "veiledningskommentar"
        verbose_name_plural = "veiledningskommentarer"

    def __str__(self):
        return f"Kommentar til {self.samtale}"

    def senter_for_journalform(self):
        return self.samtale.deltaker.senter


class Utkast(models.Model):
    """A samtale note while it is being written, saved as it is typed: tied to the user and the person, offered
    back after the idle lock, a crash or a closed tab, and removed when the samtale is saved. Never shown to
    anyone else."""

    bruker = models.ForeignKey(Bruker, on_delete=models.CASCADE, related_name="+")
    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    oppdatert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("deltaker__senter", models.QuerySet)

    class Meta:
        verbose_name = "utkast"
        verbose_name_plural = "utkast"
        constraints = [models.UniqueConstraint(fields=["bruker", "deltaker"], name="ett_utkast_per_bruker_og_deltaker")]

    def __str__(self):
        return "Utkast til samtale"


# ---------------------------------------------------------------------------
# Appointments
# ---------------------------------------------------------------------------


class Avtale(JournalformVakt):
    """An appointment with the person: from a samtale's "next appointment", or made directly. One not kept is
    marked "uteble", which the reports count."""

    FRITEKSTFELTER = ("notat",)

    class Status(models.TextChoices):
        PLANLAGT = "planlagt", "Planlagt"
        GJENNOMFORT = "gjennomfort", "Gjennomført"
        UTEBLE = "uteble", "Uteble"
        AVLYST = "avlyst", "Avlyst"

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="avtaler")
    tidspunkt = models.DateTimeField("når")
    form = models.CharField("hvor eller hvordan", max_length=12, choices=Samtaleform.choices)
    med = models.ForeignKey(
        Bruker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="med"
    )
    notat = models.CharField("om avtalen", max_length=300, blank=True)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.PLANLAGT)
    fra_samtale = models.ForeignKey(Samtale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    registrert = models.DateTimeField(default=timezone.now)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["tidspunkt", "pk"]
        verbose_name = "avtale"
        verbose_name_plural = "avtaler"
        indexes = [
            models.Index(fields=["deltaker", "tidspunkt"], name="avtale_deltaker_tid_idx"),
            models.Index(fields=["med", "tidspunkt"], name="avtale_med_tid_idx"),
        ]

    def __str__(self):
        return f"Avtale {timezone.localtime(self.tidspunkt):%d.%m.%Y %H:%M}"

    def senter_for_journalform(self):
        return self.deltaker.senter


# ---------------------------------------------------------------------------
# Morgenmøte tasks, the daily tally
# ---------------------------------------------------------------------------


class Oppgave(JournalformVakt):
    """A need discovered in the café, turned into a task: about a deltaker or an unregistered guest (a first
    name or a description only), held by a staff member or by a group (the motivasjonsteam, the
    sosionomtjeneste), due by a date."""

    FRITEKSTFELTER = ()

    senter = models.ForeignKey(Senter, on_delete=models.CASCADE, related_name="oppgaver")
    deltaker = models.ForeignKey(Deltaker, null=True, blank=True, on_delete=models.CASCADE, related_name="oppgaver")
    gjest = models.CharField(
        "gjest som ikke er registrert",
        max_length=80,
        blank=True,
        help_text="Et fornavn eller en beskrivelse, ikke mer.",
    )
    hva = models.CharField("hva skal gjøres", max_length=300)
    tildelt = models.ForeignKey(
        Bruker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="hvem har den"
    )

    class Gruppe(models.TextChoices):
        MOTIVASJONSTEAM = "motivasjonsteam", "Motivasjonsteamet"
        SOSIONOMTJENESTEN = "sosionomtjenesten", "Sosionomtjenesten"

    gruppe = models.CharField(
        "eller en gruppe", max_length=18, choices=Gruppe.choices, blank=True, help_text="Når ingen bestemt har den."
    )
    frist = models.DateField("frist", null=True, blank=True)
    ferdig = models.DateTimeField("ferdig", null=True, blank=True)
    fra_samtale = models.ForeignKey(Samtale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opprettet = models.DateTimeField(default=timezone.now)
    opprettet_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = senter_manager("senter")
    history = historikk()

    class Meta:
        ordering = ["frist", "opprettet", "pk"]
        verbose_name = "oppgave"
        verbose_name_plural = "oppgaver"
        indexes = [models.Index(fields=["senter", "ferdig", "frist"], name="oppgave_senter_apen_idx")]

    def __str__(self):
        return self.hva

    def senter_for_journalform(self):
        return self.senter


class Telling(models.Model):
    """The anonymous daily tally of a low-threshold café: one counter on one opening day. No names."""

    senter = models.ForeignKey(Senter, on_delete=models.CASCADE, related_name="tellinger")
    dato = models.DateField("dato")
    teller = models.CharField("teller", max_length=20)
    antall = models.PositiveIntegerField("antall", default=0, validators=[MaxValueValidator(100_000)])
    endret = models.DateTimeField(default=timezone.now)

    objects = senter_manager("senter")
    history = historikk()

    class Meta:
        ordering = ["dato", "teller"]
        verbose_name = "telling"
        verbose_name_plural = "tellinger"
        constraints = [
            models.UniqueConstraint(fields=["senter", "dato", "teller"], name="en_telling_per_dag_og_teller")
        ]

    def __str__(self):
        return f"{self.dato}: {self.teller} {self.antall}"
