"""The tiltaksplan: the plan page (with small inline forms), the plan as it stood on a date, the forms that
change it, and the printout for the participant's own binder."""

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from deltakere.scoping import hent_deltaker
from deltakere.tilgangslogg import Handling, logg_tilgang
from deltakere.views.felles import Personskjema

from .. import selectors, services
from ..forms import (
    DelmalForm,
    EndreHovedmalForm,
    EndreTiltakForm,
    HovedmalForm,
    NyPlanForm,
    PlanDatoForm,
    PlanForm,
    TiltakForm,
    TiltakStatusForm,
    UtskriftForm,
)
from ..models import Delmal, Hovedmal, Tiltak, Tiltaksplan

RETT = "oppfolging.endre_plan"


def _planurl(deltaker, plan=None, anker=""):
    url = reverse("oppfolging:plan", args=[deltaker.pk])
    if plan is not None:
        url += f"?plan={plan.pk}"
    return url + anker


def _tolk_dato(tekst):
    try:
        return date.fromisoformat(tekst)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET"])
def planside(request, pk):
    """The current plan (or one chosen with `?plan=<id>`), with everything in it and small forms to change it.
    `?dato=YYYY-MM-DD` shows the plan as it stood at the end of that day (from the change history)."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    alle = selectors.planer(deltaker)
    valgt = request.GET.get("plan", "")
    plan = next((p for p in alle if valgt.isdecimal() and p.pk == int(valgt)), None) or selectors.gjeldende_plan(alle)
    dato = _tolk_dato(request.GET.get("dato"))
    per_dato = selectors.plan_per_dato(plan, dato) if plan and dato else None
    idag = timezone.localdate()
    context = {
        "deltaker": deltaker,
        "plan": plan,
        "alle_planer": alle,
        "dato": dato,
        "per_dato": per_dato,
        "idag": idag,
        "forfalte": selectors.forfalte_tiltak(plan, idag) if plan else [],
        "redigerbar": plan is not None and plan.status != Tiltaksplan.Status.AVSLUTTET and not deltaker.er_overfort,
        "kan_lage_ny": not deltaker.er_overfort and not any(p.status == Tiltaksplan.Status.UTKAST for p in alle),
        "statusvalg": Tiltak.Status.choices,
    }
    if plan is not None:  # one small add-tiltak form per delmål, each with its own ids
        for h in plan.hovedmal.all():
            for d in h.delmal.all():
                d.skjema = TiltakForm(deltaker=deltaker, initial={"versjon": plan.versjon}, auto_id=f"d{d.pk}_%s")
    return render(request, "oppfolging/plan.html", context)


class Planskjema(Personskjema):
    """A form that changes the plan or something in it: the plan's version guards against two editors."""

    rettighet = RETT
    template_name = "oppfolging/plan_skjema.html"
    # The row of the plan the page is about, when it is one: (attribute, model, URL kwarg, the lookup from the row
    # to its plan). Fetched within this plan only, so another plan's id answers 404.
    rad = None

    def forhindret(self):
        self.plan = get_object_or_404(Tiltaksplan.objects, pk=self.kwargs["plan_id"], deltaker=self.deltaker)
        if self.rad:
            navn, modell, kwarg, til_plan = self.rad
            setattr(self, navn, get_object_or_404(modell.objects, pk=self.kwargs[kwarg], **{til_plan: self.plan}))
        return None

    def skjema_kwargs(self):
        return {"deltaker": self.deltaker, "initial": {"versjon": self.plan.versjon, **self.initial()}}

    def initial(self):
        return {}

    def tilbake(self, anker=""):
        return _planurl(self.deltaker, self.plan, anker)

    def lagret_som(self, lagret):
        return lagret

    def konflikt(self, form, lagret):
        """The other person's change, in words, and the version moved on so saving again is deliberate."""
        data = form.data.copy()
        data["versjon"] = str(lagret.versjon)
        form.data = data
        form.versjonskonflikt = True
        form.add_error(
            None,
            "Noen andre har endret planen mens du skrev. Ingenting av det du skrev er lagret ennå. Se hva som er "
            "endret under, og lagre igjen hvis det du skrev fortsatt stemmer.",
        )
        return [(e.hva, e.naar_og_hvem, e.beskrivelse) for e in selectors.siste_planendringer(lagret)]

    def ekstra(self):
        return {"plan": self.plan, "tilbake": self.tilbake()}


class NyPlan(Personskjema):
    form_class = NyPlanForm
    tittel = "Ny tiltaksplan"
    knapp = "Lag utkast til plan"
    rettighet = RETT
    template_name = "oppfolging/ny_plan.html"
    melding = "Utkastet til plan er laget. Gå gjennom det med deltakeren, og gjør det til aktiv plan."

    def skjema_kwargs(self):
        self.kartlegging = next(iter(selectors.kartlegginger(self.deltaker)), None)
        return {"deltaker": self.deltaker, "viktige": selectors.viktige_omrader(self.kartlegging)}

    def lagre(self, form):
        plan = services.opprett_plan(self.deltaker, av=self.request.user, hovedmal=form.hovedmal())
        return _planurl(self.deltaker, plan)

    def ekstra(self):
        return {"kartlegging": self.kartlegging}


