"""The register: the people followed up at the user's centres, with search; and registering a new person."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Q, When
from django.forms import ModelChoiceField
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from ..engangs import en_gang, legg_til_engangskode
from ..forms import SORTERINGER, NyDeltakerForm, RegisterFilterForm
from ..okt import skjemadata
from ..scoping import FULL_TILGANG, RETTIGHETER, deltakere_for, krev_rolle
from ..services import opprett_deltaker

PER_SIDE = 25
# The count stops here ("Over 10 000 deltakere"): counting every row of a very large centre costs more than
# the number is worth. The largest centres today have some 5,000 people. A search counts to 1,000: every row
# it counts is read and checked against the typed text, on every keystroke, and a search that finds more
# than a thousand people is one to narrow, not to count.
TELLEGRENSE = 10_000
TELLEGRENSE_SOK = 1_000

# What a tidgiverkoordinator may not learn about a person: not from a column, a filter, or the
# order of the rows.
BARE_FULL_TILGANG = {"status", "endret"}


# The typed search lives in the session, never in a URL: URLs end up in the browser history of a shared
# PC and in every server and proxy log. Filters and sort stay in the query string (shareable).
SOK_SESSION_KEY = "registersok"
FILTRE = ("status", "primaerkontakt", "senter", "sorter")


@require_http_methods(["GET", "POST"])
def register(request):
    """Everyone followed up at the user's centres, searchable; search as you type swaps the results.

    The search form is a POST: the typed text goes into the session and the page is shown again at a
    URL with the filters only (search as you type gets the results in place). Coming back to the
    register, with Back or the menu, shows the same search.
    """
    if not request.medlemskap:
        raise Http404
    if request.method == "POST":
        sok = request.POST.get("q", "")[:200]
        if request.session.get(SOK_SESSION_KEY) != sok:  # the session is written only when the search changed
            request.session[SOK_SESSION_KEY] = sok
        if not _bare_treff(request):  # a new search starts on the first page
            return redirect(_register_url(request.POST, anker="#treff-tittel"))
        data = request.POST
    elif "q" in request.GET:  # an old bookmark or link: move the name out of the address bar
        request.session[SOK_SESSION_KEY] = request.GET["q"][:200]
        return redirect(_register_url(request.GET))
    else:
        data = request.GET.copy()
        if request.session.get(SOK_SESSION_KEY):
            data["q"] = request.session[SOK_SESSION_KEY]
    full_ids = {m.senter_id for m in request.medlemskap if m.rolle in FULL_TILGANG}
    form = RegisterFilterForm(data or None, sentre=[m.senter for m in request.medlemskap])
    if not full_ids:
        _bare_navnefelter(form)
    valg = _gyldige_valg(form)
    treff = _treff(request, valg, full_ids)
    begrenset = len(full_ids) < len(request.medlemskap)
    nokler = _nokler(valg.get("sorter") or "navn", full_ids, begrenset)
    side = _side(request, treff.select_related("senter", "primaerkontakt"), nokler, data)
    grense = TELLEGRENSE_SOK if valg.get("q") else TELLEGRENSE
    antall = treff.order_by()[: grense + 1].count()
    aktivt = request.aktivt_medlemskap
    filtre = urlencode({navn: valg[navn].pk if hasattr(valg[navn], "pk") else valg[navn] for navn in FILTRE
                        if valg.get(navn)})  # fmt: skip
    context = {
        "filtre": filtre,
        "filtre_valgt": sum(1 for navn in FILTRE if navn != "sorter" and valg.get(navn)),
        "form": form,
        "valgfelter": [] if _bare_treff(request) else _valgfelter(form),
        "sider": _sidelenker(side, filtre),
        "antall": min(antall, grense),
        "flere_enn": antall > grense,
        "rader": [(deltaker, deltaker.senter_id in full_ids) for deltaker in side.rader],
        "vis_full": bool(full_ids),
        "vis_senter": len(request.medlemskap) > 1,
        "kan_registrere": aktivt is not None and aktivt.rolle in FULL_TILGANG,
        "bare_treff": _bare_treff(request),
    }
    mal = "deltakere/_register_treff.html" if _bare_treff(request) else "deltakere/register.html"
    response = render(request, mal, context)
    if _bare_treff(request):
        # Keep the address bar in step with the filters (shareable), never with the typed name.
        response["HX-Replace-Url"] = reverse("deltakere:register") + (f"?{filtre}" if filtre else "")
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _register_url(data, anker=""):
    """The register's URL with the filters and sort in `data` (a new search: the first page), and nothing typed."""
    filtre = {navn: data[navn] for navn in FILTRE if data.get(navn)}
    return reverse("deltakere:register") + (f"?{urlencode(filtre)}" if filtre else "") + anker


