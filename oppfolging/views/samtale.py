"""Samtaler: log a new one (with drafts kept as it is typed), read one (with the leder's comments), correct one,
and the list of a person's samtaler."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_POST

from deltakere.engangs import FELT as ENGANGSKODE
from deltakere.engangs import en_gang, legg_til_engangskode
from deltakere.models import FRITEKST_IKKE_TILLATT
from deltakere.scoping import hent_deltaker, kan
from deltakere.tilgangslogg import Handling, logg_tilgang
from deltakere.views.felles import Personskjema, legg_til_feil

from .. import livsomrader, selectors, services
from ..forms import SAMTALE_FRITEKST, EndreSamtaleForm, KommentarForm, NySamtaleForm
from ..models import Samtale, Samtaletype, Utkast

RETT = "oppfolging.samtale"
VEILEDE = "oppfolging.veilede"
# What a draft keeps: the new-samtale form's own fields, nothing else that was posted.
UTKASTFELTER = tuple(f for f in NySamtaleForm.base_fields if f != ENGANGSKODE)
FLERE_VERDIER = ("ansatte", "livsomrader")
AUTOLAGRING = "X-Medvandrer-Utkast"  # the header static/js/samtale.js sends with an autosave


def _samtaleurl(deltaker, samtale):
    return reverse("oppfolging:samtale", args=[deltaker.pk, samtale.pk])


def _tid(tidspunkt):
    return date_format(timezone.localtime(tidspunkt), "j. F Y \\k\\l. H:i")


# ---------------------------------------------------------------------------
# New samtale, with drafts
# ---------------------------------------------------------------------------


class NySamtale(Personskjema):
    form_class = NySamtaleForm
    tittel = "Ny samtale"
    knapp = "Lagre samtalen"
    rettighet = RETT
    template_name = "oppfolging/samtale_skjema.html"

    def forhindret(self):
        self.utkast = Utkast.objects.filter(bruker=self.request.user, deltaker=self.deltaker).first()
        return None

    def skjema_kwargs(self):
        naa = timezone.localtime()
        initial = {
            "dato": naa.date(), "klokkeslett": naa.strftime("%H:%M"), "ansatte": [self.request.user.pk],
            "kontaktslag": "med_personen",
        }  # fmt: skip
        if self.utkast is not None and self.request.GET.get("utkast") == "fortsett":
            initial = {felt: verdi for felt, verdi in self.utkast.data.items() if felt in UTKASTFELTER}
        return {"deltaker": self.deltaker, "initial": initial}

    def lagre(self, form):
        data = form.cleaned_data
        samtale = services.registrer_samtale(
            self.deltaker,
            av=self.request.user,
            ansatte=list(data.get("ansatte") or []),
            neste_avtale=data.get("neste_avtale"),
            **form.samtaledata(),
        )
        self.samtale = samtale
        return _samtaleurl(self.deltaker, samtale)

    def suksessmelding(self, form):
        deler = ["Samtalen er lagret."]
        if form.cleaned_data.get("neste_avtale"):
            deler.append("Neste avtale er lagt inn.")
        if self.samtale.sosionom_inn:
            deler.append("Sosionomtjenesten har fått en oppgave.")
        return " ".join(deler)

    def ekstra(self):
        fortsetter = self.request.GET.get("utkast") == "fortsett"
        return {
            "utkast": self.utkast if self.request.method == "GET" and not fortsetter else None,
            "utkast_url": reverse("oppfolging:samtale_utkast", args=[self.deltaker.pk]),
            "tilbake": reverse("oppfolging:samtaler", args=[self.deltaker.pk]),
            "ny": True,
        }


def _utkastdata(post, fritekst):
    """The form's fields from a POST, as a draft keeps them; free text only where the centre stores it."""
    data = {}
    for felt in UTKASTFELTER:
        if not fritekst and felt in SAMTALE_FRITEKST:
            continue
        if felt in FLERE_VERDIER:
            verdier = [v[:20] for v in post.getlist(felt)[:50]]
            if verdier:
                data[felt] = verdier
        elif post.get(felt, "").strip():
            data[felt] = post.get(felt)[:10000]
    return data


