"""Matching pages: the deltaker's wishes, the ranked suggestions for one deltaker (with "Foreslå"), and the
board (the optimal proposal for everyone waiting, accepted or rejected pair by pair)."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from deltakere.engangs import FELT, en_gang
from deltakere.scoping import hent_deltaker, krev_rolle
from deltakere.views.felles import Personskjema, legg_til_feil

from .. import matching, selectors, services
from ..forms import ForeslaaForm, OnskeForm, TavleForm
from ..models import Tidgiver, Tidgiveronske

RETT = "tidgivere.koble"
KOORDINERER = {"tidgiverkoordinator", "leder"}
AVVIST_NOKKEL = "tavle_avvist"


class Onsker(Personskjema):
    """What the deltaker wishes for in a tidgiver (and the interests, times, place and languages matching uses)."""

    form_class = OnskeForm
    tittel = "Ønsker om tidgiver"
    knapp = "Lagre ønsker"
    rettighet = RETT
    melding = "Ønskene er lagret."
    konfliktfelter = ("kommune", "kjonn", "alder_fra", "alder_til", "erfaringskompetanse")

    def forhindret(self):
        self.onske = Tidgiveronske.objects.filter(deltaker=self.deltaker).first()
        return None

    def skjema_kwargs(self):
        o = self.onske
        initial = {"versjon": o.versjon if o else 0}
        if o:
            initial.update(
                {f: getattr(o, f) for f in ("interesser", "tilgjengelighet", "kommune", "sprak", "kjonn")}
                | {"alder_fra": o.alder_fra, "alder_til": o.alder_til, "erfaringskompetanse": o.erfaringskompetanse}
            )
        return {"initial": initial}

    def lagre(self, form):
        services.lagre_onsker(self.deltaker, av=self.request.user, **form.cleaned_data)
        return reverse("tidgivere:forslag", args=[self.deltaker.pk])


class Forslag(Personskjema):
    """The ranked tidgivere for one deltaker, each with the score and the words per criterion; "Foreslå" makes a
    proposed match. The page runs the same number of queries whatever the number of tidgivere."""

    form_class = ForeslaaForm
    tittel = "Finn tidgiver"
    knapp = "Foreslå"
    rettighet = RETT
    template_name = "tidgivere/forslag.html"
    melding = "Koblingen er foreslått. Neste steg er å tilby den til begge."

    def lagre(self, form):
        tidgiver = Tidgiver.objects.filter(pk=form.cleaned_data["tidgiver"], senter=self.deltaker.senter).first()
        if tidgiver is None:
            raise ValidationError({"tidgiver": "Tidgiveren finnes ikke ved dette senteret."})
        kobling = services.foreslaa(self.deltaker, tidgiver, av=self.request.user)
        return reverse("tidgivere:kobling", args=[self.deltaker.pk, kobling.pk])

    def ekstra(self):
        idag = timezone.localdate()
        profil = selectors.deltakerprofil(self.deltaker)
        tidgivere, profiler = selectors.tidgivere_og_profiler(self.deltaker.senter, dato=idag)
        mulige, utelukket = matching.forslag(profil, profiler, aar=idag.year)
        etter_id = {t.pk: t for t in tidgivere}
        return {
            "profil": profil,
            "onske": Tidgiveronske.objects.filter(deltaker=self.deltaker).first(),
            "mulige": [(v, etter_id[p.id], uuid.uuid4()) for v, p in mulige],
            "utelukket": [(v, etter_id[p.id]) for v, p in utelukket],
            "koblinger": selectors.koblinger_for_deltaker(self.deltaker),
            "engangsfelt": FELT,
        }


def _senter(request):
    medlemskap = request.aktivt_medlemskap
    if medlemskap is None:
        raise Http404
    return krev_rolle(request, medlemskap.senter_id, KOORDINERER).senter


def _beregn_tavle(request, senter):
    idag = timezone.localdate()
    deltakere, dprofiler = selectors.ventende_profiler(senter)
    tidgivere, tprofiler = selectors.tidgivere_og_profiler(senter, dato=idag, bare_mulige=True)
    avvist = {tuple(par) for par in request.session.get(AVVIST_NOKKEL, [])}
    resultat = matching.tavle(dprofiler, tprofiler, aar=idag.year, avvist=avvist)
    rader = []
    for i, j, _ in resultat.par:
        vurdering = matching.vurder(dprofiler[i], tprofiler[j], aar=idag.year)
        rader.append((deltakere[i], tidgivere[j], vurdering, uuid.uuid4()))
    rader.sort(key=lambda r: (-r[2].poeng, r[0].etternavn, r[0].pk))
    tildelt = {i for i, _, _ in resultat.par}
    uten = [d for i, d in enumerate(deltakere) if i not in tildelt]
    return {
        "senter": senter,
        "rader": rader,
        "resultat": resultat,
        "uten": uten,
        "antall_ventende": len(deltakere),
        "antall_tidgivere": len(tidgivere),
        "ledige_plasser": sum(p.ledig for p in tprofiler),
        "antall_avvist": len(avvist),
        "engangsfelt": FELT,
    }


@require_http_methods(["GET", "POST"])
def tavle(request):
    """The matching board of the user's active centre. GET shows the proposal; POST accepts one pair (a proposed
    match is made) or rejects it (left out of the proposal for the rest of the session)."""
    senter = _senter(request)
    if request.method == "GET":
        return render(request, "tidgivere/tavle.html", _beregn_tavle(request, senter))
    form = TavleForm(request.POST)

    def behandle():
        if not form.is_valid():
            form.add_error(None, "Velg et par fra forslaget.")
            return _vis_feil(request, senter, form), False
        d_id, t_id = form.cleaned_data["deltaker"], form.cleaned_data["tidgiver"]
        if form.cleaned_data["handling"] == "avvis":
            avvist = [p for p in request.session.get(AVVIST_NOKKEL, []) if p != [d_id, t_id]] + [[d_id, t_id]]
            request.session[AVVIST_NOKKEL] = avvist
            messages.info(request, "Paret er tatt ut av forslaget.")
            return redirect("tidgivere:tavle"), True
        deltaker = hent_deltaker(request, d_id, rettighet=RETT)
        tidgiver = Tidgiver.objects.filter(pk=t_id, senter=senter).first()
        if tidgiver is None or deltaker.senter_id != senter.pk:
            form.add_error(None, "Paret hører ikke til dette senteret.")
            return _vis_feil(request, senter, form), False
        try:
            services.foreslaa(deltaker, tidgiver, av=request.user)
        except ValidationError as e:
            legg_til_feil(form, e)
            return _vis_feil(request, senter, form), False
        messages.success(request, f"Koblingen mellom {deltaker.fullt_navn} og {tidgiver.navn} er foreslått.")
        return redirect("tidgivere:tavle"), True

    return en_gang(request, form, behandle)


def _vis_feil(request, senter, form):
    return render(request, "tidgivere/tavle.html", {**_beregn_tavle(request, senter), "form": form}, status=200)


@require_http_methods(["POST"])
def nullstill_tavle(request):
    """Bring the rejected pairs back into the proposal."""
    _senter(request)
    request.session.pop(AVVIST_NOKKEL, None)
    messages.info(request, "Avviste par er med i forslaget igjen.")
    return redirect("tidgivere:tavle")
