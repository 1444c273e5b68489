import copy
import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from stdnum.no import fodselsnummer

from .models import (
    KONTAKTPERSONROLLER,
    Avslutningsarsak,
    Bosituasjon,
    Bruker,
    Deltaker,
    Inntekt,
    Nettverkskontakt,
    Rolle,
    Samtykke,
    Senter,
    Soningsforhold,
    Status,
)
from .services import mulige_duplikater

# Every required field says what to do when it is left empty ("Skriv inn fødselsåret"), as GOV.UK and
# Designsystemet do, never Django's "Feltet er påkrevet." (tests/deltakere/test_feilmeldinger.py checks it).


class InnloggingForm(AuthenticationForm):
    """E-mail and password. The error never tells whether the e-mail address exists."""

    username = forms.EmailField(
        label="E-post",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
        error_messages={
            "required": "Skriv inn e-postadressen du logger inn med.",
            "invalid": "Skriv e-postadressen slik: navn@eksempel.no.",
        },
    )
    password = forms.CharField(
        label="Passord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Skriv inn passordet ditt."},
    )

    error_messages = {
        "invalid_login": "Feil e-post eller passord. Prøv igjen.",
        "inactive": "Feil e-post eller passord. Prøv igjen.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class EngangskodeForm(forms.Form):
    kode = forms.CharField(
        label="Engangskode",
        max_length=16,
        help_text="Sekssifret kode fra autentiseringsappen, eller en av reservekodene dine.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Skriv inn koden fra autentiseringsappen."},
    )

    def clean_kode(self):
        return self.cleaned_data["kode"].replace(" ", "").strip()


class NyAnsattForm(forms.Form):
    email = forms.EmailField(
        label="E-post",
        max_length=254,
        help_text="Personen får en invitasjon på e-post og får tilgang først når hen har godtatt den.",
        error_messages={
            "required": "Skriv inn e-postadressen til personen.",
            "invalid": "Skriv en gyldig e-postadresse.",
        },
    )
    rolle = forms.ChoiceField(label="Rolle", choices=Rolle.choices, error_messages={"required": "Velg en rolle."})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class NyKontoForm(forms.Form):
    """A person new to Medvandrer accepts an invitation: their name and a password."""

    navn = forms.CharField(label="Fullt navn", max_length=150, error_messages={"required": "Skriv inn navnet ditt."})
    passord1 = forms.CharField(
        label="Velg passord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minst 12 tegn. Ikke bare tall, og ikke et vanlig passord.",
        error_messages={"required": "Velg et passord."},
    )
    passord2 = forms.CharField(
        label="Skriv passordet en gang til",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Skriv passordet en gang til."},
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        data = super().clean()
        p1, p2 = data.get("passord1"), data.get("passord2")
        if p1 and p2 and p1 != p2:
            self.add_error("passord2", "Passordene er ikke like.")
        elif p1:
            try:
                password_validation.validate_password(p1, Bruker(email=self.email, navn=data.get("navn", "")))
            except forms.ValidationError as e:
                self.add_error("passord1", e)
        return data


class EndreRolleForm(forms.Form):
    rolle = forms.ChoiceField(label="Rolle", choices=Rolle.choices, error_messages={"required": "Velg en rolle."})
    stillingsprosent = forms.IntegerField(
        label="Stillingsprosent",
        min_value=1,
        max_value=100,
        help_text="100 er full stilling. Brukes til årsverk i rapportene.",
        error_messages={
            "required": "Skriv inn stillingsprosenten, for eksempel 100 eller 50.",
            "invalid": "Skriv stillingsprosenten som et helt tall, for eksempel 50.",
            "min_value": "Stillingsprosenten må være minst 1.",
            "max_value": "Stillingsprosenten kan ikke være mer enn 100.",
        },
    )


def _med_meldinger(felt, **meldinger):
    """A copy of a field one of Django's forms declares, with our error messages."""
    felt = copy.deepcopy(felt)
    felt.error_messages = {**felt.error_messages, **meldinger}
    return felt


class EndrePassordForm(PasswordChangeForm):
    old_password = _med_meldinger(
        PasswordChangeForm.base_fields["old_password"], required="Skriv inn passordet du har nå."
    )
    new_password1 = _med_meldinger(
        PasswordChangeForm.base_fields["new_password1"], required="Skriv inn det nye passordet."
    )
    new_password2 = _med_meldinger(
        PasswordChangeForm.base_fields["new_password2"], required="Skriv det nye passordet en gang til."
    )


class GlemtPassordForm(PasswordResetForm):
    email = _med_meldinger(
        PasswordResetForm.base_fields["email"],
        required="Skriv inn e-postadressen du logger inn med.",
        invalid="Skriv e-postadressen slik: navn@eksempel.no.",
    )


class NyttPassordForm(SetPasswordForm):
    new_password1 = _med_meldinger(
        SetPasswordForm.base_fields["new_password1"], required="Skriv inn det nye passordet."
    )
    new_password2 = _med_meldinger(
        SetPasswordForm.base_fields["new_password2"], required="Skriv det nye passordet en gang til."
    )


# ---------------------------------------------------------------------------
# Deltakere
# ---------------------------------------------------------------------------

DATO = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def valider_fodselsnummer(verdi):
    if verdi and not fodselsnummer.is_valid(verdi):
        raise forms.ValidationError("Fødselsnummeret er ikke gyldig. Sjekk at alle 11 sifrene er riktige.")


def normaliser_telefon(verdi):
    """Norwegian numbers: 8 digits, optionally with +47 or 0047 in front; returns the 8 digits."""
    tall = re.sub(r"[\s\-().]", "", verdi or "")
    if not tall:
        return ""
    tall = re.sub(r"^(\+47|0047)", "", tall)
    if not re.fullmatch(r"[2-9]\d{7}", tall):
        raise forms.ValidationError("Skriv et norsk telefonnummer med 8 siffer, for eksempel 912 34 567.")
    return tall


# The hidden version a form was opened at: missing only when the page is old or the request forged.
VERSJON_FEIL = {
    "required": "Skjemaet mangler noe det trenger. Last siden på nytt og prøv igjen.",
    "invalid": "Skjemaet mangler noe det trenger. Last siden på nytt og prøv igjen.",
    "min_value": "Skjemaet mangler noe det trenger. Last siden på nytt og prøv igjen.",
}


def _versjon(**kwargs):
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages=VERSJON_FEIL, **kwargs)


