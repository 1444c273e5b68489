"""Forms of the follow-up work. Free-text fields are left out at centres in journal mode `metadata`
(and the services and models refuse them too)."""

from django import forms

from deltakere.forms import DATO, VersjonForm
from deltakere.models import KONTAKTPERSONROLLER, Bruker, Nettverkskontakt

from . import instrumenter, livsomrader
from .models import (
    Endringsfase,
    Kontaktslag,
    Malstatus,
    Omradevurdering,
    Samtaleform,
    Samtaletype,
    Tiltak,
    Tiltaksplan,
)
from .services import TELLING_FRA, TELLING_MAKS

STIGE = [(str(n), str(n)) for n in range(livsomrader.LAVEST, livsomrader.HOYEST + 1)]
HOPP = [("", "Nei, vurderes"), *Omradevurdering.Hoppet.choices]


def _ansatte(senter):
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


class KartleggingForm(forms.Form):
    """A kartlegging on one page: the date, then each life area as a small group of questions."""

    dato = forms.DateField(
        label="Dato", widget=DATO, error_messages={"required": "Skriv inn datoen for kartleggingen."}
    )
    utfort_av = forms.ModelChoiceField(label="Gjennomført av", queryset=Bruker.objects.none(), required=False)
    kommentar = forms.CharField(
        label="Kommentar", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fritekst = deltaker.senter.fritekst_tillatt
        self.fields["utfort_av"].queryset = _ansatte(deltaker.senter)
        self.fields["utfort_av"].empty_label = "Ikke oppgitt"
        if not self.fritekst:
            del self.fields["kommentar"]
        for omrade in livsomrader.LIVSOMRADER:
            kode, navn = omrade.kode, omrade.navn
            self.fields[f"{kode}_egen"] = forms.TypedChoiceField(
                label=f"{navn}: hvordan har du det med dette nå?",
                choices=STIGE,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text="1 = svært vanskelig, 10 = fungerer godt. Personens eget svar.",
            )
            self.fields[f"{kode}_ansatt"] = forms.TypedChoiceField(
                label=f"{navn}: ansattes vurdering (valgfritt)",
                choices=[("", "Ingen"), *STIGE],
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.fields[f"{kode}_viktig"] = forms.BooleanField(
                label=f"{navn}: viktig for meg å jobbe med nå", required=False
            )
            if self.fritekst:
                self.fields[f"{kode}_onske"] = forms.CharField(
                    label=f"{navn}: hva ønsker du? (med egne ord)",
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.fields[f"{kode}_hoppet_over"] = forms.ChoiceField(
                label=f"{navn}: hoppe over området?", choices=HOPP, required=False, widget=forms.RadioSelect
            )

    def omrader(self):
        """The life areas with their bound fields, for the template: (area, [bound fields])."""
        for omrade in livsomrader.LIVSOMRADER:
            navn = ["egen", "ansatt", "viktig", "onske", "hoppet_over"]
            yield omrade, [self[f"{omrade.kode}_{n}"] for n in navn if f"{omrade.kode}_{n}" in self.fields]

    def clean(self):
        data = super().clean()
        for omrade in livsomrader.LIVSOMRADER:
            kode = omrade.kode
            hoppet = data.get(f"{kode}_hoppet_over")
            if hoppet and (data.get(f"{kode}_egen") or data.get(f"{kode}_ansatt") or data.get(f"{kode}_viktig")):
                self.add_error(
                    f"{kode}_hoppet_over",
                    f"{omrade.navn}: et område som hoppes over, har ingen vurdering. Fjern vurderingen, eller velg "
                    "«Nei, vurderes».",
                )
            elif not hoppet and not data.get(f"{kode}_egen") and f"{kode}_egen" not in self.errors:
                self.add_error(
                    f"{kode}_egen",
                    f"{omrade.navn}: velg personens egen vurdering fra 1 til 10, eller hopp over området.",
                )
        return data

    def vurderinger(self):
        data = self.cleaned_data
        return [
            {
                "omrade": o.kode,
                "egen": data.get(f"{o.kode}_egen"),
                "ansatt": data.get(f"{o.kode}_ansatt"),
                "viktig": data.get(f"{o.kode}_viktig"),
                "onske": data.get(f"{o.kode}_onske", ""),
                "hoppet_over": data.get(f"{o.kode}_hoppet_over", ""),
            }
            for o in livsomrader.LIVSOMRADER
        ]

    @staticmethod
    def initial_fra(kartlegging):
        """The form's initial values from a saved kartlegging (for a correction)."""
        initial = {"dato": kartlegging.dato, "utfort_av": kartlegging.utfort_av_id, "kommentar": kartlegging.kommentar}
        for v in kartlegging.omrader.all():
            initial.update(
                {
                    f"{v.omrade}_egen": v.egen,
                    f"{v.omrade}_ansatt": v.ansatt,
                    f"{v.omrade}_viktig": v.viktig,
                    f"{v.omrade}_onske": v.onske,
                    f"{v.omrade}_hoppet_over": v.hoppet_over,
                }
            )
        return initial


class EndreKartleggingForm(VersjonForm, KartleggingForm):
    pass


class ScreeningForm(forms.Form):
    """One instrument's items, each with its published answers. Unanswered items are allowed: the
    questionnaire is then saved as incomplete, with no score."""

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for sporsmal in instrument.sporsmal:
            self.fields[f"sporsmal_{sporsmal.nr}"] = forms.TypedChoiceField(
                label=f"{sporsmal.nr}. {sporsmal.tekst}",
                choices=[(str(s.poeng), s.tekst) for s in sporsmal.svar],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"sporsmal_{s.nr}") is not None for s in self.instrument.sporsmal):
            raise forms.ValidationError("Svar på minst ett spørsmål, eller gå tilbake uten å lagre.")
        return data

    def svar(self):
        return {
            s.nr: self.cleaned_data[f"sporsmal_{s.nr}"]
            for s in self.instrument.sporsmal
            if self.cleaned_data.get(f"sporsmal_{s.nr}") is not None
        }

    @staticmethod
    def initial_fra(screening):
        return {f"sporsmal_{nr}": poeng for nr, poeng in (screening.svar or {}).items()} if screening else {}


INSTRUMENTER = instrumenter.INSTRUMENTER


# ---------------------------------------------------------------------------
# Tiltaksplan
# ---------------------------------------------------------------------------


class NyPlanForm(forms.Form):
    """A new plan: the areas the person marked "viktig for meg" are offered as hovedmål, in their own words.
    Nothing forces a goal (or a tiltak) for every area."""

    def __init__(self, *args, deltaker, viktige, **kwargs):
        super().__init__(*args, **kwargs)
        self.fritekst = deltaker.senter.fritekst_tillatt
        self.viktige = viktige
        for omrade in viktige:
            self.fields[f"mal_{omrade.kode}"] = forms.BooleanField(
                label=f"Bruk «{omrade.navn}» som hovedmål", required=False, initial=True
            )
            if self.fritekst:
                self.fields[f"tekst_{omrade.kode}"] = forms.CharField(
                    label=f"{omrade.navn}: hovedmålet med deltakerens egne ord", required=False, max_length=300
                )
        if self.fritekst:
            self.fields["ekstra_tekst"] = forms.CharField(
                label="Et annet hovedmål, med deltakerens egne ord", required=False, max_length=300
            )
        self.fields["ekstra_livsomrade"] = forms.ChoiceField(
            label="Livsområde for det andre hovedmålet",
            choices=[("", "Ingen flere hovedmål nå"), *livsomrader.VALG],
            required=False,
        )

    def clean(self):
        data = super().clean()
        if data.get("ekstra_tekst") and not data.get("ekstra_livsomrade"):
            self.add_error("ekstra_livsomrade", "Velg hvilket livsområde hovedmålet hører til.")
        elif not self.errors and not self.hovedmal():
            self.add_error(
                "ekstra_livsomrade", "Velg minst ett hovedmål: et område fra kartleggingen, eller et annet livsområde."
            )
        return data

    def hovedmal(self):
        data, mal = self.cleaned_data, []
        for omrade in self.viktige:
            if data.get(f"mal_{omrade.kode}"):
                mal.append({"tekst": data.get(f"tekst_{omrade.kode}", ""), "livsomrade": omrade.kode})
        if data.get("ekstra_livsomrade"):
            mal.append({"tekst": data.get("ekstra_tekst", ""), "livsomrade": data["ekstra_livsomrade"]})
        return mal


def _uten_fritekst(form, deltaker, *felter):
    if not deltaker.senter.fritekst_tillatt:
        for felt in felter:
            del form.fields[felt]


class PlanForm(VersjonForm):
    evalueringsdato = forms.DateField(
        label="Evalueringsdato", widget=DATO, required=False, help_text="Når planen skal vurderes sammen."
    )
    gjennomgatt = forms.DateField(
        label="Gått gjennom med deltakeren", widget=DATO, required=False, help_text="Datoen dere gikk gjennom planen."
    )
    deltakers_kommentar = forms.CharField(
        label="Deltakerens kommentar", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        _uten_fritekst(self, deltaker, "deltakers_kommentar")


class PlanDatoForm(VersjonForm):
    dato = forms.DateField(label="Dato", widget=DATO, error_messages={"required": "Skriv inn datoen."})


class HovedmalForm(VersjonForm):
    tekst = forms.CharField(
        label="Hovedmål med deltakerens egne ord",
        max_length=300,
        error_messages={"required": "Skriv hovedmålet slik deltakeren sier det."},
    )
    livsomrade = forms.ChoiceField(
        label="Livsområde", choices=livsomrader.VALG, error_messages={"required": "Velg et livsområde."}
    )
    tidgiver_kan_hjelpe = forms.BooleanField(
        label="Deltakeren vil at en tidgiver kan hjelpe med dette målet",
        required=False,
        help_text="Tidgiverkoordinatoren ser da målet, og kan finne en tidgiver som passer.",
    )

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        if not deltaker.senter.fritekst_tillatt:
            self.fields["tekst"].required = False
            self.fields["tekst"].widget = forms.HiddenInput()


class EndreHovedmalForm(HovedmalForm):
    status = forms.ChoiceField(
        label="Status", choices=Malstatus.choices, widget=forms.RadioSelect,
        error_messages={"required": "Velg om hovedmålet pågår, er nådd eller er avbrutt."},
    )  # fmt: skip
    dato = forms.DateField(label="Dato for endringen av status", widget=DATO, required=False, help_text="Tomt: i dag.")


class DelmalForm(VersjonForm):
    tekst = forms.CharField(label="Delmål", max_length=300, error_messages={"required": "Skriv delmålet."})

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        if not deltaker.senter.fritekst_tillatt:
            self.fields["tekst"].required = False
            self.fields["tekst"].widget = forms.HiddenInput()


class TiltakForm(VersjonForm):
    hva = forms.CharField(
        label="Hva skal gjøres", max_length=300, error_messages={"required": "Skriv hva som skal gjøres."}
    )
    ansvar = forms.ChoiceField(
        label="Hvem har ansvaret", choices=Tiltak.Ansvar.choices, widget=forms.RadioSelect,
        error_messages={"required": "Velg hvem som har ansvaret for tiltaket."},
    )  # fmt: skip
    ansvarlig_ansatt = forms.ModelChoiceField(
        label="Ansatt", queryset=Bruker.objects.none(), required=False, help_text="Når en ansatt har ansvaret."
    )
    ansvarlig_kontakt = forms.ModelChoiceField(
        label="Kontakt i nettverket",
        queryset=Nettverkskontakt.objects.none(),
        required=False,
        help_text="Når noen i nettverket har ansvaret, for eksempel NAV-veilederen.",
    )
    frist = forms.DateField(label="Frist", widget=DATO, required=False)

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarlig_ansatt"].queryset = _ansatte(deltaker.senter)
        self.fields["ansvarlig_kontakt"].queryset = Nettverkskontakt.objects.filter(deltaker=deltaker, aktiv=True)
        self.fields["ansvarlig_ansatt"].empty_label = self.fields["ansvarlig_kontakt"].empty_label = "Ingen valgt"
        if not deltaker.senter.fritekst_tillatt:
            self.fields["hva"].required = False
            self.fields["hva"].widget = forms.HiddenInput()


TILTAKSSTATUS_FEIL = {"required": "Velg status for tiltaket."}


class EndreTiltakForm(TiltakForm):
    status = forms.ChoiceField(label="Status", choices=Tiltak.Status.choices, error_messages=TILTAKSSTATUS_FEIL)


class TiltakStatusForm(VersjonForm):
    status = forms.ChoiceField(label="Status", choices=Tiltak.Status.choices, error_messages=TILTAKSSTATUS_FEIL)


class UtskriftForm(forms.Form):
    """At a metadata centre the plan's words are never stored: typed here, they go into the printout only."""

    def __init__(self, *args, plan_innhold, **kwargs):
        super().__init__(*args, **kwargs)
        for hovedmal, delmal in plan_innhold:
            self.fields[f"hovedmal_{hovedmal.pk}"] = forms.CharField(
                label=f"Hovedmål ({hovedmal.omradenavn}) med deltakerens egne ord", required=False, max_length=300
            )
            for d, tiltak in delmal:
                self.fields[f"delmal_{d.pk}"] = forms.CharField(label="Delmål", required=False, max_length=300)
                for t in tiltak:
                    self.fields[f"tiltak_{t.pk}"] = forms.CharField(
                        label=f"Tiltak ({t.ansvarlig_tekst})", required=False, max_length=300
                    )


PLANSTATUS = Tiltaksplan.Status


# ---------------------------------------------------------------------------
# Hurtiglogg og telling
# ---------------------------------------------------------------------------

VARIGHET_VALG = (5, 10, 15, 30, 45, 60)


class HurtigloggForm(forms.Form):
    """The quick log: who (found by typing), what kind of contact, how long, where, and a one-line note.

    `deltaker` is the chosen person's id; the view fetches them through the scoping helper. `sok` is the typed
    text (a POST, never in a URL); `sokt` the text the list of people shown was found with (the plain search
    step without JavaScript)."""

    sok = forms.CharField(
        label="Hvem var kontakten med?", required=False, max_length=100,
        help_text="Skriv en del av navnet eller kallenavnet og velg personen i listen.",
    )  # fmt: skip
    sokt = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    deltaker = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    type = forms.ChoiceField(
        label="Type", choices=Samtaletype.choices, initial=Samtaletype.UFORMELL,
        error_messages={"required": "Velg hva slags kontakt det var.", "invalid_choice": "Velg en type i listen."},
    )  # fmt: skip
    form = forms.ChoiceField(
        label="Hvor eller hvordan", choices=Samtaleform.choices, initial=Samtaleform.SENTERET,
        error_messages={"required": "Velg hvor eller hvordan kontakten var.", "invalid_choice": "Velg i listen."},
    )  # fmt: skip
    varighet = forms.IntegerField(
        label="Minutter",
        min_value=1,
        max_value=24 * 60,
        initial=10,
        error_messages={
            "required": "Skriv hvor mange minutter kontakten varte.",
            "invalid": "Skriv varigheten som et helt antall minutter, for eksempel 10.",
            "min_value": "Varigheten må være minst 1 minutt.",
            "max_value": "Varigheten kan være høyst 24 timer (1440 minutter).",
        },
    )
    notat = forms.CharField(
        label="Notat (valgfritt)", required=False, max_length=500,
        error_messages={"max_length": "Notatet kan være høyst %(limit_value)d tegn (du skrev %(show_value)d)."},
    )  # fmt: skip

    def __init__(self, *args, senter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fritekst = senter.fritekst_tillatt
        if not self.fritekst:
            del self.fields["notat"]


def _antall_felt(navn, hjelp=""):
    grense = f"{TELLING_MAKS:_}".replace("_", " ")
    return forms.IntegerField(
        label=navn,
        help_text=hjelp,
        min_value=0,
        max_value=TELLING_MAKS,
        error_messages={
            "required": f"Skriv et tall for {navn.lower()} (0 hvis ingen).",
            "invalid": "Skriv et helt tall, for eksempel 12.",
            "min_value": "Tallet kan ikke være negativt.",
            "max_value": f"Tallet kan være høyst {grense}.",
        },
    )


class TellingForm(forms.Form):
    """The day's counts typed in: one number per counter of the centre, and (hidden) the numbers the form was
    opened with, so a +1 pressed on another PC meanwhile is not overwritten unseen."""

    def __init__(self, *args, tellere, naa, **kwargs):
        super().__init__(*args, **kwargs)
        self.tellere = tellere
        for t in tellere:
            self.fields[t.kode] = _antall_felt(t.navn, t.hjelp)
            self.fields[t.kode].initial = naa.get(t.kode, 0)
            self.fields[f"fra_{t.kode}"] = forms.IntegerField(
                required=False, min_value=0, max_value=TELLING_MAKS, widget=forms.HiddenInput,
                initial=naa.get(t.kode, 0),
            )  # fmt: skip

    def verdier(self):
        return {t.kode: self.cleaned_data[t.kode] for t in self.tellere}

    def forventet(self):
        return {t.kode: self.cleaned_data[f"fra_{t.kode}"] for t in self.tellere
                if self.cleaned_data.get(f"fra_{t.kode}") is not None}  # fmt: skip


class TellingDagForm(forms.Form):
    """Which earlier day a leder corrects (a GET form: a date is no personal data)."""

    dato = forms.DateField(
        label="Dag",
        widget=DATO,
        error_messages={"required": "Velg dagen du vil rette.", "invalid": "Skriv datoen som dd.mm.åååå."},
    )

    def clean_dato(self):
        from deltakere.datogrenser import grensefeil

        dato = self.cleaned_data["dato"]
        feil = grensefeil(dato, fra=TELLING_FRA, fra_tekst="år 2000")
        if feil:
            raise forms.ValidationError(feil)
        return dato


# Samtaler

SAMTALE_FRITEKST = ("notat", "neste_steg", "onske_fremtid", "hva_kan_stotte", "annerledes_neste_gang")
REGLER_0_10 = [(str(n), str(n)) for n in range(0, 11)]


def _tekstfelt(label, maks, rader=2, **kwargs):
    return forms.CharField(
        label=label, required=False, max_length=maks, widget=forms.Textarea(attrs={"rows": rader}), **kwargs
    )


class SamtaleForm(forms.Form):
    """A samtale or contact: what, when, how, who, about what, and (for a motivasjonssamtale) the motivation
    fields. The free-text fields are left out at a centre in journal mode `metadata`, and a forged one is
    refused. Dates are checked against sane bounds here, so the message stands by the field."""

    type = forms.ChoiceField(
        label="Type samtale", choices=[("", "Velg type"), *Samtaletype.choices],
        error_messages={"required": "Velg hva slags samtale det var.", "invalid_choice": "Velg en type fra listen."},
    )  # fmt: skip
    kontaktslag = forms.ChoiceField(
        label="Kontakt", choices=Kontaktslag.choices, initial=Kontaktslag.MED_PERSONEN, widget=forms.RadioSelect,
        help_text="Bare kontakt med personen selv, eller et forsøk som nådde dem, teller som kontakt.",
        error_messages={"required": "Velg hvem kontakten var med.", "invalid_choice": "Velg et av valgene."},
    )  # fmt: skip
    dato = forms.DateField(
        label="Dato", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Skriv inn datoen.", "invalid": "Skriv en gyldig dato."},
    )  # fmt: skip
    klokkeslett = forms.TimeField(
        label="Klokkeslett", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Skriv inn klokkeslettet.", "invalid": "Skriv et gyldig klokkeslett, som 13:30."},
    )  # fmt: skip
    varighet = forms.IntegerField(
        label="Hvor lenge (minutter)", required=False, min_value=0, max_value=24 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Skriv antall minutter som et helt tall.",
            "min_value": "Varigheten kan ikke være negativ.",
            "max_value": "Varigheten kan være høyst 24 timer (1440 minutter).",
        },
    )  # fmt: skip
    form = forms.ChoiceField(
        label="Hvor eller hvordan", choices=[("", "Velg"), *Samtaleform.choices],
        error_messages={"required": "Velg hvor eller hvordan samtalen var.", "invalid_choice": "Velg fra listen."},
    )  # fmt: skip
    ansatte = forms.ModelMultipleChoiceField(
        label="Ansatte som var med", queryset=Bruker.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Tomt: deg selv.",
        error_messages={"invalid_choice": "Velg ansatte ved senteret.", "invalid_pk_value": "Velg fra listen."},
    )  # fmt: skip
    livsomrader = forms.MultipleChoiceField(
        label="Livsområder samtalen handlet om", choices=livsomrader.VALG, required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": "Velg livsområder fra listen."},
    )  # fmt: skip
    neste_steg = forms.CharField(label="Avtalt neste steg", required=False, max_length=500)
    notat = _tekstfelt("Notat", 10000, rader=6)
    # Motivasjonssamtale
    endringsfase = forms.ChoiceField(
        label="Endringsfase", choices=[("", "Ikke vurdert"), *Endringsfase.choices], required=False,
        error_messages={"invalid_choice": "Velg en endringsfase fra listen."},
    )  # fmt: skip
    viktighet = forms.TypedChoiceField(
        label="Hvor viktig er det for deg å endre dette?", choices=REGLER_0_10, coerce=int, required=False,
        empty_value=None, widget=forms.RadioSelect, help_text="0 = ikke viktig, 10 = svært viktig.",
        error_messages={"invalid_choice": "Velg et tall fra 0 til 10."},
    )  # fmt: skip
    mestringstro = forms.TypedChoiceField(
        label="Hvor sikker er du på at du får det til?", choices=REGLER_0_10, coerce=int, required=False,
        empty_value=None, widget=forms.RadioSelect, help_text="0 = ikke sikker, 10 = helt sikker.",
        error_messages={"invalid_choice": "Velg et tall fra 0 til 10."},
    )  # fmt: skip
    onske_fremtid = _tekstfelt("Hva ønsker du for framtiden?", 2000)
    hva_kan_stotte = _tekstfelt("Hva kan støtte det?", 2000)
    annerledes_neste_gang = _tekstfelt(
        "Hva kan vi gjøre annerledes neste gang?", 2000, help_text="Etter et tilbakeslag."
    )
    sosionom_inn = forms.BooleanField(
        label="Sosionomtjenesten bør inn", required=False,
        help_text="Lager en oppgave til sosionomtjenesten med frist om en uke.",
    )  # fmt: skip

    MOTIVASJON = (
        "endringsfase", "viktighet", "mestringstro", "onske_fremtid", "hva_kan_stotte", "annerledes_neste_gang",
        "sosionom_inn",
    )  # fmt: skip
    GRUNNFELTER = ("type", "kontaktslag", "dato", "klokkeslett", "varighet", "form", "ansatte", "livsomrader",
                   "neste_steg", "notat")  # fmt: skip

    def __init__(self, *args, deltaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.deltaker = deltaker
        self.fritekst = deltaker.senter.fritekst_tillatt
        self.fields["ansatte"].queryset = _ansatte(deltaker.senter)
        if not self.fritekst:
            for felt in SAMTALE_FRITEKST:
                self.fields.pop(felt, None)

    def clean_dato(self):
        from deltakere import datogrenser

        dato = self.cleaned_data["dato"]
        feil = datogrenser.grensefeil(
            dato, fra=datogrenser.kjent_fra(self.deltaker), fra_tekst="senteret kjente personen"
        )
        if feil:
            raise forms.ValidationError(feil)
        return dato

    def clean(self):
        from datetime import datetime

        from django.utils import timezone

        from deltakere.models import FRITEKST_IKKE_TILLATT

        data = super().clean()
        if not self.fritekst and any((self.data.get(felt) or "").strip() for felt in SAMTALE_FRITEKST):
            self.add_error(None, FRITEKST_IKKE_TILLATT)  # a forged field: never stored, said out loud
        if data.get("dato") and data.get("klokkeslett"):
            data["tidspunkt"] = timezone.make_aware(datetime.combine(data["dato"], data["klokkeslett"]))
        return data

    def motivasjonsfelter(self):
        return [self[felt] for felt in self.MOTIVASJON if felt in self.fields]

    def grunnfelter(self):
        return [self[felt] for felt in self.GRUNNFELTER if felt in self.fields]

    def samtaledata(self):
        """The service's keyword arguments (without `ansatte`)."""
        data = self.cleaned_data
        ut = {felt: data.get(felt) for felt in ("type", "kontaktslag", "varighet", "form", "tidspunkt")}
        ut["livsomrader"] = data.get("livsomrader") or []
        for felt in self.MOTIVASJON:
            if felt in self.fields:
                ut[felt] = data.get(felt)
        for felt in SAMTALE_FRITEKST:
            ut[felt] = data.get(felt) or ""
        ut["endringsfase"] = ut.get("endringsfase") or ""
        ut["sosionom_inn"] = bool(ut.get("sosionom_inn"))
        return ut


class NySamtaleForm(SamtaleForm):
    """A new samtale, with the next appointment (optional) made from it."""

    avtale_dato = forms.DateField(
        label="Neste avtale: dato", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Skriv en gyldig dato."},
    )  # fmt: skip
    avtale_klokkeslett = forms.TimeField(
        label="Neste avtale: klokkeslett", required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Skriv et gyldig klokkeslett, som 13:30."},
    )  # fmt: skip
    avtale_form = forms.ChoiceField(
        label="Neste avtale: hvor eller hvordan", choices=[("", "Velg"), *Samtaleform.choices], required=False,
        error_messages={"invalid_choice": "Velg fra listen."},
    )  # fmt: skip

    AVTALE = ("avtale_dato", "avtale_klokkeslett", "avtale_form")

    def avtalefelter(self):
        return [self[felt] for felt in self.AVTALE]

    def clean(self):
        from datetime import datetime, timedelta

        from django.utils import timezone

        from deltakere import datogrenser

        data = super().clean()
        dato, tid, form = data.get("avtale_dato"), data.get("avtale_klokkeslett"), data.get("avtale_form")
        if dato or tid or form:
            if not dato and "avtale_dato" not in self.errors:
                self.add_error("avtale_dato", "Skriv datoen for neste avtale, eller tøm feltene for avtalen.")
            if not tid and "avtale_klokkeslett" not in self.errors:
                self.add_error("avtale_klokkeslett", "Skriv klokkeslettet for neste avtale.")
            if not form and "avtale_form" not in self.errors:
                self.add_error("avtale_form", "Velg hvor eller hvordan neste avtale er.")
            feil = datogrenser.grensefeil(
                dato, fra=timezone.localdate(), fra_tekst="i dag",
                til=timezone.localdate() + timedelta(days=365), til_tekst="ett år fram i tid",
            )  # fmt: skip
            if feil:
                self.add_error("avtale_dato", feil)
            if dato and tid and form and not self.has_error("avtale_dato"):
                data["neste_avtale"] = {
                    "tidspunkt": timezone.make_aware(datetime.combine(dato, tid)),
                    "form": form,
                }
        return data


class EndreSamtaleForm(SamtaleForm, VersjonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansatte"].help_text = "Tomt: som før."


class KommentarForm(forms.Form):
    tekst = forms.CharField(
        label="Kommentar (faglig veiledning)", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Skriv kommentaren.", "max_length": "Kommentaren kan være høyst 2000 tegn."},
    )  # fmt: skip


# ---------------------------------------------------------------------------
# Avtaler, oppgaver, overlevering
# ---------------------------------------------------------------------------

TID = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class AvtaleForm(forms.Form):
    """An appointment made directly for a person: day, time, where or how, with whom, a short note (not at a
    centre that stores no free text). The bounds of the day are the service's (`services.ny_avtale`)."""

    dato = forms.DateField(
        label="Dato",
        widget=DATO,
        error_messages={"required": "Skriv inn datoen for avtalen.", "invalid": "Skriv en gyldig dato."},
    )
    klokkeslett = forms.TimeField(
        label="Klokkeslett",
        widget=TID,
        error_messages={
            "required": "Skriv inn klokkeslettet, for eksempel 10:30.",
            "invalid": "Skriv et gyldig klokkeslett, for eksempel 10:30.",
        },
    )
    form = forms.ChoiceField(
        label="Hvor eller hvordan", choices=[], error_messages={"required": "Velg hvor eller hvordan dere skal møtes."}
    )
    med = forms.ModelChoiceField(
        label="Med",
        queryset=Bruker.objects.none(),
        required=False,
        help_text="Tomt: deg selv.",
        error_messages={"invalid_choice": "Velg en som jobber ved senteret."},
    )
    notat = forms.CharField(
        label="Om avtalen", required=False, max_length=300, help_text="Kort, for eksempel hva dere skal gjøre."
    )

    def __init__(self, *args, deltaker, **kwargs):
        from .models import Samtaleform

        super().__init__(*args, **kwargs)
        self.fields["form"].choices = Samtaleform.choices
        self.fields["med"].queryset = _ansatte(deltaker.senter)
        self.fields["med"].empty_label = "Meg selv"
        if not deltaker.senter.fritekst_tillatt:
            del self.fields["notat"]


def hvem_valg(senter, tom=("", "Ingen ennå")):
    """The choices of who holds a task: the centre's staff, then the groups. Values "b<id>" and "g<gruppe>"."""
    from .models import Oppgave

    ansatte = [(f"b{b.pk}", b.navn) for b in _ansatte(senter)]
    grupper = [(f"g{kode}", navn) for kode, navn in Oppgave.Gruppe.choices]
    return [tom, ("Ansatte", ansatte), ("Grupper", grupper)]


class HvemField(forms.ChoiceField):
    """Who holds a task: a staff member or a group, in one select. Cleans to (bruker or None, gruppe)."""

    def __init__(self, *, senter, required=False, **kwargs):
        tom = ("ingen", "Ingen (tilbake til møtet)") if required else ("", "Ingen ennå")
        super().__init__(choices=hvem_valg(senter, tom), required=required, **kwargs)
        self.senter = senter
        self.error_messages["invalid_choice"] = "Velg en som jobber ved senteret, eller en gruppe."
        self.error_messages["required"] = "Velg hvem som skal ha oppgaven, eller «Ingen»."

    def clean(self, value):
        verdi = super().clean(value)
        if not verdi or verdi == "ingen":
            return None, ""
        if verdi.startswith("g"):
            return None, verdi[1:]
        bruker = _ansatte(self.senter).filter(pk=int(verdi[1:])).first()
        if bruker is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return bruker, ""


def _gjest_feil(verdi):
    from .services import gjestefeil

    feil = gjestefeil(verdi)
    if feil:
        raise forms.ValidationError(feil)
    return verdi


class OppgaveForm(forms.Form):
    """A morgenmøte task: what, about whom (a person, given by the page, or a guest), who holds it, by when."""

    hva = forms.CharField(
        label="Hva skal gjøres", max_length=300, error_messages={"required": "Skriv kort hva som skal gjøres."}
    )
    gjest = forms.CharField(
        label="Gjest som ikke er registrert",
        max_length=80,
        required=False,
        help_text="Bare et fornavn eller en beskrivelse (for eksempel «mann i grønn jakke»), aldri fullt navn "
        "eller fødselsnummer.",
        validators=[_gjest_feil],
    )
    frist = forms.DateField(
        label="Frist", widget=DATO, required=False, error_messages={"invalid": "Skriv en gyldig dato."}
    )

    def __init__(self, *args, senter, deltaker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.deltaker = deltaker
        self.fields["hvem"] = HvemField(senter=senter, label="Hvem har den")
        if deltaker is not None:
            del self.fields["gjest"]
        self.order_fields(["hva", "gjest", "hvem", "frist"])


class FinnDeltakerForm(OppgaveForm):
    """The morgenmøte page's new task: a guest, or a person found by a search step (a POST, so no name goes
    into the address) and picked from the hits."""

    sok = forms.CharField(
        label="Søk etter deltaker",
        max_length=100,
        required=False,
        help_text="Fornavn, etternavn eller kallenavn. Trykk «Søk», og velg personen.",
    )
    deltaker = forms.TypedChoiceField(
        label="Deltaker", required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )

    def __init__(self, *args, senter, treff=(), deltakere, **kwargs):
        super().__init__(*args, senter=senter, **kwargs)
        self.deltakere = deltakere  # the centre's people the user may see: a chosen id must be one of them
        hits = [(str(d.pk), f"{d.fullt_navn} (født {d.fodselsaar:d})") for d in treff]
        self.fields["deltaker"].choices = [("", "Ingen: oppgaven gjelder en gjest eller ingen bestemt"), *hits]
        self.fields["deltaker"].valid_value = lambda verdi: not verdi or str(verdi).isdecimal()
        self.order_fields(["hva", "sok", "deltaker", "gjest", "hvem", "frist"])

    def clean_deltaker(self):
        pk = self.cleaned_data.get("deltaker")
        if pk is None:
            return None
        deltaker = self.deltakere.filter(pk=pk).first()
        if deltaker is None:
            raise forms.ValidationError("Velg en deltaker fra søket.")
        return deltaker


class TildelForm(forms.Form):
    """Reassign one task on the morgenmøte page."""

    def __init__(self, *args, senter, **kwargs):
        super().__init__(*args, **kwargs)
        # Required: a reassign sent with nothing chosen changes nothing; taking a task from everyone is the
        # explicit choice "Ingen".
        self.fields["hvem"] = HvemField(senter=senter, label="Gi oppgaven til", required=True)


class OverleveringValgForm(forms.Form):
    """Step one of a handover: who is away or leaving, and who takes over (the centre's staff only)."""

    fra = forms.ModelChoiceField(
        label="Hvem er borte eller slutter", queryset=Bruker.objects.none(),
        error_messages={"required": "Velg hvem som overleverer.", "invalid_choice": "Velg en som jobber ved senteret."},
    )  # fmt: skip
    til = forms.ModelChoiceField(
        label="Hvem tar over", queryset=Bruker.objects.none(),
        error_messages={"required": "Velg hvem som tar over.", "invalid_choice": "Velg en som jobber ved senteret."},
    )  # fmt: skip

    def __init__(self, *args, senter, **kwargs):
        super().__init__(*args, **kwargs)
        self.senter = senter
        self.fields["fra"].queryset = Bruker.objects.filter(medlemskap__senter=senter).order_by("navn").distinct()
        self.fields["til"].queryset = _ansatte(senter)

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] == data["til"]:
            self.add_error("til", "Velg en annen enn den som overleverer.")
        return data


VELG_I_LISTA = "Velg blant personene i lista."


class OverleveringForm(OverleveringValgForm):
    """Step two: whose people move, in which role, from which date, and whether tasks and appointments follow."""

    ROLLER = [("primaerkontakt", "Som primærkontakt"), ("andrekontakt", "Som andre kontakt")]

    deltakere = forms.ModelMultipleChoiceField(
        label="Hvilke deltakere", queryset=Bruker.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": VELG_I_LISTA, "invalid_pk_value": VELG_I_LISTA},
    )  # fmt: skip
    alle = forms.BooleanField(
        label="Alle i lista", required=False, help_text="Flytter alle, også dem du ikke har krysset av for."
    )
    roller = forms.MultipleChoiceField(
        label="Hva flyttes", choices=ROLLER, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Velg minst én av rollene."},
    )  # fmt: skip
    oppgaver = forms.BooleanField(label="Åpne oppgaver om disse personene flyttes med", required=False)
    avtaler = forms.BooleanField(label="Framtidige avtaler med disse personene flyttes med", required=False)
    dato = forms.DateField(
        label="Fra dato", widget=DATO, help_text="Datoen endringen gjelder fra, i historikken.",
        error_messages={"required": "Skriv inn datoen.", "invalid": "Skriv en gyldig dato."},
    )  # fmt: skip

    def __init__(self, *args, senter, personer, fra, **kwargs):
        super().__init__(*args, senter=senter, **kwargs)
        self.fields["deltakere"].queryset = personer

        def etikett(d):
            roller = [
                navn
                for navn, pk in (("primærkontakt", d.primaerkontakt_id), ("andre kontakt", d.andrekontakt_id))
                if pk == fra.pk
            ]
            return f"{d.fullt_navn} (født {d.fodselsaar:d}), {fra.navn} er {' og '.join(roller)}"

        self.fields["deltakere"].label_from_instance = etikett

    def clean(self):
        data = super().clean()
        if not data.get("alle") and not data.get("deltakere") and "deltakere" not in self.errors:
            self.add_error("deltakere", "Kryss av for minst én person, eller velg «Alle i lista».")
        return data
