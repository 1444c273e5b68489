from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from deltakere.models import Status
from deltakere.scoping import deltakere_for

VIS_MINE = 50


@login_required
def min_oversikt(request):
    """The start page after sign-in: the user's centres and roles, and the people they follow up."""
    mine = (
        deltakere_for(request)
        .filter(Q(primaerkontakt=request.user) | Q(sekundaerkontakt=request.user))
        .exclude(status=Status.AVSLUTTET)
        .select_related("senter")
        .order_by("etternavn", "fornavn", "pk")
    )
    mine = list(mine[: VIS_MINE + 1])
    return render(
        request,
        "oppfolging/min_oversikt.html",
        {"mine": mine[:VIS_MINE], "flere_enn_vist": len(mine) > VIS_MINE},
    )
