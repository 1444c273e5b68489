"""The register: centres, the people who work there, and the access log."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .scoping import SenterScopedManager


class HistorikkQuerySet(models.QuerySet):
    """For models with a change history: every write goes through `save()`, so history sees it.

    `update()` and `bulk_update()` would change rows behind django-simple-history's back (no
    author, no before and after); they refuse instead. Bulk loads use
    `simple_history.utils.bulk_create_with_history`.
    """

    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__}: bruk save(), så endringen kommer med i historikken.")

    def bulk_update(self, *args, **kwargs):
        raise TypeError(f"{self.model.__name__}: bruk save(), så endringen kommer med i historikken.")


def historikk(**kwargs):
    """The change history every model holding personal data keeps (who, when, before and after)."""
    return HistoricalRecords(user_related_name="+", **kwargs)


def senter_manager(lookup, queryset=HistorikkQuerySet):
    """The scoped manager (the one scoping helper) for a model holding personal data: limited to the
    active centre scope through `lookup`, with the queryset that keeps writes in the change history."""
    return SenterScopedManager(lookup, manager_class=models.Manager.from_queryset(queryset))


class JournalformVakt(models.Model):
    """A model with free-text fields that a centre in journal mode `metadata` may not store.

    `FRITEKSTFELTER` names them and `senter_for_journalform()` says whose mode applies. Saving a row with
    free text at such a centre raises ValidationError (the forms refuse it first, with the same words).
    """

    FRITEKSTFELTER = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if any(getattr(self, felt) for felt in self.FRITEKSTFELTER):
            senter = self.senter_for_journalform()
            if not senter.fritekst_tillatt:
                from django.core.exceptions import ValidationError

                raise ValidationError(
                    {felt: FRITEKST_IKKE_TILLATT for felt in self.FRITEKSTFELTER if getattr(self, felt)}
                )
        super().save(*args, **kwargs)

    def senter_for_journalform(self):
        raise NotImplementedError


FRITEKST_IKKE_TILLATT = "Senteret lagrer bare metadata: fritekst kan ikke lagres her."


class Senter(models.Model):
    """An oppfølgingssenter, værested, Steg for Steg office, ...: the tenant boundary."""

    class Type(models.TextChoices):
        OPPFOLGINGSSENTER = "oppfolgingssenter", "Oppfølgingssenter"
        GATENAERT = "gatenaert", "Gatenært tiltak / værested"
        STEG_FOR_STEG = "steg_for_steg", "Steg for Steg"
        BOLIGTILTAK = "boligtiltak", "Boligtiltak"
        ARBEIDSTRENING = "arbeidstrening", "Arbeidstrening"

    class Journalform(models.TextChoices):
        FULL = "full", "Full journal (fritekst tillatt)"
        METADATA = "metadata", "Bare metadata (dato, type, varighet og hvem, ingen fritekst)"

    navn = models.CharField("navn", max_length=120, unique=True)
    kommune = models.CharField("sted/kommune", max_length=80)
    type = models.CharField("type", max_length=20, choices=Type.choices, default=Type.OPPFOLGINGSSENTER)
    journalform = models.CharField(
        "journalform",
        max_length=10,
        choices=Journalform.choices,
        default=Journalform.FULL,
        help_text="Sentre som ikke fører journal, lagrer bare at en kontakt fant sted.",
    )
    aktiv = models.BooleanField("aktiv", default=True)

    class Meta:
        ordering = ["navn"]
        verbose_name = "senter"
        verbose_name_plural = "sentre"

    def __str__(self):
        return self.navn

    @property
    def fritekst_tillatt(self):
        return self.journalform == self.Journalform.FULL


class BrukerManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("E-post må oppgis")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class Bruker(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in: staff of one or more centres, or a system administrator."""

    email = models.EmailField("e-post", unique=True)
    navn = models.CharField("fullt navn", max_length=150)
    is_active = models.BooleanField("aktiv", default=True)
    is_staff = models.BooleanField(
        "administrator", default=False, help_text="Kan logge inn i administrasjonen (Django admin)."
    )
    opprettet = models.DateTimeField("opprettet", default=timezone.now)
    # Counts changes to the user's two-factor devices (deltakere.middleware): the session trusts what it
    # knows about them while this number is the one it saw, so a request asks no device table.
    andre_faktor_versjon = models.PositiveIntegerField("versjon av to-trinns-enhetene", default=0, editable=False)

    objects = BrukerManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["navn"]

    class Meta:
        ordering = ["navn"]
        verbose_name = "bruker"
        verbose_name_plural = "brukere"

    def __str__(self):
        return self.navn or self.email

    def clean(self):
        super().clean()
        self.email = self.email.strip().lower()

    def get_full_name(self):
        return self.navn

    def get_short_name(self):
        return self.navn.split(" ")[0] if self.navn else self.email