def _treff(request, valg, full_ids):
    """The people the user may see, searched and filtered as the valid choices say (not yet ordered)."""
    qs = deltakere_for(request).sok(valg.get("q") or "")
    begrenset = len(full_ids) < len(request.medlemskap)
    # Narrowed to the centres where the user may see status and contact persons, so a filter tells nothing
    # more; only needed where the user also works in a role that may not (the scope says it already).
    bare_full = {"senter__in": full_ids} if begrenset else {}
    if valg.get("status"):
        qs = qs.filter(status=valg["status"], **bare_full)
    if valg.get("primaerkontakt"):
        qs = qs.filter(primaerkontakt=valg["primaerkontakt"], **bare_full)
    if valg.get("senter"):
        qs = qs.filter(senter=valg["senter"])
    return qs


def _bare_navnefelter(form):
    """A user with no full access anywhere filters and sorts by name and birth year only."""
    del form.fields["status"], form.fields["primaerkontakt"]
    sorter = form.fields["sorter"]
    sorter.choices = [(verdi, tekst) for verdi, tekst in sorter.choices if verdi.lstrip("-") not in BARE_FULL_TILGANG]


def _valgfelter(form):
    """The filter and sort selects with their options as plain lists, for a template loop: the form widget would
    render a template per option, and a large centre has a hundred and fifty staff to choose the contact from."""
    felter = []
    for navn in ("status", "primaerkontakt", "senter", "sorter"):
        if navn not in form.fields:
            continue
        felt = form[navn]
        if isinstance(felt.field, ModelChoiceField):
            valg = [("", felt.field.empty_label), *((str(o.pk), str(o)) for o in felt.field.queryset)]
        else:
            valg = [(str(verdi), tekst) for verdi, tekst in felt.field.choices]
        felter.append({"felt": felt, "valg": valg, "valgt": "" if felt.value() is None else str(felt.value())})
    return felter