@require_POST
def lagre_utkast(request, pk):
    """Keep what is typed into a new samtale, for this user and this person only. static/js/samtale.js posts here
    as the user types (a JSON answer; not an access-log row each time: the form's page logged the opening);
    without JavaScript the form's "Lagre som utkast" button does, and comes back to the form."""
    autolagring = request.headers.get(AUTOLAGRING) == "1"
    deltaker = hent_deltaker(request, pk, rettighet=RETT, logg=not autolagring)
    skjema = reverse("oppfolging:ny_samtale", args=[deltaker.pk])
    if deltaker.er_overfort:
        if autolagring:
            return JsonResponse({"lagret": False}, status=409)
        return redirect("deltakere:sak", pk=deltaker.pk)
    data = _utkastdata(request.POST, deltaker.senter.fritekst_tillatt)
    if not data:
        if autolagring:
            return JsonResponse({"lagret": False})
        messages.info(request, "Det var ingenting å lagre i utkastet.")
        return redirect(skjema)
    utkast = services.lagre_utkast(deltaker, bruker=request.user, data=data)
    tid = timezone.localtime(utkast.oppdatert).strftime("%H:%M")
    if autolagring:
        return JsonResponse({"lagret": True, "tid": tid})
    messages.success(request, f"Utkastet er lagret kl. {tid}. Bare du ser det.")
    return redirect(f"{skjema}?utkast=fortsett")


@require_POST
def forkast_utkast(request, pk):
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    services.slett_utkast(deltaker, bruker=request.user)
    messages.info(request, "Utkastet er forkastet.")
    return redirect("oppfolging:ny_samtale", pk=deltaker.pk)


# ---------------------------------------------------------------------------
# One samtale: read, comment, mark comments read, correct
# ---------------------------------------------------------------------------


def _hent_samtale(deltaker, samtale_id):
    qs = Samtale.objects.select_related("registrert_av").prefetch_related("ansatte", "kommentarer__skrevet_av")
    return get_object_or_404(qs, pk=samtale_id, deltaker=deltaker)


def _samtaleside(request, deltaker, samtale, kommentarskjema=None, status=200):
    er_forfatter = samtale.registrert_av_id == request.user.pk
    leder = kan(request, VEILEDE, deltaker.senter_id)
    kommentarer = list(samtale.kommentarer.all()) if er_forfatter or leder else []
    if leder and deltaker.senter.fritekst_tillatt and not deltaker.er_overfort and kommentarskjema is None:
        kommentarskjema = legg_til_engangskode(KommentarForm(auto_id="kommentar_%s"))
    return render(
        request,
        "oppfolging/samtale.html",
        {
            "deltaker": deltaker,
            "samtale": samtale,
            "omrader": [livsomrader.ETTER_KODE[k].navn for k in samtale.livsomrader if k in livsomrader.ETTER_KODE],
            "kommentarer": kommentarer,
            "uleste": er_forfatter and any(k.lest is None for k in kommentarer),
            "er_forfatter": er_forfatter,
            "leder": leder,
            "kommentarskjema": kommentarskjema,
            "fritekst": deltaker.senter.fritekst_tillatt,
            "redigerbar": not deltaker.er_overfort,
        },
        status=status,
    )


