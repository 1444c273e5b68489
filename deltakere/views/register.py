"""The register: the people followed up at the user's centres, with search; and registering a new person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import SORTERINGER, NyDeltakerForm, RegisterFilterForm
from ..scoping import FULL_TILGANG, deltakere_for, krev_rolle
from ..services import opprett_deltaker

PER_SIDE = 25

# What a tidgiverkoordinator may not learn about a person: not from a column, a filter, or the
# order of the rows.
BARE_FULL_TILGANG = {"status", "endret"}


@login_required
@require_GET
def register(request):
    """Everyone followed up at the user's centres, searchable; search as you type swaps the results."""
    if not request.medlemskap:
        raise Http404
    full_ids = {m.senter_id for m in request.medlemskap if m.rolle in FULL_TILGANG}
    form = RegisterFilterForm(request.GET or None, sentre=[m.senter for m in request.medlemskap])
    if not full_ids:
        _bare_navnefelter(form)
    valg = _gyldige_valg(form)
    paginator = Paginator(_treff(request, valg, full_ids).select_related("senter", "primaerkontakt"), PER_SIDE)
    side = paginator.page(_sidenummer(request.GET.get("side"), paginator.num_pages))
    aktivt = request.aktivt_medlemskap
    context = {
        "form": form,
        "side": side,
        "antall": paginator.count,
        "rader": [(deltaker, deltaker.senter_id in full_ids) for deltaker in side.object_list],
        "vis_full": bool(full_ids),
        "vis_senter": len(request.medlemskap) > 1,
        "kan_registrere": aktivt is not None and aktivt.rolle in FULL_TILGANG,
    }
    mal = "deltakere/_register_treff.html" if _bare_treff(request) else "deltakere/register.html"
    response = render(request, mal, context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _treff(request, valg, full_ids):
    """The people the user may see, searched, filtered and sorted as the valid choices say."""
    qs = deltakere_for(request).sok(valg.get("q") or "")
    if valg.get("status"):
        # Narrowed to the centres where the user may see status, so a filter tells nothing more.
        qs = qs.filter(status=valg["status"], senter__in=full_ids)
    if valg.get("primaerkontakt"):
        qs = qs.filter(primaerkontakt=valg["primaerkontakt"], senter__in=full_ids)
    if valg.get("senter"):
        qs = qs.filter(senter=valg["senter"])
    begrenset = len(full_ids) < len(request.medlemskap)
    return qs.order_by(*_sortering(valg.get("sorter") or "navn", full_ids, begrenset))


def _bare_navnefelter(form):
    """A user with no full access anywhere filters and sorts by name and birth year only."""
    del form.fields["status"], form.fields["primaerkontakt"]
    sorter = form.fields["sorter"]
    sorter.choices = [(verdi, tekst) for verdi, tekst in sorter.choices if verdi.lstrip("-") not in BARE_FULL_TILGANG]


def _gyldige_valg(form):
    """The search and filters that are valid; an invalid one shows its error and filters nothing."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def _sortering(sorter, full_ids, begrenset):
    """The ORDER BY for `sorter`. Where the user is a koordinator, status and changes do not order rows."""
    orden = []
    for felt in SORTERINGER[sorter]:
        navn = felt.lstrip("-")
        if begrenset and navn in BARE_FULL_TILGANG:
            verdi = Case(When(senter__in=full_ids, then=F(navn)))
            orden.append(verdi.desc(nulls_last=True) if felt.startswith("-") else verdi.asc(nulls_last=True))
        else:
            orden.append(felt)
    return orden


def _sidenummer(tekst, antall_sider):
    """`?side=` as a page that exists: the nearest one, whatever was asked for."""
    try:
        nummer = int(tekst)
    except (TypeError, ValueError):
        nummer = antall_sider if (tekst or "").isdecimal() else 1  # too many digits for int()
    return min(max(nummer, 1), antall_sider)


def _bare_treff(request):
    """Search as you type asks for the results only; htmx restoring history wants the whole page."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


@login_required
@require_http_methods(["GET", "POST"])
def ny_deltaker(request):
    """Register a person at the centre the user is working in now."""
    if request.aktivt_medlemskap is None:
        raise Http404
    senter = krev_rolle(request, request.aktivt_medlemskap.senter_id, FULL_TILGANG).senter
    form = NyDeltakerForm(request.POST or None, senter=senter)
    if request.method == "POST" and form.is_valid():
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
            return redirect("sak", pk=deltaker.pk)
    return render(request, "deltakere/ny_deltaker.html", {"senter": senter, "form": form})
