from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import Bruker, Medlemskap, Rolle


class InnloggingForm(AuthenticationForm):
    """E-mail and password. The error never tells whether the e-mail address exists."""

    username = forms.EmailField(
        label="E-post",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Passord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
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
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_kode(self):
        return self.cleaned_data["kode"].replace(" ", "").strip()


class NyAnsattForm(forms.Form):
    navn = forms.CharField(label="Fullt navn", max_length=150)
    email = forms.EmailField(label="E-post", max_length=254)
    rolle = forms.ChoiceField(label="Rolle", choices=Rolle.choices)

    def __init__(self, *args, senter, **kwargs):
        self.senter = senter
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        eksisterende = Bruker.objects.filter(email=email).first()
        if (
            eksisterende
            and Medlemskap.objects.filter(bruker=eksisterende, senter=self.senter, sluttet__isnull=True).exists()
        ):
            raise forms.ValidationError("Denne personen er allerede ansatt ved senteret.")
        return email


class EndreRolleForm(forms.ModelForm):
    class Meta:
        model = Medlemskap
        fields = ["rolle"]