@require_GET
def samtale(request, pk, samtale_id):
    """All of one samtale, who registered it, and the leder's comments (for its author and a leder). Reading it
    changes nothing: the author marks the comments read with a button."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    return _samtaleside(request, deltaker, _hent_samtale(deltaker, samtale_id))


@require_POST
def kommenter(request, pk, samtale_id):
    """A leder's comment on a samtale (faglig veiledning). Others who may read the samtale are refused (403)."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT, logg=False)
    if not kan(request, VEILEDE, deltaker.senter_id):
        raise PermissionDenied("Bare en leder kan skrive veiledningskommentarer.")
    logg_tilgang(request, deltaker, Handling.ENDRE)
    samtale = _hent_samtale(deltaker, samtale_id)
    if deltaker.er_overfort:
        messages.error(request, "Personen er overført til et annet senter. Det som er registrert her, kan bare leses.")
        return redirect(_samtaleurl(deltaker, samtale))
    form = legg_til_engangskode(KommentarForm(request.POST, auto_id="kommentar_%s"))

    def behandle():
        if not deltaker.senter.fritekst_tillatt:
            form.is_valid()
            form.errors.clear()
            form.add_error(None, f"{FRITEKST_IKKE_TILLATT} Kommentarer kan derfor ikke skrives her.")
        elif form.is_valid():
            try:
                services.kommenter_samtale(samtale, tekst=form.cleaned_data["tekst"], av=request.user)
            except ValidationError as feil:  # a refused rule: shown by the field
                legg_til_feil(form, feil)
            else:
                messages.success(request, "Kommentaren er lagret. Den som skrev samtalen, ser den.")
                return redirect(_samtaleurl(deltaker, samtale) + "#kommentarer"), True
        return _samtaleside(request, deltaker, samtale, kommentarskjema=form), False

    return en_gang(request, form, behandle)


@require_POST
def merk_lest(request, pk, samtale_id):
    """The author has read the comments on their samtale."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    samtale = _hent_samtale(deltaker, samtale_id)
    if samtale.registrert_av_id == request.user.pk:
        services.merk_kommentarer_lest(samtale, bruker=request.user)
        messages.success(request, "Kommentarene er merket som lest.")
    return redirect(_samtaleurl(deltaker, samtale) + "#kommentarer")


class EndreSamtale(Personskjema):
    form_class = EndreSamtaleForm
    tittel = "Rett samtale"
    knapp = "Lagre endringene"
    rettighet = RETT
    template_name = "oppfolging/samtale_skjema.html"
    melding = "Endringene i samtalen er lagret."

    def forhindret(self):
        self.samtale = get_object_or_404(Samtale.objects, pk=self.kwargs["samtale_id"], deltaker=self.deltaker)
        return None

    @property
    def konfliktfelter(self):
        felter = ("type", "kontaktslag", "form", "varighet", "neste_steg", "notat", "endringsfase")
        fritekst = self.deltaker.senter.fritekst_tillatt
        return [f for f in felter if fritekst or f not in SAMTALE_FRITEKST]

    def skjema_kwargs(self):
        s = self.samtale
        tid = timezone.localtime(s.tidspunkt)
        initial = {felt: getattr(s, felt) for felt in (*EndreSamtaleForm.MOTIVASJON, *SAMTALE_FRITEKST)}
        initial |= {
            "versjon": s.versjon, "type": s.type, "kontaktslag": s.kontaktslag, "dato": tid.date(),
            "klokkeslett": tid.strftime("%H:%M"), "varighet": s.varighet, "form": s.form,
            "ansatte": [b.pk for b in s.ansatte.all()], "livsomrader": s.livsomrader,
        }  # fmt: skip
        return {"deltaker": self.deltaker, "initial": initial}

    def lagre(self, form):
        ansatte = list(form.cleaned_data.get("ansatte") or [])
        services.endre_samtale(
            self.samtale, versjon=form.cleaned_data["versjon"], ansatte=ansatte or None, **form.samtaledata()
        )
        return _samtaleurl(self.deltaker, self.samtale)

    def ekstra(self):
        return {"samtale": self.samtale, "tilbake": _samtaleurl(self.deltaker, self.samtale), "ny": False}


# ---------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------


@require_GET
def samtaler(request, pk):
    """The person's samtaler, newest first, 25 a page, filtered by type (`?type=`, a code, never a name)."""
    deltaker = hent_deltaker(request, pk, rettighet=RETT)
    type_ = request.GET.get("type", "")
    if type_ not in Samtaletype.values:
        type_ = ""
    side = selectors.samtaleside(deltaker, type=type_ or None, side=request.GET.get("side") or 1)
    return render(
        request,
        "oppfolging/samtaler.html",
        {
            "deltaker": deltaker,
            "side": side,
            "type": type_,
            "filtre": f"type={type_}" if type_ else "",  # kept on the page links (a code from Samtaletype)
            "typer": Samtaletype.choices,
            "fritekst": deltaker.senter.fritekst_tillatt,
            "redigerbar": not deltaker.er_overfort,
        },
    )