class Rolle(models.TextChoices):
    VEILEDER = "veileder", "Veileder"
    SOSIONOM = "sosionom", "Sosionom"
    LEDER = "leder", "Leder"
    TIDGIVERKOORDINATOR = "tidgiverkoordinator", "Tidgiverkoordinator"


# Who may be a person's primærkontakt or andre kontakt: staff who follow people up, never the
# tidgiverkoordinator (who may see only what a person shares with a tidgiver).
KONTAKTPERSONROLLER = frozenset({Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER})


class Medlemskap(models.Model):
    """A user works at a centre in a role. Leaving keeps the row (with `sluttet`) as history."""

    bruker = models.ForeignKey(Bruker, on_delete=models.CASCADE, related_name="medlemskap", verbose_name="bruker")
    senter = models.ForeignKey(Senter, on_delete=models.CASCADE, related_name="medlemskap", verbose_name="senter")
    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices)
    startet = models.DateField("startet", default=timezone.localdate)
    sluttet = models.DateField("sluttet", null=True, blank=True)
    # The share of a full position, for the staff årsverk the reports give funders.
    stillingsprosent = models.PositiveSmallIntegerField(
        "stillingsprosent", default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    objects = senter_manager("senter")
    history = historikk()

    class Meta:
        ordering = ["senter__navn", "bruker__navn"]
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        constraints = [
            models.UniqueConstraint(fields=["bruker", "senter"], name="ett_medlemskap_per_senter"),
            models.CheckConstraint(
                condition=models.Q(stillingsprosent__gte=1, stillingsprosent__lte=100),
                name="stillingsprosent_1_til_100",
            ),
        ]

    def __str__(self):
        return f"{self.bruker} – {self.get_rolle_display()} ved {self.senter}"

    @property
    def aktivt(self):
        return self.sluttet is None


class Invitasjon(models.Model):
    """A leder invites an e-mail address to work at the centre in a role.

    No access exists until the person accepts: a new person chooses name and password through
    the link; someone who already has an account signs in and accepts. The leder sees only the
    address they typed and whether the invitation is pending or accepted, never whether the
    address has an account or where else it works. The link's token is stored only as a hash.
    """

    GYLDIG_DAGER = 14

    senter = models.ForeignKey(Senter, on_delete=models.CASCADE, related_name="invitasjoner", verbose_name="senter")
    email = models.EmailField("e-post")
    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices)
    invitert_av = models.ForeignKey(Bruker, on_delete=models.PROTECT, related_name="+", verbose_name="invitert av")
    opprettet = models.DateTimeField("opprettet", default=timezone.now)
    sendt = models.DateTimeField("sist sendt", default=timezone.now)
    token_hash = models.CharField(max_length=64, unique=True)
    akseptert = models.DateTimeField("godtatt", null=True, blank=True)
    trukket = models.DateTimeField("trukket tilbake", null=True, blank=True)

    objects = senter_manager("senter")
    history = historikk(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-sendt"]
        verbose_name = "invitasjon"
        verbose_name_plural = "invitasjoner"
        indexes = [models.Index(fields=["senter", "email"], name="invitasjon_senter_epost_idx")]

    def __str__(self):
        return f"{self.email} ({self.get_rolle_display()})"

    @property
    def utloper(self):
        from datetime import timedelta

        return self.sendt + timedelta(days=self.GYLDIG_DAGER)

    @property
    def status(self):
        if self.akseptert:
            return "godtatt"
        if self.trukket:
            return "trukket"
        if self.utloper < timezone.now():
            return "utlopt"
        return "venter"


class TilgangsloggQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Tilgangsloggen kan ikke endres.")

    def delete(self):
        raise TypeError("Tilgangsloggen kan ikke slettes.")

    def for_objekt(self, obj):
        return self.filter(objekt_type=ContentType.objects.get_for_model(obj), objekt_id=obj.pk)


class Tilgangslogg(models.Model):
    """Who opened, exported or printed which record, when, and at which centre.

    Rows are written through `deltakere.tilgangslogg.logg_tilgang` and never changed or
    deleted through the app. `grunn` holds the reason Normen asks for when a user opens a
    record outside their own caseload.
    """

    class Handling(models.TextChoices):
        VIS = "vis", "Åpnet"
        ENDRE = "endre", "Endret"
        EKSPORT = "eksport", "Eksporterte"
        UTSKRIFT = "utskrift", "Skrev ut"
        VIS_FODSELSNUMMER = "vis_fnr", "Viste fødselsnummer"
        # A report (rapporter.Rapport): ordered, and approved; viewing and downloading it are VIS and EKSPORT.
        LAGE = "lage", "Bestilte"
        GODKJENNE = "godkjenne", "Godkjente"

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    bruker = models.ForeignKey(Bruker, on_delete=models.PROTECT, related_name="+", verbose_name="bruker")
    senter = models.ForeignKey(Senter, on_delete=models.PROTECT, related_name="+", verbose_name="senter")
    handling = models.CharField("handling", max_length=10, choices=Handling.choices)
    objekt_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objekt_id = models.PositiveBigIntegerField("objekt-id")
    grunn = models.TextField("grunn", blank=True, max_length=1000)

    objects = SenterScopedManager("senter", manager_class=models.Manager.from_queryset(TilgangsloggQuerySet))

    class Meta:
        ordering = ["-tidspunkt"]
        verbose_name = "tilgangslogg"
        verbose_name_plural = "tilgangslogg"
        indexes = [
            models.Index(fields=["objekt_type", "objekt_id", "tidspunkt"], name="tilgang_objekt_idx"),
            models.Index(fields=["senter", "tidspunkt"], name="tilgang_senter_idx"),
        ]

    def __str__(self):
        return f"{self.tidspunkt:%Y-%m-%d %H:%M} {self.get_handling_display()} {self.objekt_type} {self.objekt_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Tilgangsloggen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Tilgangsloggen kan ikke slettes.")


