"""The per-person form page every app reuses: `Personskjema`.

A page with one form about one person (change the situation, register a consent, write a samtale, ...)
subclasses `Personskjema`, names its form, title, button and right, and implements `lagre(form)` by calling
one service. Everything else is here, once:

- the person is fetched through the scoping helper (`hent_deltaker`): 404 outside the centre or without the
  right, and the access log is written;
- a record transferred to another centre is read-only;
- the form is bound to what was sent (or, after the idle lock, to what was kept) and carries a one-time
  token, so a double click saves once;
- a version conflict or a rule the service refuses becomes errors on the form, with everything typed kept;
- one template, `deltakere/personskjema.html`, renders it (a page adds text through its blocks).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ChoiceField, ModelChoiceField
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from ..engangs import en_gang, legg_til_engangskode
from ..okt import skjemadata
from ..scoping import hent_deltaker
from ..services import Versjonskonflikt


class Personskjema(View):
    form_class = None
    tittel = ""  # the heading, the page title and the last breadcrumb
    knapp = "Lagre"  # says what the button does: "Lagre situasjon", not "OK"
    melding = "Endringene er lagret."
    rettighet = "deltakere.endre"  # see deltakere.scoping.RETTIGHETER
    template_name = "deltakere/personskjema.html"
    konfliktfelter = ()  # the form's fields shown side by side when someone else saved meanwhile
    http_method_names = ["get", "post"]

    htmx_mal = None  # a fragment template: an htmx request gets it back instead of the whole page

    def dispatch(self, request, pk, **kwargs):
        self.deltaker = hent_deltaker(request, pk, rettighet=self.rettighet)
        if self.deltaker.er_overfort:
            messages.error(
                request,
                f"Personen er overført til {self.deltaker.overfort_til.senter}. "
                "Det som er registrert her, kan bare leses.",
            )
            return redirect("deltakere:sak", pk=self.deltaker.pk)
        return self.forhindret() or super().dispatch(request, pk, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.vis(self.lag_skjema(skjemadata(request)))

    def post(self, request, *args, **kwargs):
        form = self.lag_skjema(request.POST)
        return en_gang(request, form, lambda: self._behandle(form))

    # --- what a page may override ------------------------------------------------------------

    def forhindret(self):
        """A response instead of the form (a precondition not met), or None."""
        return None

    def skjema_kwargs(self):
        return {}

    def lagre(self, form):
        """Save through one service. May return the URL to go to (default: the participant page)."""
        raise NotImplementedError

    def suksessmelding(self, form):
        return self.melding

    def ekstra(self):
        """More for the template."""
        return {}

    def lagret_som(self, lagret):
        """The saved row as the conflict table compares it (under the form's field names)."""
        return lagret

    def konflikt_tillegg(self, form, lagret):
        """Extra rows (label, saved, yours) for the conflict table."""
        return []

    def utdatert(self, form):
        """A conflict found before validating (when the form itself depends on the saved state), or None."""
        return None

    # --- the machinery -----------------------------------------------------------------------

    def lag_skjema(self, data):
        return legg_til_engangskode(self.form_class(data, **self.skjema_kwargs()))

    def _behandle(self, form):
        """Validate and save: (response, saved)."""
        gyldig = form.is_valid()
        konflikt = self.utdatert(form)
        if konflikt is None and gyldig:
            try:
                url = self.lagre(form) or reverse("deltakere:sak", args=[self.deltaker.pk])
            except Versjonskonflikt as exc:
                konflikt = self.konflikt(form, exc.lagret)
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                if self.er_htmx():
                    return self.htmx_svar(form, lagret=True), True
                messages.success(self.request, self.suksessmelding(form))
                return redirect(url), True
        return self.vis(form, konflikt), False

    def konflikt(self, form, lagret):
        rader = vis_konflikt(form, self.lagret_som(lagret), self.konfliktfelter) + self.konflikt_tillegg(form, lagret)
        return [(felt, _som_tekst(saved), _som_tekst(ditt)) for felt, saved, ditt in rader]

    def vis(self, form, konflikt=None):
        context = {"deltaker": self.deltaker, "form": form, "konflikt": konflikt, "tittel": self.tittel}
        context["knapp"] = self.knapp
        if self.er_htmx():
            return self.htmx_svar(form, konflikt=konflikt)
        return render(
            self.request, self.template_name, {**context, **self.ekstra()}, status=409 if konflikt is not None else 200
        )

    def er_htmx(self):
        return self.htmx_mal is not None and self.request.headers.get("HX-Request") == "true"

    def htmx_svar(self, form, *, konflikt=None, lagret=False):
        """The fragment an inline (htmx) form is swapped with: after a save, the updated part of the page;
        after an error, the small form again with what was typed and the message."""
        context = {
            "deltaker": self.deltaker,
            "form": form,
            "konflikt": konflikt,
            "lagret": lagret,
            "melding": self.suksessmelding(form) if lagret else "",
            **self.ekstra(),
        }
        return render(self.request, self.htmx_mal, context, status=409 if konflikt is not None else 200)


def legg_til_feil(form, feil):
    """A rule the service refused, on the form: by the field it names, or at the top when the form has no such
    field (so a message is never lost, whatever names the service used)."""
    if hasattr(feil, "error_dict"):
        for felt, meldinger in feil.error_dict.items():
            form.add_error(felt if felt in form.fields else None, meldinger)
    else:
        form.add_error(None, feil)


def vis_konflikt(form, lagret, felter):
    """Someone saved the record after this form was opened.

    Keeps everything the user typed, adds a form error, moves the hidden version on to the
    saved one (so saving again is a deliberate overwrite) and returns the fields where the
    saved value differs from the user's: (label, saved value, the user's value).
    """
    ulike = []
    for felt in felter:
        lagret_verdi = getattr(lagret, felt)
        ny_verdi = form.cleaned_data.get(felt)
        if (lagret_verdi or "") != (ny_verdi or ""):
            vis = getattr(lagret, f"get_{felt}_display", None)
            if isinstance(form.fields[felt], ChoiceField) and not isinstance(form.fields[felt], ModelChoiceField):
                ny_verdi = dict(form.fields[felt].choices).get(ny_verdi, ny_verdi)  # the label, as for the saved
            ulike.append((form.fields[felt].label, vis() if vis else lagret_verdi, ny_verdi))
    data = form.data.copy()
    data["versjon"] = str(lagret.versjon)
    form.data = data
    form.versjonskonflikt = True  # lets _versjonskonflikt.html tell when no field here differs
    form.add_error(
        None,
        "Noen andre har lagret endringer på denne personen mens du skrev. Ingenting av det du skrev er lagret ennå. "
        "Se forskjellene under, rett det som trengs, og lagre igjen.",
    )
    return ulike


def _som_tekst(verdi):
    """A year is shown as 1985, not with a thousands separator."""
    return str(verdi) if isinstance(verdi, int) and not isinstance(verdi, bool) else verdi