class EndrePlan(Planskjema):
    form_class = PlanForm
    tittel = "Evaluering og gjennomgang"
    knapp = "Lagre"

    def initial(self):
        p = self.plan
        return {
            "evalueringsdato": p.evalueringsdato,
            "gjennomgatt": p.gjennomgatt,
            "deltakers_kommentar": p.deltakers_kommentar,
        }

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_plan(
            self.plan,
            versjon=data["versjon"],
            evalueringsdato=data["evalueringsdato"],
            gjennomgatt=data["gjennomgatt"],
            deltakers_kommentar=data.get("deltakers_kommentar", ""),
        )
        return self.tilbake()


class AktiverPlan(Planskjema):
    form_class = PlanDatoForm
    tittel = "Gjør planen aktiv"
    knapp = "Gjør planen aktiv"
    melding = "Planen er nå aktiv. En tidligere aktiv plan er avsluttet og kan fortsatt leses."

    def skjema_kwargs(self):
        return {"initial": {"versjon": self.plan.versjon, "dato": timezone.localdate()}}

    def lagre(self, form):
        services.aktiver_plan(self.plan, versjon=form.cleaned_data["versjon"], dato=form.cleaned_data["dato"])
        return self.tilbake()


class AvsluttPlan(AktiverPlan):
    tittel = "Avslutt planen"
    knapp = "Avslutt planen"
    melding = "Planen er avsluttet. Den kan fortsatt leses og skrives ut."

    def lagre(self, form):
        services.avslutt_plan(self.plan, versjon=form.cleaned_data["versjon"], dato=form.cleaned_data["dato"])
        return self.tilbake()


class NyttHovedmal(Planskjema):
    form_class = HovedmalForm
    tittel = "Nytt hovedmål"
    knapp = "Legg til hovedmålet"
    melding = "Hovedmålet er lagt til."

    def lagre(self, form):
        data = form.cleaned_data
        mal = services.legg_til_hovedmal(
            self.plan,
            versjon=data["versjon"],
            tekst=data.get("tekst", ""),
            livsomrade=data["livsomrade"],
            tidgiver_kan_hjelpe=data["tidgiver_kan_hjelpe"],
        )
        return self.tilbake(f"#hovedmal-{mal.pk}")


class EndreHovedmal(Planskjema):
    form_class = EndreHovedmalForm
    tittel = "Endre hovedmål"
    knapp = "Lagre hovedmålet"
    rad = ("hovedmal", Hovedmal, "hovedmal_id", "plan")

    def initial(self):
        h = self.hovedmal
        return {
            "tekst": h.tekst,
            "livsomrade": h.livsomrade,
            "status": h.status,
            "tidgiver_kan_hjelpe": h.tidgiver_kan_hjelpe,
        }

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_hovedmal(
            self.hovedmal,
            versjon=data["versjon"],
            tekst=data.get("tekst", ""),
            livsomrade=data["livsomrade"],
            status=data["status"],
            tidgiver_kan_hjelpe=data["tidgiver_kan_hjelpe"],
            dato=data["dato"],
        )
        return self.tilbake(f"#hovedmal-{self.hovedmal.pk}")


class NyttDelmal(EndreHovedmal):
    form_class = DelmalForm
    tittel = "Nytt delmål"
    knapp = "Legg til delmålet"
    melding = "Delmålet er lagt til."

    def initial(self):
        return {}

    def lagre(self, form):
        delmal = services.legg_til_delmal(
            self.hovedmal, versjon=form.cleaned_data["versjon"], tekst=form.cleaned_data["tekst"]
        )
        return self.tilbake(f"#delmal-{delmal.pk}")


class NyttTiltak(Planskjema):
    """Add a tiltak under a delmål: inline on the plan page with htmx, or this page without JavaScript."""

    form_class = TiltakForm
    tittel = "Nytt tiltak"
    knapp = "Legg til tiltaket"
    melding = "Tiltaket er lagt til."
    htmx_mal = "oppfolging/_delmal.html"
    rad = ("delmal", Delmal, "delmal_id", "hovedmal__plan")

    def lagre(self, form):
        data = form.cleaned_data
        services.legg_til_tiltak(
            self.delmal,
            versjon=data["versjon"],
            hva=data.get("hva", ""),
            ansvar=data["ansvar"],
            ansvarlig_ansatt=data["ansvarlig_ansatt"],
            ansvarlig_kontakt=data["ansvarlig_kontakt"],
            frist=data["frist"],
        )
        return self.tilbake(f"#delmal-{self.delmal.pk}")

    def skjema_kwargs(self):
        return {**super().skjema_kwargs(), "auto_id": f"d{self.delmal.pk}_%s"}

    def htmx_svar(self, form, *, konflikt=None, lagret=False):
        if lagret:  # a fresh empty form for the next tiltak
            self.plan.refresh_from_db()
            form = None
        return super().htmx_svar(form, konflikt=konflikt, lagret=lagret)

    def ekstra(self):
        delmal = Delmal.objects.prefetch_related("tiltak__ansvarlig_ansatt", "tiltak__ansvarlig_kontakt").get(
            pk=self.delmal.pk
        )
        delmal.skjema = TiltakForm(
            deltaker=self.deltaker, initial={"versjon": self.plan.versjon}, auto_id=f"d{delmal.pk}_%s"
        )
        return {**super().ekstra(), "delmal": delmal, "redigerbar": True, "statusvalg": Tiltak.Status.choices,
                "idag": timezone.localdate()}  # fmt: skip