# ---------------------------------------------------------------------------
# The person followed up at a centre, and what is dated about them
# ---------------------------------------------------------------------------


class Kjonn(models.TextChoices):
    KVINNE = "kvinne", "Kvinne"
    MANN = "mann", "Mann"
    ANNET = "annet", "Annet"
    IKKE_OPPGITT = "ikke_oppgitt", "Ønsker ikke å oppgi"


class Kontaktform(models.TextChoices):
    SMS = "sms", "SMS"
    TELEFON = "telefon", "Telefon"
    EPOST = "epost", "E-post"
    OPPMOTE = "oppmote", "Oppmøte"
    VIA_ANNEN = "via_annen", "Via annen instans"


class Bosituasjon(models.TextChoices):
    EGEN_BOLIG = "egen_bolig", "Egen bolig"
    KOMMUNAL_BOLIG = "kommunal_bolig", "Kommunal bolig"
    MIDLERTIDIG = "midlertidig", "Midlertidig botilbud"
    INSTITUSJON = "institusjon", "Institusjon"
    FAMILIE_VENNER = "familie_venner", "Hos familie/venner"
    BOSTEDSLOS = "bostedslos", "Bostedsløs"
    FENGSEL = "fengsel", "I fengsel"


class Inntekt(models.TextChoices):
    ARBEID = "arbeid", "Arbeid"
    AAP = "aap", "AAP"
    SOSIALHJELP = "sosialhjelp", "Sosialhjelp"
    UFORETRYGD = "uforetrygd", "Uføretrygd"
    PENSJON = "pensjon", "Pensjon"
    INGEN = "ingen", "Ingen inntekt"


