"""Forms of the volunteer register. The interview assessments (free text) are left out at centres in journal
mode `metadata` (and the services and the model refuse them too).

Forms about matches: the deltaker's wishes, proposing, a step, a check-in and an activity. Free text is left out
at centres in journal mode `metadata` (and the services refuse it too).
"""

from django import forms
from django.utils import timezone

from deltakere.forms import DATO, VersjonForm, normaliser_telefon
from deltakere.models import Bruker, Kjonn

from . import katalog
from .models import (
    KAPASITET_MAKS,
    Avslutningsarsak,
    Erfaringsonske,
    Innsjekk,
    Koblingsstatus,
    Samling,
    Sluttarsak,
    Status,
    Tidgiver,
)
from .services import FELTER, STARTSTATUSER

UGYLDIG_DATO = {"invalid": "Skriv en gyldig dato."}


def _dato(label, **kwargs):
    return forms.DateField(label=label, widget=DATO, required=False, error_messages=UGYLDIG_DATO, **kwargs)


def _flervalg(label, valg, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=valg,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Velg bare blant valgene i listen."},
        **kwargs,
    )


def _vurdering(label):
    return forms.CharField(label=label, max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _ansatte(senter):
    """Staff of the centre, now or earlier (an interview may have been held by someone who has left)."""
    return Bruker.objects.filter(medlemskap__senter=senter).order_by("navn").distinct()


# The groups the tidgiver form is shown in; the availability grid comes last in "Det tidgiveren tilbyr".
GRUPPER = [
    ("Om tidgiveren", ["navn", "telefon", "epost", "kommune", "fodselsaar", "kjonn", "sprak", "yrke"]),
    ("Det tidgiveren tilbyr", ["ferdigheter", "interesser", "aktiviteter", "kapasitet",
                               "erfaringskompetanse", "vil_at_det_er_kjent", "motivasjonsteam",
                               "velkomstgruppe"]),
    ("Intervjuer", ["intervju1_dato", "intervju1_av", "intervju1_vurdering",
                    "intervju2_dato", "intervju2_av", "intervju2_vurdering"]),
    ("Vandel og opplæring", ["referanser_sjekket", "politiattest_sett", "politiattest_gyldig_til",
                             "taushetserklaering_signert", "introduksjonskurs_fullfort",
                             "tidgivermappe_utlevert"]),
]  # fmt: skip


class TidgiverForm(VersjonForm):
    """A tidgiver's details, what they offer, and the vetting and training checklist."""

    navn = forms.CharField(label="Navn", max_length=120, error_messages={"required": "Skriv inn navnet."})
    telefon = forms.CharField(
        label="Telefon", max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    epost = forms.EmailField(
        label="E-post", max_length=254, required=False, error_messages={"invalid": "Skriv en gyldig e-postadresse."}
    )
    kommune = forms.CharField(label="Kommune/bydel", max_length=80, required=False)
    fodselsaar = forms.IntegerField(
        label="Fødselsår",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": "Skriv inn fødselsåret.", "invalid": "Skriv fødselsåret med fire sifre."},
    )
    kjonn = forms.ChoiceField(
        label="Kjønn",
        choices=Kjonn.choices,
        initial=Kjonn.IKKE_OPPGITT,
        error_messages={"required": "Velg kjønn, eller «Ønsker ikke å oppgi»."},
    )
    sprak = _flervalg("Språk", katalog.SPRAK)
    yrke = forms.CharField(label="Yrke", max_length=80, required=False)
    ferdigheter = forms.CharField(
        label="Ferdigheter",
        max_length=800,
        required=False,
        help_text="Korte ord, skilt med komma: for eksempel «snekker, grafisk designer, gitar».",
    )
    interesser = _flervalg("Interesser", katalog.AKTIVITETER)
    aktiviteter = _flervalg("Aktiviteter tidgiveren kan tilby", katalog.AKTIVITETER)
    tilgjengelighet = _flervalg("Når tidgiveren kan", [(kode, katalog.TID_NAVN[kode]) for kode in katalog.TIDER])
    kapasitet = forms.TypedChoiceField(
        label="Kapasitet",
        choices=[(str(n), f"{n} deltaker{'e' if n > 1 else ''} samtidig") for n in range(1, KAPASITET_MAKS + 1)],
        coerce=int,
        initial="1",
        help_text="Hvor mange deltakere tidgiveren kan følge samtidig.",
        error_messages={
            "required": "Velg hvor mange deltakere tidgiveren kan følge samtidig.",
            "invalid_choice": f"Velg en kapasitet fra 1 til {KAPASITET_MAKS}.",
        },
    )
    erfaringskompetanse = forms.BooleanField(label="Har erfaringskompetanse", required=False)
    vil_at_det_er_kjent = forms.BooleanField(label="Vil at erfaringskompetansen er kjent for deltakere", required=False)
    motivasjonsteam = forms.BooleanField(label="Med i motivasjonsteamet", required=False)
    velkomstgruppe = forms.BooleanField(label="Med i velkomstgruppen", required=False)

    intervju1_dato = _dato("Første intervju, dato")
    intervju1_av = forms.ModelChoiceField(label="Første intervju, holdt av", queryset=Bruker.objects.none())
    intervju1_vurdering = _vurdering("Vurdering etter første intervju")
    intervju2_dato = _dato("Andre intervju, dato")
    intervju2_av = forms.ModelChoiceField(label="Andre intervju, holdt av", queryset=Bruker.objects.none())
    intervju2_vurdering = _vurdering("Vurdering etter andre intervju")
    referanser_sjekket = _dato("Referanser sjekket")
    politiattest_sett = _dato("Politiattest sett")
    politiattest_gyldig_til = _dato(
        "Politiattest gyldig til",
        help_text="Tomt: regnes ut fra datoen attesten ble sett og gyldighetstiden senteret bruker.",
    )
    taushetserklaering_signert = _dato("Taushetserklæring signert")
    introduksjonskurs_fullfort = _dato("Introduksjonskurs fullført")
    tidgivermappe_utlevert = _dato("Tidgivermappe utlevert")

    # The order of the page, so the error summary lists the errors in the order the fields come.
    field_order = [*(f for _, felter in GRUPPER for f in felter), "tilgjengelighet"]

    def __init__(self, *args, senter, **kwargs):
        super().__init__(*args, **kwargs)
        for felt in ("intervju1_av", "intervju2_av"):
            self.fields[felt].queryset = _ansatte(senter)
            self.fields[felt].empty_label = "Ikke oppgitt"
            self.fields[felt].required = False
        self.fields["fodselsaar"].localize = False
        self.fields["fodselsaar"].widget.is_localized = False
        if not senter.fritekst_tillatt:
            for felt in Tidgiver.FRITEKSTFELTER:
                del self.fields[felt]

    def clean_telefon(self):
        return normaliser_telefon(self.cleaned_data.get("telefon"))

    def clean_fodselsaar(self):
        aar = self.cleaned_data["fodselsaar"]
        siste = timezone.localdate().year - 15
        if not 1900 <= aar <= siste:
            raise forms.ValidationError(f"Skriv et årstall mellom 1900 og {siste}.")
        return aar

    def clean_ferdigheter(self):
        ord_ = []
        for del_ in self.cleaned_data.get("ferdigheter", "").replace(";", ",").split(","):
            del_ = " ".join(del_.split())
            if del_ and del_.lower() not in (o.lower() for o in ord_):
                ord_.append(del_)
        if any(len(o) > 40 for o in ord_):
            raise forms.ValidationError("Hver ferdighet kan ha høyst 40 tegn. Skill dem med komma.")
        if len(ord_) > 20:
            raise forms.ValidationError("Skriv høyst 20 ferdigheter.")
        return ord_

    dagsdeler = katalog.DAGSDELER

    def tidsrutenett(self):
        """The availability grid as the page shows it: [(weekday, [(code, label, chosen)])]."""
        verdi = self["tilgjengelighet"].value() or []
        valgt = set(verdi if isinstance(verdi, list | tuple) else [verdi])
        return [
            (dagnavn, [(f"{dag}-{del_}", katalog.TID_NAVN[f"{dag}-{del_}"], f"{dag}-{del_}" in valgt)
                       for del_, _ in katalog.DAGSDELER])
            for dag, dagnavn in katalog.UKEDAGER
        ]  # fmt: skip

    def tidgiver_data(self):
        return {felt: self.cleaned_data[felt] for felt in FELTER if felt in self.cleaned_data}

    def grupper(self):
        """The form's fields in the groups the page shows them in: (heading, [bound fields])."""
        return [(tittel, [self[f] for f in felter if f in self.fields]) for tittel, felter in GRUPPER]

    @staticmethod
    def initial_fra(tidgiver):
        data = {felt: getattr(tidgiver, felt) for felt in FELTER}
        data["ferdigheter"] = ", ".join(tidgiver.ferdigheter or [])
        data["intervju1_av"] = tidgiver.intervju1_av_id
        data["intervju2_av"] = tidgiver.intervju2_av_id
        data["kapasitet"] = str(tidgiver.kapasitet)
        data["versjon"] = tidgiver.versjon
        return data


class NyTidgiverForm(TidgiverForm):
    """Registering a tidgiver: the details, and where in the process they are (never straight to aktiv)."""

    status = forms.ChoiceField(
        label="Hvor i prosessen er tidgiveren?",
        choices=[(s.value, s.label) for s in STARTSTATUSER],
        initial=Status.INTERESSERT,
        widget=forms.RadioSelect,
        help_text="En tidgiver blir aktiv ved en statusendring, når politiattest, taushetserklæring og "
        "introduksjonskurs er på plass.",
        error_messages={"required": "Velg hvor i prosessen tidgiveren er."},
    )
    status_dato = forms.DateField(
        label="Fra dato",
        widget=DATO,
        initial=timezone.localdate,
        error_messages={"required": "Skriv inn datoen.", **UGYLDIG_DATO},
    )

    field_order = ["status", "status_dato", *TidgiverForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["versjon"]

    def grupper(self):
        return [("Status", [self["status"], self["status_dato"]]), *super().grupper()]


class StatusForm(VersjonForm):
    til = forms.ChoiceField(label="Ny status", widget=forms.RadioSelect, error_messages={"required": "Velg ny status."})
    dato = forms.DateField(
        label="Fra dato",
        widget=DATO,
        initial=timezone.localdate,
        error_messages={"required": "Skriv inn datoen endringen gjelder fra.", **UGYLDIG_DATO},
    )
    arsak = forms.ChoiceField(
        label="Årsak (når tidgiveren slutter)",
        choices=[("", "Velg …"), *Avslutningsarsak.choices],
        required=False,
    )

    def __init__(self, *args, tidgiver, **kwargs):
        super().__init__(*args, **kwargs)
        # Every status is a choice, so a move the lifecycle refuses gets the service's words, not "invalid choice".
        mulige = tidgiver.mulige_statuser()
        self.fields["til"].choices = [(s.value, s.label) for s in mulige]
        self.fields["til"].error_messages["invalid_choice"] = (
            f"Kan ikke gå fra «{tidgiver.get_status_display()}» til den statusen."
        )
        self.fields["arsak"].error_messages["invalid_choice"] = "Velg en årsak fra listen."


class SamlingForm(forms.Form):
    type = forms.ChoiceField(
        label="Type",
        choices=Samling.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Velg hva slags samling det er."},
    )
    dato = forms.DateField(
        label="Dato",
        widget=DATO,
        initial=timezone.localdate,
        error_messages={"required": "Skriv inn datoen.", **UGYLDIG_DATO},
    )
    tema = forms.CharField(label="Tema", max_length=150, required=False)


class OppmoteForm(forms.Form):
    til_stede = forms.MultipleChoiceField(
        label="Til stede",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Velg bare tidgivere fra listen."},
    )

    def __init__(self, *args, tidgivere, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["til_stede"].choices = [(str(t.pk), t.navn) for t in tidgivere]


class FilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=[("", "Alle"), *Status.choices], required=False)
    aktivitet = forms.ChoiceField(label="Aktivitet", choices=[("", "Alle"), *katalog.AKTIVITETER], required=False)
    attest = forms.BooleanField(label="Politiattest må fornyes", required=False)


# --- matches (kobling) --------------------------------------------------------------------------------
class OnskeForm(VersjonForm):
    interesser = forms.MultipleChoiceField(
        label="Interesser", choices=katalog.AKTIVITETER, required=False, widget=forms.CheckboxSelectMultiple
    )
    tilgjengelighet = forms.MultipleChoiceField(
        label="Når deltakeren kan",
        choices=[(k, katalog.TID_NAVN[k]) for k in katalog.TIDER],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kommune = forms.CharField(
        label="Kommune/bydel",
        required=False,
        max_length=80,
        help_text="For eksempel «Oslo / Sagene». Samme kommune gir poeng, samme bydel litt mer.",
    )
    sprak = forms.MultipleChoiceField(
        label="Språk deltakeren snakker", choices=katalog.SPRAK, required=False, widget=forms.CheckboxSelectMultiple
    )
    kjonn = forms.ChoiceField(
        label="Ønsket kjønn på tidgiveren", choices=[("", "Spiller ingen rolle"), *Kjonn.choices], required=False
    )
    alder_fra = forms.IntegerField(label="Alder fra", required=False, min_value=18, max_value=100)
    alder_til = forms.IntegerField(label="Alder til", required=False, min_value=18, max_value=100)
    erfaringskompetanse = forms.ChoiceField(
        label="Erfaringskompetanse", choices=Erfaringsonske.choices, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for felt in ("alder_fra", "alder_til"):
            self.fields[felt].error_messages.update(
                {
                    "invalid": "Skriv alderen som et helt tall.",
                    "min_value": "Skriv en alder fra 18 år.",
                    "max_value": "Skriv en alder til og med 100 år.",
                }
            )


class ForeslaaForm(forms.Form):
    """The "Foreslå" button: which tidgiver (the rules are checked again by the service)."""

    tidgiver = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Velg en tidgiver."})


class TavleForm(forms.Form):
    """Accept or reject one pair of the board's proposal."""

    deltaker = forms.IntegerField(widget=forms.HiddenInput)
    tidgiver = forms.IntegerField(widget=forms.HiddenInput)
    handling = forms.ChoiceField(choices=[("godta", "Godta"), ("avvis", "Avvis")], widget=forms.HiddenInput)


class StegForm(VersjonForm):
    til = forms.ChoiceField(label="Neste steg", choices=(), error_messages={"required": "Velg neste steg."})
    dato = forms.DateField(label="Dato", widget=DATO, error_messages={"required": "Skriv inn datoen for steget."})
    forste_mote = forms.DateField(
        label="Første møte på senteret",
        widget=DATO,
        required=False,
        help_text="Bare når første møte avtales. Det første møtet er alltid på senteret.",
    )
    arsak = forms.ChoiceField(
        label="Årsak til avslutning",
        choices=[("", "Velg årsak"), *Sluttarsak.choices],
        required=False,
        help_text="Bare når koblingen avsluttes.",
    )

    def __init__(self, *args, kobling, **kwargs):
        super().__init__(*args, **kwargs)
        steg = kobling.neste_steg()
        self.fields["til"].choices = [(s.value, s.label) for s in steg]
        if Koblingsstatus.FORSTE_MOTE not in steg:
            del self.fields["forste_mote"]
        if Koblingsstatus.AVSLUTTET not in steg:
            del self.fields["arsak"]
        self.fields["dato"].error_messages["invalid"] = "Skriv datoen som dd.mm.åååå."


class InnsjekkForm(forms.Form):
    med = forms.ChoiceField(
        label="Snakket med", choices=Innsjekk.Med.choices, widget=forms.RadioSelect,
        error_messages={"required": "Velg hvem du snakket med."},
    )  # fmt: skip
    dato = forms.DateField(label="Dato", widget=DATO, error_messages={"required": "Skriv inn datoen for innsjekken."})
    notat = forms.CharField(
        label="Hvordan går det", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        if not deltaker.senter.fritekst_tillatt:
            del self.fields["notat"]


class AktivitetForm(forms.Form):
    dato = forms.DateField(label="Dato", widget=DATO, error_messages={"required": "Skriv inn datoen for aktiviteten."})
    type = forms.ChoiceField(
        label="Hva dere gjorde", choices=[("", "Velg"), *katalog.AKTIVITETER],
        error_messages={"required": "Velg hva dere gjorde."},
    )  # fmt: skip
    timer = forms.DecimalField(
        label="Timer tidgiveren ga", min_value=0.5, max_value=24, decimal_places=1,
        error_messages={
            "required": "Skriv antall timer.", "invalid": "Skriv antall timer som et tall, for eksempel 2,5.",
            "min_value": "Skriv minst 0,5 timer.", "max_value": "Skriv høyst 24 timer.",
            "max_decimal_places": "Skriv timer med høyst én desimal.",
        },
    )  # fmt: skip
    utlegg = forms.DecimalField(
        label="Utlegg senteret dekker (kr)", required=False, min_value=0, max_value=100000, decimal_places=2,
        help_text="Tidgiverens billett eller inngang. Deltakeren betaler for seg selv.",
        error_messages={
            "invalid": "Skriv beløpet som et tall.", "min_value": "Beløpet kan ikke være negativt.",
            "max_value": "Skriv et beløp til og med 100 000 kr.",
        },
    )  # fmt: skip


class PeriodeForm(forms.Form):
    fra = forms.DateField(label="Fra", widget=DATO, required=False)
    til = forms.DateField(label="Til", widget=DATO, required=False)
