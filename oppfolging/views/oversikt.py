from django.shortcuts import render

from deltakere.scoping import deltakere_for, kan

from .. import oversikt, signals
from .avtaler import merk_avtaler

VIS_MINE = 50


def _forste(qs):
    """The first VIS_MINE rows of `qs`, and whether there are more."""
    rader = list(qs[: VIS_MINE + 1])
    return rader[:VIS_MINE], len(rader) > VIS_MINE


def min_oversikt(request):
    """The start page after sign-in, "who needs me today": what to do next (find a person, register one, log a
    contact), then oppfolging.oversikt for the centre the user works in now, and last the user's centres.

    A tidgiverkoordinator follows nobody up: they see the people at their centres who have consented to share
    with a tidgiver, the only people they may see, and nothing of anyone's status.
    """
    full = [m.senter_id for m in request.medlemskap if kan(request, "deltakere.se", m.senter_id)]
    begrenset = [
        m.senter_id
        for m in request.medlemskap
        if m.senter_id not in full and kan(request, "deltakere.se_begrenset", m.senter_id)
    ]
    context = {"tidgiver": []}
    if begrenset:
        tidgiver = deltakere_for(request).filter(senter__in=begrenset).select_related("senter")
        context["tidgiver"], context["flere_tidgiver"] = _forste(tidgiver.order_by("etternavn", "fornavn", "pk"))
    aktivt = request.aktivt_medlemskap
    if aktivt is not None and aktivt.senter_id in full:
        context["oversikt"] = oversikt.lag(request, aktivt.senter)
        merk_avtaler(context["oversikt"].avtaler_idag)  # the kept/missed/cancel buttons on today's lines
    context["full"], context["begrenset"] = bool(full), bool(begrenset)
    context["kan_registrere"] = aktivt is not None and kan(request, "deltakere.registrere", aktivt.senter_id)
    # What the apps above add (tidgivere: politiattester to renew), for the centre the user works in now.
    context["seksjoner"] = signals.seksjoner_html(request, aktivt.senter) if aktivt is not None else ""
    return render(request, "oppfolging/min_oversikt.html", context)