class Soningsforhold(models.TextChoices):
    INGEN = "", "Ingen"
    PARAGRAF_12 = "paragraf_12", "§ 12-soning"
    FOTLENKE = "fotlenke", "Soning med fotlenke"
    PROVELOSLATT = "proveloslatt", "Prøveløslatt"


class Henvisningskilde(models.TextChoices):
    NAV = "nav", "NAV"
    KRIMINALOMSORGEN = "kriminalomsorgen", "Kriminalomsorgen/friomsorgen"
    FENGSEL = "fengsel", "Fengsel"
    BEHANDLING = "behandling", "Behandlingsinstitusjon"
    LAR = "lar", "LAR"
    KOMMUNE = "kommune", "Kommunens rus- og psykisk helsetjeneste"
    FASTLEGE = "fastlege", "Fastlege"
    PARORENDE = "parorende", "Pårørende"
    ANNEN_DELTAKER = "annen_deltaker", "Annen deltaker"
    LAVTERSKEL = "lavterskel", "Lavterskeltiltak"
    SELVHENVENDT = "selvhenvendt", "Selvhenvendt"
    ANNET = "annet", "Annet"


class Status(models.TextChoices):
    HENVIST = "henvist", "Henvist"
    AKTIV = "aktiv", "Aktiv"
    PAUSE = "pause", "Pause"
    AVSLUTTET = "avsluttet", "Avsluttet"


class Avslutningsarsak(models.TextChoices):
    MAL_NADD = "mal_nadd", "Mål nådd"
    ONSKET_SELV = "onsket_selv", "Ønsket selv"
    FLYTTET = "flyttet", "Flyttet"
    OVERFORT = "overfort", "Overført til annen tjeneste"
    IKKE_KONTAKT = "ikke_kontakt", "Ikke oppnådd kontakt"
    DOD = "dod", "Død"
    ANNET = "annet", "Annet"


# Which status a person may move to from each status; reactivation keeps all history.
STATUS_OVERGANGER = {
    Status.HENVIST: {Status.AKTIV, Status.AVSLUTTET},
    Status.AKTIV: {Status.PAUSE, Status.AVSLUTTET},
    Status.PAUSE: {Status.AKTIV, Status.AVSLUTTET},
    Status.AVSLUTTET: {Status.AKTIV},
}


class DeltakerQuerySet(HistorikkQuerySet):
    def sok(self, tekst):
        """Every word must match the first name, last name or nickname (case-insensitive)."""
        for ord_ in tekst.split()[:5]:
            self = self.filter(
                models.Q(fornavn__icontains=ord_)
                | models.Q(etternavn__icontains=ord_)
                | models.Q(kallenavn__icontains=ord_)
            )
        return self

    def kan_matches(self):
        """Candidates a tidgiverkoordinator may offer a tidgiver: followed up now, and consenting to share."""
        return self.filter(status__in=[Status.HENVIST, Status.AKTIV, Status.PAUSE]).filter(
            Deltaker.deler_med_tidgiver()
        )


