"""The report form: which period (a quarter, a year or chosen dates) and which centres. A GET form: only ids
and dates reach the URL."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator

from deltakere.datogrenser import idag

from .tabeller import Periode

TIDLIGSTE_AAR = 2000


class RapportForm(forms.Form):
    VALG = [("kvartal", "Kvartal"), ("aar", "Hele året"), ("egen", "Egne datoer")]

    periode = forms.ChoiceField(
        label="Periode",
        choices=VALG,
        initial="kvartal",
        widget=forms.RadioSelect,
        error_messages={"required": "Velg hva slags periode."},
    )
    aar = forms.IntegerField(
        label="År",
        required=False,
        min_value=TIDLIGSTE_AAR,
        help_text="Gjelder kvartal og hele året.",
        error_messages={
            "required": "Skriv inn året.",
            "min_value": f"Året kan ikke være før {TIDLIGSTE_AAR}.",
            "invalid": "Skriv året med fire sifre, for eksempel 2026.",
        },
    )
    kvartal = forms.TypedChoiceField(
        label="Kvartal",
        coerce=int,
        required=False,
        help_text="Gjelder når perioden er et kvartal.",
        choices=[(n, f"{n}. kvartal") for n in range(1, 5)],
    )
    fra = forms.DateField(
        label="Fra og med",
        required=False,
        help_text="Gjelder egne datoer.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    til = forms.DateField(
        label="Til og med",
        required=False,
        help_text="Gjelder egne datoer.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    senter = forms.ModelMultipleChoiceField(
        label="Senter",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Velg et senter."},
    )

    def __init__(self, *args, sentre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["senter"].queryset = sentre
        self.fields["aar"].validators.append(MaxValueValidator(idag().year, "Året kan ikke være etter i år."))
        siste = Periode.siste_hele_kvartal(idag())
        self.initial.setdefault("aar", siste.fra.year)
        self.initial.setdefault("kvartal", (siste.fra.month - 1) // 3 + 1)

    def clean(self):
        data = super().clean()
        valg, aar = data.get("periode"), data.get("aar")
        if valg in ("kvartal", "aar") and aar is None and "aar" not in self.errors:
            self.add_error("aar", "Skriv inn året.")
        if valg == "kvartal" and aar:
            if not data.get("kvartal"):
                self.add_error("kvartal", "Velg et kvartal.")
            else:
                data["rapportperiode"] = Periode.kvartal(aar, data["kvartal"])
        elif valg == "aar" and aar:
            data["rapportperiode"] = Periode.aar(aar)
        elif valg == "egen":
            fra, til = data.get("fra"), data.get("til")
            if not fra:
                self.add_error("fra", "Skriv inn første dag.")
            elif fra < date(TIDLIGSTE_AAR, 1, 1):
                self.add_error("fra", f"Datoen kan ikke være før 1.1.{TIDLIGSTE_AAR}.")
            if not til:
                self.add_error("til", "Skriv inn siste dag.")
            elif til > idag():
                self.add_error("til", "Datoen kan ikke være etter i dag.")
            if fra and til and til < fra and "til" not in self.errors:
                self.add_error("til", "Siste dag må være samme dag som eller etter første dag.")
            if not self.errors:
                data["rapportperiode"] = Periode(fra, til, f"{fra:%d.%m.%Y}–{til:%d.%m.%Y}")
        return data


class GodkjennForm(forms.Form):
    """The approve button: the form carries only its one-time token (a double click approves once)."""