def _gyldige_valg(form):
    """The search and filters that are valid; an invalid one shows its error and filters nothing."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


@dataclass
class Nokkel:
    """One column of the order: an expression, its direction, and whether it may be NULL (sorted last)."""

    uttrykk: object
    synkende: bool
    kan_vaere_tom: bool = False


def _nokler(sorter, full_ids, begrenset):
    """The order for `sorter`. Where the user is a koordinator, status and changes do not order rows (NULL)."""
    nokler = []
    for felt in SORTERINGER[sorter]:
        navn = felt.lstrip("-")
        if begrenset and navn in BARE_FULL_TILGANG:
            nokler.append(Nokkel(Case(When(senter__in=full_ids, then=F(navn))), felt.startswith("-"), True))
        else:
            nokler.append(Nokkel(F(navn), felt.startswith("-")))
    return nokler


@dataclass
class Side:
    rader: list
    forrige: bool  # there are rows before this page
    neste: bool  # there are rows after it


def _side(request, treff, nokler, data):
    """One page of `treff` in the order of `nokler`: keyset pagination, so the last page costs what the first does.

    The page is in the query string: `etter=<id>` the page after that person, `foer=<id>` the page before,
    `side=siste` the last. A person's id is in their page's URL already; sort values (names) never are.

    A page is found from a person on the page next to it (`etter`, `foer`) instead of by counting rows
    from the start (OFFSET): the person's sort values are read (one query, through the scoping helper,
    so a person the user may not see is no anchor) and the page is the rows after them in the order,
    read from the sort order's index. A missing or unknown person gives the first page.
    """
    navn = [f"orden{i}" for i in range(len(nokler))]
    treff = treff.alias(**{n: k.uttrykk for n, k in zip(navn, nokler, strict=True)})
    if data.get("side") == "siste":
        rader = _les(treff, navn, nokler, baklengs=True)
        return Side(rader[:PER_SIDE][::-1], forrige=len(rader) > PER_SIDE, neste=False)
    for retning in ("etter", "foer"):
        anker = _anker(request, data.get(retning), navn, nokler)
        if anker is None:
            continue
        baklengs = retning == "foer"
        rader = _les(treff.filter(_etter(navn, nokler, anker, baklengs)), navn, nokler, baklengs=baklengs)
        if not baklengs:
            return Side(rader[:PER_SIDE], forrige=True, neste=len(rader) > PER_SIDE)
        if len(rader) > PER_SIDE:
            return Side(rader[:PER_SIDE][::-1], forrige=True, neste=True)
        break  # fewer than a page before it: the first page
    rader = _les(treff, navn, nokler)
    return Side(rader[:PER_SIDE], forrige=False, neste=len(rader) > PER_SIDE)


def _les(treff, navn, nokler, baklengs=False):
    """A page and one row more (which tells whether there is another page), in the order or against it."""
    orden = []
    for n, k in zip(navn, nokler, strict=True):
        synkende = k.synkende != baklengs
        if k.kan_vaere_tom:  # NULLs last in the order, so first against it
            orden.append(F(n).desc(nulls_last=not baklengs) if synkende else F(n).asc(nulls_last=not baklengs))
        else:  # no NULLS clause: PostgreSQL reads the index forwards or backwards as it is
            orden.append(F(n).desc() if synkende else F(n).asc())
    return list(treff.order_by(*orden)[: PER_SIDE + 1])


def _anker(request, tekst, navn, nokler):
    """The sort values of the person `tekst` names (an id), among those the user may see; or None."""
    if not tekst or not tekst.isdecimal() or len(tekst) > 18:
        return None
    rad = (
        deltakere_for(request)
        .annotate(**{n: k.uttrykk for n, k in zip(navn, nokler, strict=True)})
        .filter(pk=int(tekst))
        .values_list(*navn)
        .first()
    )
    return rad


def _etter(navn, nokler, anker, baklengs):
    """The rows after `anker` in the order (before it when `baklengs`): after on the first column, or equal
    on it and after on the rest. NULLs are last in the order."""
    betingelse = None
    for n, k, verdi in reversed(list(zip(navn, nokler, anker, strict=True))):
        synkende = k.synkende != baklengs
        nuller_sist = not baklengs
        if verdi is None:
            etter = Q() if nuller_sist else Q(**{f"{n}__isnull": False})
            lik = Q(**{f"{n}__isnull": True})
        else:
            etter = Q(**{f"{n}__{'lt' if synkende else 'gt'}": verdi})
            if k.kan_vaere_tom and nuller_sist:
                etter |= Q(**{f"{n}__isnull": True})
            lik = Q(**{n: verdi})
        if betingelse is None:
            betingelse = etter if etter else Q(pk__in=[])
        else:
            betingelse = (etter | (lik & betingelse)) if etter else (lik & betingelse)
    forste, verdi = nokler[0], anker[0]
    if verdi is not None and not forste.kan_vaere_tom:
        # The same, said so that PostgreSQL starts reading the index at the anchor.
        synkende = forste.synkende != baklengs
        betingelse &= Q(**{f"{navn[0]}__{'lte' if synkende else 'gte'}": verdi})
    return betingelse


def _sidelenker(side, filtre):
    """The links to the first, previous, next and last page (None where there is none), with the filters."""
    url = reverse("deltakere:register")

    def lenke(**sidevalg):
        parametre = "&".join(p for p in (filtre, urlencode(sidevalg)) if p)
        return url + (f"?{parametre}" if parametre else "")

    return {
        "forste": lenke() if side.forrige else None,
        "forrige": lenke(foer=side.rader[0].pk) if side.forrige and side.rader else None,
        "neste": lenke(etter=side.rader[-1].pk) if side.neste and side.rader else None,
        "siste": lenke(side="siste") if side.neste else None,
    }


def _bare_treff(request):
    """Search as you type asks for the results only; htmx restoring history wants the whole page."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


@require_http_methods(["GET", "POST"])
def ny_deltaker(request):
    """Register a person at the centre the user is working in now."""
    if request.aktivt_medlemskap is None:
        raise Http404
    senter = krev_rolle(request, request.aktivt_medlemskap.senter_id, RETTIGHETER["deltakere.registrere"]).senter
    form = legg_til_engangskode(NyDeltakerForm(skjemadata(request), senter=senter))

    def registrer():
        if form.is_valid():
            try:
                deltaker = opprett_deltaker(
                    senter=senter,
                    data=form.deltaker_data(),
                    samtykke_form=form.cleaned_data["samtykke_form"],
                    samtykke_dato=form.cleaned_data["samtykke_dato"],
                    opprettet_av=request.user,
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, f"{deltaker.fullt_navn} er registrert.")
                return redirect("deltakere:sak", pk=deltaker.pk), True
        return render(request, "deltakere/ny_deltaker.html", {"senter": senter, "form": form}), False

    if request.method == "POST":
        return en_gang(request, form, registrer)
    # A GET never saves; after the idle lock the form may come back bound to what was typed.
    return render(request, "deltakere/ny_deltaker.html", {"senter": senter, "form": form})