class Deltaker(models.Model):
    """A person followed up at a centre (the "sak").

    A transfer to another centre makes a new Deltaker there (`overfort_fra`), so the new centre
    sees the person from the transfer on and the old centre keeps, read-only, what it recorded.
    Status, situation and contact persons are dated rows (Statusendring, Situasjonsendring,
    Kontaktpersonendring); the current values are kept here beside them for fast lists.
    """

    senter = models.ForeignKey(Senter, on_delete=models.PROTECT, related_name="deltakere", verbose_name="senter")

    fornavn = models.CharField("fornavn", max_length=60)
    etternavn = models.CharField("etternavn", max_length=60)
    kallenavn = models.CharField("kallenavn", max_length=60, blank=True, help_text="Navnet personen er kjent under.")
    fodselsaar = models.PositiveSmallIntegerField("fødselsår")
    fodselsdato = models.DateField("fødselsdato", null=True, blank=True)
    fodselsnummer = models.CharField(
        "fødselsnummer", max_length=11, blank=True, help_text="Valgfritt. Lagre bare hvis det trengs."
    )
    kjonn = models.CharField("kjønn", max_length=12, choices=Kjonn.choices, default=Kjonn.IKKE_OPPGITT)
    telefon = models.CharField("telefon", max_length=20, blank=True)
    epost = models.EmailField("e-post", blank=True)
    kontaktform = models.CharField(
        "foretrukket kontaktform", max_length=10, choices=Kontaktform.choices, default=Kontaktform.TELEFON
    )
    interesser = models.TextField(
        "interesser og ønsker",
        blank=True,
        max_length=1000,
        help_text="Det tidgiverkoordinatoren kan se, for å finne en tidgiver som passer.",
    )

    # Situation at intake (never changed after) and now (kept beside the dated Situasjonsendring rows).
    bosituasjon_ved_start = models.CharField("bosituasjon ved start", max_length=16, choices=Bosituasjon.choices)
    inntekt_ved_start = models.CharField("inntekt ved start", max_length=12, choices=Inntekt.choices)
    bosituasjon = models.CharField("bosituasjon", max_length=16, choices=Bosituasjon.choices)
    inntekt = models.CharField("inntekt", max_length=12, choices=Inntekt.choices)
    lar = models.BooleanField("i LAR", default=False)
    i_behandling = models.BooleanField("i behandling", default=False)
    soningsforhold = models.CharField(
        "soningsforhold", max_length=14, choices=Soningsforhold.choices, default=Soningsforhold.INGEN, blank=True
    )

    henvisning_kilde = models.CharField("henvist fra", max_length=20, choices=Henvisningskilde.choices)
    henvisning_dato = models.DateField("henvisningsdato")
    henvisende_instans = models.CharField("henvisende instans", max_length=120, blank=True)
    henvisning_kontaktperson = models.CharField("kontaktperson hos henviser", max_length=120, blank=True)
    henvisning_notat = models.TextField("om henvisningen", blank=True, max_length=2000)

    primaerkontakt = models.ForeignKey(
        Bruker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="primaerkontakt_for",
        verbose_name="primærkontakt",
    )
    andrekontakt = models.ForeignKey(
        Bruker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="andrekontakt_for",
        verbose_name="andre kontakt",
    )

    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.HENVIST)
    status_fra = models.DateField("status siden", default=timezone.localdate)

    samarbeidsavtale_signert = models.DateField("samarbeidsavtale signert", null=True, blank=True)
    samarbeidsavtale_notat = models.TextField(
        "hva som er avtalt",
        blank=True,
        max_length=4000,
        help_text="Forventningsavklaring: hva senteret kan og ikke kan hjelpe med.",
    )

    overfort_fra = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="overfort_til",
        verbose_name="overført fra",
    )

    versjon = models.PositiveIntegerField("versjon", default=1)
    opprettet = models.DateTimeField("opprettet", default=timezone.now)
    opprettet_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    endret = models.DateTimeField("sist endret", default=timezone.now)

    objects = senter_manager("senter", DeltakerQuerySet)
    history = historikk()

    class Meta:
        ordering = ["etternavn", "fornavn", "pk"]
        verbose_name = "deltaker"
        verbose_name_plural = "deltakere"
        # One index per sort order of the register, each ending in the primary key as the order does, so a
        # page (keyset pagination, deltakere/views/register.py) is read in index order. On PostgreSQL the
        # search has trigram indexes too (migration 0009): not in the model, since SQLite cannot make them.
        indexes = [
            models.Index(fields=["senter", "etternavn", "fornavn", "id"], name="deltaker_senter_navn_idx"),
            models.Index(fields=["senter", "status", "etternavn", "id"], name="deltaker_senter_status_idx"),
            models.Index(fields=["senter", "fodselsaar", "etternavn", "id"], name="deltaker_senter_aar_idx"),
            models.Index(fields=["senter", "endret", "id"], name="deltaker_senter_endret_idx"),
        ]

    def __str__(self):
        return self.fullt_navn

    @property
    def fullt_navn(self):
        if self.kallenavn:
            return f"{self.fornavn} «{self.kallenavn}» {self.etternavn}"
        return f"{self.fornavn} {self.etternavn}"

    @property
    def fodselsnummer_maskert(self):
        return f"{self.fodselsnummer[:2]}•••• •••••" if self.fodselsnummer else ""

    @property
    def er_overfort(self):
        """Transferred away: the old centre keeps what it recorded, read-only."""
        return hasattr(self, "overfort_til") and self.overfort_til is not None

    @staticmethod
    def deler_med_tidgiver():
        """The condition "has an active consent to share with a tidgiver", for filter(): the one place it is written."""
        return models.Exists(Samtykke.objects.filter(deltaker=models.OuterRef("pk")).deler_med_tidgiver())

    def mulige_statuser(self):
        return [s for s in Status if s in STATUS_OVERGANGER[Status(self.status)]]


