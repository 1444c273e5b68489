"""Forms of the follow-up work. Free-text fields are left out at centres in journal mode `metadata`
(and the services and models refuse them too)."""

from django import forms

from deltakere.forms import DATO, VersjonForm
from deltakere.models import KONTAKTPERSONROLLER, Bruker, Nettverkskontakt

from . import instrumenter, livsomrader
from .models import Malstatus, Omradevurdering, Tiltak, Tiltaksplan

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


def hvem_valg(senter):
    """The choices of who holds a task: the centre's staff, then the groups. Values "b<id>" and "g<gruppe>"."""
    from .models import Oppgave

    ansatte = [(f"b{b.pk}", b.navn) for b in _ansatte(senter)]
    grupper = [(f"g{kode}", navn) for kode, navn in Oppgave.Gruppe.choices]
    return [("", "Ingen ennå"), ("Ansatte", ansatte), ("Grupper", grupper)]


class HvemField(forms.ChoiceField):
    """Who holds a task: a staff member or a group, in one select. Cleans to (bruker or None, gruppe)."""

    def __init__(self, *, senter, **kwargs):
        super().__init__(choices=hvem_valg(senter), required=False, **kwargs)
        self.senter = senter
        self.error_messages["invalid_choice"] = "Velg en som jobber ved senteret, eller en gruppe."

    def clean(self, value):
        verdi = super().clean(value)
        if not verdi:
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
        self.fields["hvem"] = HvemField(senter=senter, label="Gi oppgaven til")


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

    ROLLER = [("primaerkontakt", "Som primærkontakt"), ("sekundaerkontakt", "Som andre kontakt")]

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
                for navn, pk in (("primærkontakt", d.primaerkontakt_id), ("andre kontakt", d.sekundaerkontakt_id))
                if pk == fra.pk
            ]
            return f"{d.fullt_navn} (født {d.fodselsaar:d}), {fra.navn} er {' og '.join(roller)}"

        self.fields["deltakere"].label_from_instance = etikett

    def clean(self):
        data = super().clean()
        if not data.get("alle") and not data.get("deltakere") and "deltakere" not in self.errors:
            self.add_error("deltakere", "Kryss av for minst én person, eller velg «Alle i lista».")
        return data