def _dato(label, tom=None, **kwargs):
    """A date field; `tom` says what to write when a required one is left empty."""
    meldinger = {"invalid": "Skriv en gyldig dato."} | ({"required": tom} if tom else {})
    return forms.DateField(label=label, widget=DATO, error_messages=meldinger, **kwargs)


class VersjonForm(forms.Form):
    """The version the user started from; a save from an older version is refused (see services)."""

    versjon = _versjon()


def _kontaktpersoner_ved(senter):
    """Who may be chosen as primærkontakt or andre kontakt: the same rule as the service checks."""
    return (
        Bruker.objects.filter(
            medlemskap__senter=senter,
            medlemskap__sluttet__isnull=True,
            medlemskap__rolle__in=KONTAKTPERSONROLLER,
            is_active=True,
        )
        .order_by("navn")
        .distinct()
    )


class DeltakerPersonaliaForm(forms.ModelForm):
    """The person's own details: used when registering and when editing."""

    class Meta:
        model = Deltaker
        fields = [
            "fornavn", "etternavn", "kallenavn", "fodselsaar", "fodselsdato", "fodselsnummer", "kjonn",
            "telefon", "epost", "kontaktform", "interesser",
            "henvisning_kilde", "henvisning_dato", "henvisende_instans", "henvisning_kontaktperson",
            "henvisning_notat",
        ]  # fmt: skip
        widgets = {
            "fodselsdato": DATO,
            "henvisning_dato": DATO,
            "fodselsaar": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "fodselsnummer": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "telefon": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "interesser": forms.Textarea(attrs={"rows": 3}),
            "henvisning_notat": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "fornavn": {"required": "Skriv inn fornavnet."},
            "etternavn": {"required": "Skriv inn etternavnet."},
            "fodselsaar": {"required": "Skriv inn fødselsåret.", "invalid": "Skriv fødselsåret med fire sifre."},
            "fodselsdato": {"invalid": "Skriv en gyldig dato."},
            "kjonn": {"required": "Velg kjønn, eller «Ønsker ikke å oppgi»."},
            "kontaktform": {"required": "Velg hvordan personen helst vil bli kontaktet."},
            "henvisning_kilde": {"required": "Velg hvem som henviste personen."},
            "henvisning_dato": {
                "required": "Skriv inn datoen personen ble henvist.",
                "invalid": "Skriv en gyldig dato.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fodselsaar"].localize = False
        for felt in self.fields.values():  # Norwegian empty choice instead of Django's "---------"
            if isinstance(felt, forms.ModelChoiceField):
                felt.empty_label = "Ingen valgt"
            elif isinstance(felt, forms.TypedChoiceField) and felt.choices and felt.choices[0] == ("", "---------"):
                felt.choices = [("", "Velg …"), *felt.choices[1:]]
        self.fields["fodselsaar"].widget.is_localized = False
        # Typed as shown ("DDMMYY NNNNN"): allow the spaces here; clean_fodselsnummer removes them.
        fnr = self.fields["fodselsnummer"]
        fnr.max_length, fnr.widget.attrs["maxlength"] = 14, "14"
        fnr.validators = [v for v in fnr.validators if not isinstance(v, MaxLengthValidator)] + [MaxLengthValidator(14)]

    def clean_fodselsaar(self):
        aar = self.cleaned_data["fodselsaar"]
        if not 1900 <= aar <= timezone.localdate().year:
            raise forms.ValidationError(f"Skriv et årstall mellom 1900 og {timezone.localdate().year}.")
        return aar

    def clean_fodselsnummer(self):
        verdi = re.sub(r"\s", "", self.cleaned_data.get("fodselsnummer", ""))
        valider_fodselsnummer(verdi)
        return verdi

    def clean_telefon(self):
        return normaliser_telefon(self.cleaned_data.get("telefon"))

    def clean(self):
        data = super().clean()
        fnr, aar, dato = data.get("fodselsnummer"), data.get("fodselsaar"), data.get("fodselsdato")
        if fnr and not self.has_error("fodselsnummer"):
            fra_fnr = fodselsnummer.get_birth_date(fnr)
            if aar and fra_fnr.year != aar:
                self.add_error("fodselsnummer", "Fødselsnummeret passer ikke med fødselsåret.")
            elif dato and dato != fra_fnr:
                self.add_error("fodselsnummer", "Fødselsnummeret passer ikke med fødselsdatoen.")
            elif not dato:
                data["fodselsdato"] = fra_fnr
        if dato and aar and dato.year != aar:
            self.add_error("fodselsdato", "Fødselsdatoen passer ikke med fødselsåret.")
        return data


class NyDeltakerForm(DeltakerPersonaliaForm):
    """Registering a person: details, situation, contact persons and the consent to registration."""

    status = forms.ChoiceField(
        label="Status",
        choices=[(Status.HENVIST, "Henvist (ikke startet ennå)"), (Status.AKTIV, "Aktiv (oppfølgingen er i gang)")],
        initial=Status.HENVIST,
        widget=forms.RadioSelect,
        error_messages={"required": "Velg om personen er henvist eller om oppfølgingen er i gang."},
    )
    samtykke_form = forms.ChoiceField(
        label="Samtykke til registrering er gitt",
        choices=Samtykke.Form.choices,
        widget=forms.RadioSelect,
        help_text="Personen må samtykke til at senteret registrerer og oppbevarer opplysninger.",
        error_messages={"required": "Velg hvordan personen ga samtykke til registrering."},
    )
    samtykke_dato = _dato("Dato for samtykket", "Skriv inn datoen personen samtykket.", initial=timezone.localdate)
    bekreft_ny = forms.BooleanField(
        label="Jeg har sjekket listen over: dette er en ny person",
        required=False,
    )

    # The order of the page (ny_deltaker.html), so the error summary lists the errors in the order the fields come.
    field_order = [
        "bekreft_ny",
        "fornavn", "etternavn", "kallenavn", "fodselsaar", "fodselsdato", "fodselsnummer", "kjonn",
        "telefon", "epost", "kontaktform", "interesser",
        "bosituasjon", "inntekt", "lar", "i_behandling", "soningsforhold",
        "henvisning_kilde", "henvisning_dato", "henvisende_instans", "henvisning_kontaktperson", "henvisning_notat",
        "primaerkontakt", "andrekontakt",
        "samtykke_form", "samtykke_dato", "status",
    ]  # fmt: skip

    class Meta(DeltakerPersonaliaForm.Meta):
        fields = DeltakerPersonaliaForm.Meta.fields + [
            "bosituasjon", "inntekt", "lar", "i_behandling", "soningsforhold", "primaerkontakt", "andrekontakt",
        ]  # fmt: skip
        error_messages = {
            **DeltakerPersonaliaForm.Meta.error_messages,
            "bosituasjon": {"required": "Velg bosituasjonen ved start."},
            "inntekt": {"required": "Velg inntekten ved start."},
        }

    def __init__(self, *args, senter, **kwargs):
        super().__init__(*args, **kwargs)
        self.senter = senter
        self.duplikater = []
        for navn in ("primaerkontakt", "andrekontakt"):
            self.fields[navn].queryset = _kontaktpersoner_ved(senter)
        self.fields["henvisning_dato"].initial = timezone.localdate

    def clean(self):
        data = super().clean()
        primaer, sekundaer = data.get("primaerkontakt"), data.get("andrekontakt")
        if primaer and sekundaer and primaer == sekundaer:
            self.add_error("andrekontakt", "Andre kontakt må være en annen enn primærkontakten.")
        if not self.errors and not data.get("bekreft_ny"):
            self.duplikater = mulige_duplikater(
                senter=self.senter, fornavn=data["fornavn"], etternavn=data["etternavn"], fodselsaar=data["fodselsaar"]
            )
            if self.duplikater:
                self.add_error(
                    "bekreft_ny",
                    "Det finnes allerede noen med samme navn og fødselsår ved senteret. Sjekk listen, "
                    "og kryss av hvis dette likevel er en ny person.",
                )
        return data

    def deltaker_data(self):
        """The cleaned fields that belong on the Deltaker row (and the starting status)."""
        skip = {"samtykke_form", "samtykke_dato", "bekreft_ny", "engangskode"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class EndreDeltakerForm(DeltakerPersonaliaForm):
    versjon = _versjon()
    fjern_fodselsnummer = forms.BooleanField(label="Fjern fødselsnummeret", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored number is never sent to the browser (showing it is a logged action): an
        # empty field keeps it, a new number replaces it, the checkbox removes it.
        self.initial["fodselsnummer"] = ""
        if self.instance.fodselsnummer:
            maskert = self.instance.fodselsnummer_maskert
            self.fields["fodselsnummer"].help_text = f"Registrert: {maskert}. La feltet stå tomt for å beholde det."
            felter = list(self.fields)
            self.order_fields(felter[: felter.index("fodselsnummer") + 1] + ["fjern_fodselsnummer"])
        else:
            del self.fields["fjern_fodselsnummer"]

    def clean(self):
        if not self.has_error("fodselsnummer") and not self.cleaned_data.get("fodselsnummer"):
            if not self.cleaned_data.get("fjern_fodselsnummer"):
                self.cleaned_data["fodselsnummer"] = self.instance.fodselsnummer
        return super().clean()


class SituasjonForm(VersjonForm):
    dato = _dato("Gjelder fra", "Skriv inn datoen endringen gjelder fra.", initial=timezone.localdate)
    bosituasjon = forms.ChoiceField(
        label="Bosituasjon", choices=Bosituasjon.choices, error_messages={"required": "Velg bosituasjon."}
    )
    inntekt = forms.ChoiceField(label="Inntekt", choices=Inntekt.choices, error_messages={"required": "Velg inntekt."})
    lar = forms.BooleanField(label="I LAR (legemiddelassistert rehabilitering)", required=False)
    i_behandling = forms.BooleanField(label="I behandling", required=False)
    soningsforhold = forms.ChoiceField(label="Soningsforhold", choices=Soningsforhold.choices, required=False)


class KontaktpersonerForm(VersjonForm):
    dato = _dato("Gjelder fra", "Skriv inn datoen byttet gjelder fra.", initial=timezone.localdate)
    primaerkontakt = forms.ModelChoiceField(label="Primærkontakt", queryset=Bruker.objects.none(), required=False)
    andrekontakt = forms.ModelChoiceField(
        label="Andre kontakt",
        queryset=Bruker.objects.none(),
        required=False,
        help_text="En kollega som kjenner personen og tar over når primærkontakten er borte.",
    )

    def __init__(self, *args, senter, **kwargs):
        super().__init__(*args, **kwargs)
        for navn in ("primaerkontakt", "andrekontakt"):
            self.fields[navn].queryset = _kontaktpersoner_ved(senter)

    def clean(self):
        data = super().clean()
        if data.get("primaerkontakt") and data.get("primaerkontakt") == data.get("andrekontakt"):
            self.add_error("andrekontakt", "Andre kontakt må være en annen enn primærkontakten.")
        return data


class StatusForm(VersjonForm):
    til_status = forms.ChoiceField(
        label="Ny status", widget=forms.RadioSelect, error_messages={"required": "Velg den nye statusen."}
    )
    dato = _dato("Fra dato", "Skriv inn datoen den nye statusen gjelder fra.", initial=timezone.localdate)
    notat = forms.CharField(
        label="Kommentar", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["til_status"].choices = [
            (s.value, s.label) for s in deltaker.mulige_statuser() if s != Status.AVSLUTTET
        ]


class AvsluttForm(VersjonForm):
    dato = _dato("Avsluttes fra", "Skriv inn datoen oppfølgingen avsluttes fra.", initial=timezone.localdate)
    arsak = forms.ChoiceField(
        label="Årsak",
        choices=[c for c in Avslutningsarsak.choices if c[0] != Avslutningsarsak.OVERFORT],
        error_messages={"required": "Velg hvorfor oppfølgingen avsluttes."},
    )
    avslutningssamtale = _dato(
        "Avslutningssamtale",
        required=False,
        help_text="Når avslutningen ble eller skal bli snakket gjennom med personen.",
    )
    apen_dor_til = _dato(
        "Åpen dør til",
        required=False,
        help_text="Til denne datoen kan personen fortsatt ta kontakt med senteret.",
    )
    notat = forms.CharField(
        label="Kommentar", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OverforForm(VersjonForm):
    til_senter = forms.ModelChoiceField(
        label="Til senter",
        queryset=Senter.objects.none(),
        error_messages={"required": "Velg senteret personen skal følges opp ved."},
    )
    dato = _dato("Overføres fra", "Skriv inn datoen personen overføres fra.", initial=timezone.localdate)
    samtykke_form = forms.ChoiceField(
        label="Samtykke til overføring er gitt",
        choices=Samtykke.Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Velg hvordan personen ga samtykke til overføringen."},
    )
    bekreft_samtykke = forms.BooleanField(
        label="Personen har samtykket til at opplysningene flyttes til det nye senteret",
        error_messages={"required": "Kryss av for at personen har samtykket til at opplysningene flyttes."},
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["til_senter"].queryset = Senter.objects.filter(aktiv=True).exclude(pk=deltaker.senter_id)


class SamarbeidsavtaleForm(VersjonForm):
    signert = _dato("Signert dato", required=False)
    notat = forms.CharField(
        label="Hva som er avtalt",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Forventningsavklaring: hva senteret kan og ikke kan hjelpe med.",
    )


class SamtykkeForm(forms.Form):
    type = forms.ChoiceField(
        label="Type samtykke",
        choices=Samtykke.Type.choices,
        error_messages={"required": "Velg hva personen har samtykket til."},
    )
    gjelder = forms.ModelChoiceField(
        label="Gjelder",
        queryset=Nettverkskontakt.objects.none(),
        required=False,
        help_text="Kreves for kontakt med instans og for å involvere pårørende.",
    )
    omfang = forms.CharField(label="Omfang", max_length=300, required=False, help_text="Hva samtykket omfatter.")
    form = forms.ChoiceField(
        label="Gitt",
        choices=Samtykke.Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Velg om samtykket er gitt skriftlig eller muntlig."},
    )
    dato = _dato("Dato gitt", "Skriv inn datoen samtykket ble gitt.", initial=timezone.localdate)

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gjelder"].queryset = Nettverkskontakt.objects.filter(deltaker=deltaker, aktiv=True)

    def clean(self):
        data = super().clean()
        trenger_gjelder = {Samtykke.Type.KONTAKT_INSTANS, Samtykke.Type.INVOLVERE_PARORENDE}
        if data.get("type") in trenger_gjelder and not data.get("gjelder"):
            self.add_error("gjelder", "Velg hvem samtykket gjelder. Legg dem til under Nettverk først.")
        return data


class NettverkskontaktForm(forms.ModelForm):
    samtykke_til_kontakt = forms.ChoiceField(
        label="Samtykke til at senteret kontakter denne personen/instansen",
        choices=[("", "Nei, ikke samtykke"), *Samtykke.Form.choices],
        required=False,
        help_text="Uten samtykke blir kontakten merket «skal ikke kontaktes».",
    )

    versjon = _versjon(required=False)

    class Meta:
        model = Nettverkskontakt
        fields = ["rolle", "navn", "relasjon", "telefon", "epost", "i_ansvarsgruppe", "notat", "aktiv"]
        widgets = {"notat": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "rolle": {"required": "Velg hvilken rolle personen eller instansen har."},
            "navn": {"required": "Skriv inn navnet på personen eller instansen."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["samtykke_til_kontakt"]
            self.fields["versjon"].required = True
            self.initial["versjon"] = self.instance.versjon
        else:
            del self.fields["versjon"]

    def clean_telefon(self):
        return normaliser_telefon(self.cleaned_data.get("telefon"))


SORTERINGER = {
    "navn": ("etternavn", "fornavn", "pk"),
    "-navn": ("-etternavn", "-fornavn", "-pk"),
    "fodselsaar": ("fodselsaar", "etternavn", "pk"),
    "-fodselsaar": ("-fodselsaar", "etternavn", "pk"),
    "status": ("status", "etternavn", "pk"),
    "-endret": ("-endret", "-pk"),
}


class RegisterFilterForm(forms.Form):
    """The register's search and filters, all in the query string so a view can be shared."""

    q = forms.CharField(label="Søk etter navn eller kallenavn", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", choices=[("", "Alle statuser"), *Status.choices], required=False)
    primaerkontakt = forms.ModelChoiceField(
        label="Primærkontakt", queryset=Bruker.objects.none(), required=False, empty_label="Alle"
    )
    senter = forms.ModelChoiceField(
        label="Senter", queryset=Senter.objects.none(), required=False, empty_label="Alle mine sentre"
    )
    sorter = forms.ChoiceField(
        label="Sorter etter",
        required=False,
        choices=[
            ("navn", "Etternavn A–Å"),
            ("-navn", "Etternavn Å–A"),
            ("fodselsaar", "Eldst først"),
            ("-fodselsaar", "Yngst først"),
            ("status", "Status"),
            ("-endret", "Sist endret"),
        ],
    )

    def __init__(self, *args, sentre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["senter"].queryset = Senter.objects.filter(pk__in=[s.pk for s in sentre])
        if len(sentre) < 2:
            del self.fields["senter"]
        self.fields["primaerkontakt"].queryset = (
            Bruker.objects.filter(medlemskap__senter__in=[s.pk for s in sentre], medlemskap__sluttet__isnull=True)
            .distinct()
            .order_by("navn")
        )