class Statusendring(models.Model):
    """A dated change of status: henvist → aktiv → pause → avsluttet, and back to aktiv."""

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="statusendringer")
    fra_status = models.CharField("fra", max_length=10, choices=Status.choices, blank=True)
    til_status = models.CharField("til", max_length=10, choices=Status.choices)
    dato = models.DateField("fra dato")
    arsak = models.CharField("årsak til avslutning", max_length=14, choices=Avslutningsarsak.choices, blank=True)
    avslutningssamtale = models.DateField("avslutningssamtale", null=True, blank=True)
    apen_dor_til = models.DateField(
        "åpen dør til",
        null=True,
        blank=True,
        help_text="Til denne datoen kan personen fortsatt ta kontakt med senteret.",
    )
    notat = models.TextField("kommentar", blank=True, max_length=2000)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-registrert"]
        verbose_name = "statusendring"
        verbose_name_plural = "statusendringer"
        indexes = [models.Index(fields=["deltaker", "dato"], name="status_deltaker_dato_idx")]

    def __str__(self):
        return f"{self.dato}: {self.get_til_status_display()}"


# The situation a Situasjonsendring row records, kept current on Deltaker beside the rows.
SITUASJONSFELTER = ["bosituasjon", "inntekt", "lar", "i_behandling", "soningsforhold"]


class Situasjonsendring(models.Model):
    """A dated record of bosituasjon, inntekt and the LAR/behandling/soning flags."""

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="situasjonsendringer")
    dato = models.DateField("fra dato")
    bosituasjon = models.CharField("bosituasjon", max_length=16, choices=Bosituasjon.choices)
    inntekt = models.CharField("inntekt", max_length=12, choices=Inntekt.choices)
    lar = models.BooleanField("i LAR", default=False)
    i_behandling = models.BooleanField("i behandling", default=False)
    soningsforhold = models.CharField("soningsforhold", max_length=14, choices=Soningsforhold.choices, blank=True)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-registrert"]
        verbose_name = "endring i situasjon"
        verbose_name_plural = "endringer i situasjon"

    def __str__(self):
        return f"{self.dato}: {self.get_bosituasjon_display()}, {self.get_inntekt_display()}"


class Kontaktpersonendring(models.Model):
    """A dated change of primærkontakt and andre kontakt (continuity matters most)."""

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="kontaktpersonendringer")
    dato = models.DateField("fra dato")
    primaerkontakt = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    andrekontakt = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["-dato", "-registrert"]
        verbose_name = "endring av kontaktperson"
        verbose_name_plural = "endringer av kontaktperson"

    def __str__(self):
        return f"{self.dato}: {self.primaerkontakt or 'ingen'}"


class Nettverkskontakt(models.Model):
    """Pårørende and samarbeidspartnere (NAV-veileder, fastlege, ...), and the ansvarsgruppe."""

    class Rolle(models.TextChoices):
        PARORENDE = "parorende", "Pårørende"
        NAV = "nav", "NAV-veileder"
        FASTLEGE = "fastlege", "Fastlege"
        LAR = "lar", "LAR"
        BEHANDLER = "behandler", "Behandler"
        KRIMINALOMSORG = "kriminalomsorg", "Kriminalomsorgen"
        KOMMUNE = "kommune", "Kommunal tjeneste"
        ORGANISASJON = "organisasjon", "Annen organisasjon"

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="nettverk")
    rolle = models.CharField("rolle", max_length=16, choices=Rolle.choices)
    navn = models.CharField("navn", max_length=120)
    relasjon = models.CharField(
        "relasjon eller instans", max_length=120, blank=True, help_text="For eksempel «mor» eller «NAV Årstad»."
    )
    telefon = models.CharField("telefon", max_length=20, blank=True)
    epost = models.EmailField("e-post", blank=True)
    i_ansvarsgruppe = models.BooleanField("med i ansvarsgruppen", default=False)
    notat = models.TextField("notat", blank=True, max_length=1000)
    aktiv = models.BooleanField("aktiv", default=True)
    versjon = models.PositiveIntegerField("versjon", default=1)

    objects = senter_manager("deltaker__senter")
    history = historikk()

    class Meta:
        ordering = ["rolle", "navn"]
        verbose_name = "nettverkskontakt"
        verbose_name_plural = "nettverk"

    def __str__(self):
        return f"{self.navn} ({self.get_rolle_display()})"

    @property
    def er_parorende(self):
        return self.rolle == self.Rolle.PARORENDE


