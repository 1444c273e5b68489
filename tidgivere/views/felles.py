"""What every page of the volunteer register shares: who may, and the one form page for a tidgiver.

Only the tidgiverkoordinator and the leder manage tidgivere (`tidgivere.forvalte`, registered in apps.py).
A tidgiver of another centre is not found (404, through the scoped manager); a veileder or sosionom at the
tidgiver's own centre gets 403. A page that shows a tidgiver writes the access log once.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.okt import skjemadata
from deltakere.scoping import RETTIGHETER, krev_rolle
from deltakere.services import Versjonskonflikt
from deltakere.tilgangslogg import Handling, logg_tilgang
from deltakere.views.felles import legg_til_feil, vis_konflikt

from ..models import Tidgiver

RETTIGHET = "tidgivere.forvalte"


def forvaltet_senter(request):
    """The centre the user works in now, when their role there manages tidgivere: 404 with no centre, 403 for a
    role that may not."""
    if request.aktivt_medlemskap is None:
        raise Http404
    return krev_rolle(request, request.aktivt_medlemskap.senter_id, RETTIGHETER[RETTIGHET]).senter


def krev_forvalter(request, senter_id):
    krev_rolle(request, senter_id, RETTIGHETER[RETTIGHET])


def hent_tidgiver(request, tidgiver_id, *, logg=True):
    """One tidgiver the user may manage, or 404 (another centre) / 403 (a role that may not); the access is
    written to the access log (a GET as "vis", another method as "endre")."""
    tidgiver = get_object_or_404(Tidgiver.objects.select_related("senter"), pk=tidgiver_id)
    krev_forvalter(request, tidgiver.senter_id)
    if logg:
        logg_tilgang(request, tidgiver, Handling.VIS if request.method in ("GET", "HEAD") else Handling.ENDRE)
    return tidgiver


class Tidgiverskjema(View):
    """A page with one form about one tidgiver: fetched through `hent_tidgiver`, bound to what was sent (or
    kept by the idle lock), a one-time token against double submits, and a version conflict or refused rule
    shown on the form with everything typed kept."""

    form_class = None
    tittel = ""
    knapp = "Lagre"
    melding = "Endringene er lagret."
    template_name = "tidgivere/skjema.html"
    konfliktfelter = ()
    http_method_names = ["get", "post"]

    def dispatch(self, request, tidgiver_id, **kwargs):
        self.tidgiver = hent_tidgiver(request, tidgiver_id)
        return super().dispatch(request, tidgiver_id, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.vis(self.lag_skjema(skjemadata(request)))

    def post(self, request, *args, **kwargs):
        form = self.lag_skjema(request.POST)
        return en_gang(request, form, lambda: self._behandle(form))

    def skjema_kwargs(self):
        return {}

    def lagre(self, form):
        raise NotImplementedError

    def ekstra(self):
        return {}

    def lag_skjema(self, data):
        return legg_til_engangskode(self.form_class(data, **self.skjema_kwargs()))

    def _behandle(self, form):
        konflikt = None
        if form.is_valid():
            try:
                self.lagre(form)
            except Versjonskonflikt as exc:
                konflikt = vis_konflikt(form, exc.lagret, self.konfliktfelter)
            except ValidationError as e:
                legg_til_feil(form, e)
            else:
                messages.success(self.request, self.melding)
                return redirect(reverse("tidgivere:tidgiver", args=[self.tidgiver.pk])), True
        return self.vis(form, konflikt), False

    def vis(self, form, konflikt=None):
        context = {"tidgiver": self.tidgiver, "form": form, "konflikt": konflikt, "tittel": self.tittel}
        context["knapp"] = self.knapp
        return render(
            self.request, self.template_name, {**context, **self.ekstra()}, status=409 if konflikt is not None else 200
        )