class EndreTiltak(Planskjema):
    form_class = EndreTiltakForm
    tittel = "Endre tiltak"
    knapp = "Lagre tiltaket"
    rad = ("tiltak", Tiltak, "tiltak_id", "delmal__hovedmal__plan")

    def initial(self):
        t = self.tiltak
        return {
            "hva": t.hva,
            "ansvar": t.ansvar,
            "ansvarlig_ansatt": t.ansvarlig_ansatt_id,
            "ansvarlig_kontakt": t.ansvarlig_kontakt_id,
            "frist": t.frist,
            "status": t.status,
        }

    def lagre(self, form):
        data = form.cleaned_data
        services.endre_tiltak(
            self.tiltak,
            versjon=data["versjon"],
            hva=data.get("hva", ""),
            ansvar=data["ansvar"],
            ansvarlig_ansatt=data["ansvarlig_ansatt"],
            ansvarlig_kontakt=data["ansvarlig_kontakt"],
            frist=data["frist"],
            status=data["status"],
        )
        return self.tilbake(f"#tiltak-{self.tiltak.pk}")


class TiltakStatus(EndreTiltak):
    """Tick a tiltak off: one small form beside it on the plan page (inline with htmx)."""

    form_class = TiltakStatusForm
    tittel = "Status for tiltaket"
    knapp = "Lagre status"
    htmx_mal = "oppfolging/_tiltak.html"

    def skjema_kwargs(self):
        return {"initial": {"versjon": self.plan.versjon, "status": self.tiltak.status}}

    def lagre(self, form):
        services.sett_tiltak_status(
            self.tiltak, versjon=form.cleaned_data["versjon"], status=form.cleaned_data["status"]
        )
        return self.tilbake(f"#tiltak-{self.tiltak.pk}")

    def suksessmelding(self, form):
        return f"Status er nå «{self.tiltak.get_status_display().lower()}»."

    def ekstra(self):
        self.tiltak.refresh_from_db()
        self.plan.refresh_from_db()
        return {**super().ekstra(), "t": self.tiltak, "redigerbar": True, "statusvalg": Tiltak.Status.choices,
                "idag": timezone.localdate()}  # fmt: skip


@require_http_methods(["GET", "POST"])
def utskrift(request, pk, plan_id):
    """The plan as a clean A4 PDF for the participant's own binder (WeasyPrint), written to the access log.

    At a centre that stores no free text the plan holds no words: the page asks for them, and they go into
    the printout only (a POST, nothing stored)."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT, logg=False)
    plan = next((p for p in selectors.planer(deltaker) if p.pk == plan_id), None)
    if plan is None:
        raise Http404
    innhold = [(h, [(d, list(d.tiltak.all())) for d in h.delmal.all()]) for h in plan.hovedmal.all()]
    tekster = {}
    if not deltaker.senter.fritekst_tillatt:
        form = UtskriftForm(request.POST or None, plan_innhold=innhold)
        if request.method != "POST" or not form.is_valid():
            return render(
                request, "oppfolging/plan_utskrift_skjema.html", {"deltaker": deltaker, "plan": plan, "form": form}
            )
        tekster = form.cleaned_data
    # What the printout says: the stored words, or at a metadata centre the words typed for the printout.
    for h, delmal in innhold:
        h.visning = tekster.get(f"hovedmal_{h.pk}") or h.tekst
        for d, tiltak in delmal:
            d.visning = tekster.get(f"delmal_{d.pk}") or d.tekst
            for t in tiltak:
                t.visning = tekster.get(f"tiltak_{t.pk}") or t.hva
    logg_tilgang(request, deltaker, Handling.UTSKRIFT)
    html = render_to_string(
        "oppfolging/plan_utskrift.html",
        {"deltaker": deltaker, "plan": plan, "innhold": innhold, "laget": timezone.localdate()},
        request=request,
    )  # fmt: skip
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(pdf_variant="pdf/ua-1")
    navn = f"tiltaksplan-{timezone.localdate():%Y-%m-%d}"  # no name: downloads lie on a shared PC
    svar = HttpResponse(pdf, content_type="application/pdf")
    svar["Content-Disposition"] = f'inline; filename="{navn}.pdf"'
    return svar