class SamtykkeQuerySet(HistorikkQuerySet):
    def deler_med_tidgiver(self):
        """Active consents to share information with a tidgiver: the one place this rule is written."""
        return self.filter(type=Samtykke.Type.DELE_MED_TIDGIVER, trukket__isnull=True)


class Samtykke(models.Model):
    """A consent, with its scope, how it was given, and its withdrawal. Withdrawal has effect:
    see `DeltakerQuerySet.kan_matches` and `Nettverkskontakt` contact rules in selectors."""

    class Type(models.TextChoices):
        REGISTRERING = "registrering", "Registrering og oppbevaring hos senteret"
        KONTAKT_INSTANS = "kontakt_instans", "Kontakt med instans"
        INVOLVERE_PARORENDE = "involvere_parorende", "Involvere pårørende"
        DELE_MED_TIDGIVER = "dele_med_tidgiver", "Dele opplysninger med tidgiver"
        STATISTIKK = "statistikk", "Bruk i anonymisert statistikk"

    class Form(models.TextChoices):
        SKRIFTLIG = "skriftlig", "Skriftlig"
        MUNTLIG = "muntlig", "Muntlig"

    deltaker = models.ForeignKey(Deltaker, on_delete=models.CASCADE, related_name="samtykker")
    type = models.CharField("type samtykke", max_length=20, choices=Type.choices)
    gjelder = models.ForeignKey(
        Nettverkskontakt,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="samtykker",
        verbose_name="gjelder",
        help_text="Instansen eller den pårørende samtykket gjelder.",
    )
    omfang = models.CharField("omfang", max_length=300, blank=True, help_text="Hva samtykket omfatter.")
    form = models.CharField("gitt", max_length=10, choices=Form.choices)
    dato = models.DateField("dato gitt")
    trukket = models.DateField("trukket tilbake", null=True, blank=True)
    registrert_av = models.ForeignKey(Bruker, null=True, on_delete=models.SET_NULL, related_name="+")
    registrert = models.DateTimeField(default=timezone.now)

    objects = senter_manager("deltaker__senter", SamtykkeQuerySet)
    history = historikk()

    class Meta:
        ordering = ["type", "-dato"]
        verbose_name = "samtykke"
        verbose_name_plural = "samtykker"
        indexes = [models.Index(fields=["deltaker", "type", "trukket"], name="samtykke_deltaker_type_idx")]

    def __str__(self):
        return self.get_type_display() + (f" ({self.gjelder.navn})" if self.gjelder_id else "")

    @property
    def gjeldende(self):
        return self.trukket is None


class Innsending(models.Model):
    """A form that created or changed something, sent once.

    Every such form carries a one-time token (`deltakere.engangs`); the first submission stores
    the page it led to, and a repeat (a double click, two tabs, Back and send again) is shown that
    page instead of doing the work twice. Holds no personal data: a token, a user and a URL of ids.
    """

    token = models.UUIDField("engangskode", unique=True)
    bruker = models.ForeignKey(Bruker, on_delete=models.CASCADE, related_name="+")
    opprettet = models.DateTimeField("sendt", default=timezone.now)
    resultat = models.CharField("førte til", max_length=500, blank=True)

    class Meta:
        verbose_name = "innsending"
        verbose_name_plural = "innsendinger"
        indexes = [models.Index(fields=["bruker", "opprettet"], name="innsending_bruker_idx")]

    def __str__(self):
        return str(self.token)
