"""The register: centres, the people who work there, and the access log."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .scoping import SenterScopedManager


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


class Medlemskap(models.Model):
    """A user works at a centre in a role. Leaving keeps the row (with `sluttet`) as history."""

    bruker = models.ForeignKey(Bruker, on_delete=models.CASCADE, related_name="medlemskap", verbose_name="bruker")
    senter = models.ForeignKey(Senter, on_delete=models.CASCADE, related_name="medlemskap", verbose_name="senter")
    rolle = models.CharField("rolle", max_length=20, choices=Rolle.choices)
    startet = models.DateField("startet", default=timezone.localdate)
    sluttet = models.DateField("sluttet", null=True, blank=True)

    objects = SenterScopedManager("senter")

    class Meta:
        ordering = ["senter__navn", "bruker__navn"]
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        constraints = [
            models.UniqueConstraint(fields=["bruker", "senter"], name="ett_medlemskap_per_senter"),
        ]

    def __str__(self):
        return f"{self.bruker} – {self.get_rolle_display()} ved {self.senter}"

    @property
    def aktivt(self):
        return self.sluttet is None


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
        EKSPORT = "eksport", "Eksporterte"
        UTSKRIFT = "utskrift", "Skrev ut"
        VIS_FODSELSNUMMER = "vis_fnr", "Viste fødselsnummer"

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
