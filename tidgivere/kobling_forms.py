"""Forms about matches: the deltaker's wishes, proposing, a step, a check-in and an activity. Free text is left out
at centres in journal mode `metadata` (and the services refuse it too)."""

from django import forms

from deltakere.forms import DATO, VersjonForm
from deltakere.models import Kjonn

from . import katalog
from .models import Erfaringsonske, Innsjekk, Koblingsstatus, Sluttarsak


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
