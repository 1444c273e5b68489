"""What the participant pages share: fetching a person to change, and telling of a conflict."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ChoiceField, ModelChoiceField
from django.shortcuts import redirect, render

from ..scoping import hent_deltaker
from ..services import Versjonskonflikt


def hent_redigerbar_deltaker(request, pk):
    """A person the user may change: full access at their centre (else 404).

    A record whose person has been transferred to another centre is read-only at the old
    centre; the caller gets a redirect to the participant page with the reason.
    """
    deltaker = hent_deltaker(request, pk)
    if deltaker.er_overfort:
        messages.error(
            request,
            f"Personen er overført til {deltaker.overfort_til.senter}. Det som er registrert her, kan bare leses.",
        )
        return deltaker, redirect("sak", pk=deltaker.pk)
    return deltaker, None


def vis_konflikt(form, lagret, felter):
    """Someone saved the person after this form was opened.

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


def lagre_eller_konflikt(form, felter, lagre, *, lagret_som=lambda lagret: lagret, tillegg=lambda lagret: []):
    """Run `lagre()`. Returns (saved, konflikt): a version conflict or a rule the service refuses
    becomes errors on `form`, with the user's input kept. `tillegg(lagret)` adds rows of differences
    that `vis_konflikt` must not show as they are."""
    try:
        lagre()
    except Versjonskonflikt as exc:
        konflikt = vis_konflikt(form, lagret_som(exc.lagret), felter) + tillegg(exc.lagret)
        return False, [(felt, _som_tekst(lagret), _som_tekst(ditt)) for felt, lagret, ditt in konflikt]
    except ValidationError as e:
        form.add_error(None, e)
        return False, None
    return True, None


def skjemaside(request, mal, deltaker, form, konflikt, **ekstra):
    """Render a per-person form page; 409 when it is shown again because of a version conflict."""
    return render(
        request,
        mal,
        {"deltaker": deltaker, "form": form, "konflikt": konflikt, **ekstra},
        status=409 if konflikt is not None else 200,
    )
