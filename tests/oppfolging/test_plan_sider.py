"""The tiltaksplan pages: made from the kartlegging, small inline forms, a second editor told, the printout."""

import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from deltakere.models import Rolle, Samtykke, Senter, Tilgangslogg
from oppfolging import services
from oppfolging.models import Hovedmal, Tiltak, Tiltaksplan
from tests.factories import DeltakerFactory, SenterFactory, ansatt, i_senter
from tests.oppfolging.fabrikker import kartlegging

IDAG = date.today()


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=400), status_fra=IDAG - timedelta(days=400),
        samtykker=[Samtykke.Type.DELE_MED_TIDGIVER],
    )  # fmt: skip


def _aktiv_plan(deltaker, *mal, tiltak=1):
    with i_senter(deltaker.senter):
        plan = services.opprett_plan(
            deltaker, av=None,
            hovedmal=[{"tekst": t, "livsomrade": o, "tidgiver_kan_hjelpe": h} for t, o, h in mal]
            or [{"tekst": "Komme i jobb", "livsomrade": "arbeid"}],
        )  # fmt: skip
        services.aktiver_plan(plan, versjon=plan.versjon, dato=IDAG - timedelta(days=10))
        hovedmal = plan.hovedmal.first()
        ord_ = deltaker.senter.fritekst_tillatt
        delmal = services.legg_til_delmal(hovedmal, versjon=plan.versjon, tekst="Lage CV" if ord_ else "")
        for i in range(tiltak):
            services.legg_til_tiltak(delmal, versjon=plan.versjon, hva=f"Tiltak {i}" if ord_ else "", ansvar="deltaker")
        plan.refresh_from_db()
        return plan, delmal


@pytest.mark.django_db
class TestNyPlan:
    def test_the_areas_marked_important_are_offered_as_hovedmal_in_own_words(self, client, deltaker, veileder):
        kartlegging(deltaker, viktig=["arbeid", "bolig"])
        client.force_login(veileder)
        url = reverse("oppfolging:ny_plan", args=[deltaker.pk])
        form = client.get(url).context["form"]
        assert [o.kode for o in form.viktige] == ["bolig", "arbeid"]
        response = client.post(url, {"mal_arbeid": "on", "tekst_arbeid": "Komme i jobb", "mal_bolig": ""})
        assert response.status_code == 302
        plan = Tiltaksplan.objects.with_scopes_disabled().get()
        assert plan.status == "utkast"
        assert [(h.tekst, h.livsomrade) for h in Hovedmal.objects.with_scopes_disabled().filter(plan=plan)] == [
            ("Komme i jobb", "arbeid")
        ]
        response = client.post(reverse("oppfolging:aktiver_plan", args=[deltaker.pk, plan.pk]),
                               {"versjon": plan.versjon, "dato": IDAG.isoformat()})  # fmt: skip
        assert response.status_code == 302
        assert Tiltaksplan.objects.with_scopes_disabled().get().status == "aktiv"


@pytest.mark.django_db
class TestInline:
    def test_ticking_a_tiltak_off_inline_returns_the_row_and_dates_it(self, client, deltaker, veileder):
        plan, delmal = _aktiv_plan(deltaker)
        tiltak = Tiltak.objects.with_scopes_disabled().get()
        client.force_login(veileder)
        response = client.post(
            reverse("oppfolging:tiltak_status", args=[deltaker.pk, plan.pk, tiltak.pk]),
            {"versjon": plan.versjon, "status": "fullfort"},
            headers={"HX-Request": "true"},
        )
        body = response.content.decode()
        assert response.status_code == 200 and body.lstrip().startswith("<li") and "<html" not in body
        assert "Status er nå «fullført»." in body and f'data-planversjon="{plan.versjon + 1}"' in body
        tiltak.refresh_from_db()
        assert (tiltak.status, tiltak.status_dato) == ("fullfort", IDAG)

    def test_without_javascript_the_same_form_posts_the_page_and_returns_to_the_tiltak(
        self, client, deltaker, veileder
    ):
        plan, _ = _aktiv_plan(deltaker)
        tiltak = Tiltak.objects.with_scopes_disabled().get()
        client.force_login(veileder)
        response = client.post(
            reverse("oppfolging:tiltak_status", args=[deltaker.pk, plan.pk, tiltak.pk]),
            {"versjon": plan.versjon, "status": "pagar"},
        )
        assert response.status_code == 302 and response.url.endswith(f"#tiltak-{tiltak.pk}")

    def test_adding_a_tiltak_inline_returns_the_delmal_with_it_and_an_empty_form(self, client, deltaker, veileder):
        plan, delmal = _aktiv_plan(deltaker, tiltak=0)
        client.force_login(veileder)
        response = client.post(
            reverse("oppfolging:nytt_tiltak", args=[deltaker.pk, plan.pk, delmal.pk]),
            {"versjon": plan.versjon, "hva": "Melde meg på vikarbyrå", "ansvar": "deltaker", "frist": ""},
            headers={"HX-Request": "true"},
        )
        body = response.content.decode()
        assert response.status_code == 200 and f'id="delmal-{delmal.pk}"' in body
        assert "Melde meg på vikarbyrå" in body and 'name="hva"' in body
        assert Tiltak.objects.with_scopes_disabled().filter(delmal=delmal).count() == 1

    def test_a_second_editor_is_refused_with_the_other_change_and_keeps_what_was_typed(
        self, client, senter, deltaker, veileder
    ):
        plan, delmal = _aktiv_plan(deltaker, tiltak=1)
        apnet_ved = plan.versjon
        tiltak = Tiltak.objects.with_scopes_disabled().get()
        sosionom = ansatt(senter, Rolle.SOSIONOM, bruker__navn="Sara Sosionom")
        client.force_login(sosionom)
        client.post(reverse("oppfolging:tiltak_status", args=[deltaker.pk, plan.pk, tiltak.pk]),
                    {"versjon": apnet_ved, "status": "fullfort"})  # fmt: skip
        client.force_login(veileder)
        response = client.post(
            reverse("oppfolging:nytt_tiltak", args=[deltaker.pk, plan.pk, delmal.pk]),
            {"versjon": apnet_ved, "hva": "Ringe NAV", "ansvar": "deltaker"},
            headers={"HX-Request": "true"},
        )
        body = response.content.decode()
        assert response.status_code == 409
        assert "Noen andre har endret planen" in body and 'value="Ringe NAV"' in body
        assert "Tiltak «Tiltak 0»: status: Ikke startet → Fullført" in body and "Sara Sosionom" in body
        assert not Tiltak.objects.with_scopes_disabled().filter(hva="Ringe NAV").exists()


@pytest.mark.django_db
class TestHistorikk:
    def test_the_page_shows_the_plan_as_it_stood_on_a_date(self, client, deltaker, veileder):
        plan, _ = _aktiv_plan(deltaker)
        client.force_login(veileder)
        url = reverse("oppfolging:plan", args=[deltaker.pk])
        body = client.get(url, {"plan": plan.pk, "dato": IDAG.isoformat()}).content.decode()
        assert "Planen slik den var" in body and "Tiltak 0" in body
        body = client.get(url, {"plan": plan.pk, "dato": (IDAG - timedelta(days=500)).isoformat()}).content.decode()
        assert "Planen fantes ikke ennå på denne datoen." in body


@pytest.mark.django_db
class TestUtskrift:
    def test_the_pdf_holds_the_hovedmal_and_the_printout_is_logged_once(self, client, deltaker, veileder):
        plan, _ = _aktiv_plan(deltaker, ("Komme i jobb", "arbeid", False), ("Få egen leilighet", "bolig", False))
        client.force_login(veileder)
        response = client.get(reverse("oppfolging:plan_utskrift", args=[deltaker.pk, plan.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert deltaker.fornavn not in response["Content-Disposition"]
        tekst = "".join(side.extract_text() for side in PdfReader(io.BytesIO(response.content)).pages)
        assert "Komme i jobb" in tekst and "Få egen leilighet" in tekst and "Min tiltaksplan" in tekst
        assert list(Tilgangslogg.objects.with_scopes_disabled().values_list("handling", flat=True)) == ["utskrift"]

    def test_a_metadata_centre_types_the_words_for_the_printout_and_stores_none(self, client):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        deltaker = DeltakerFactory(senter=senter)
        plan, _ = _aktiv_plan(deltaker, ("", "arbeid", False))
        hovedmal = Hovedmal.objects.with_scopes_disabled().get()
        client.force_login(ansatt(senter, Rolle.VEILEDER))
        url = reverse("oppfolging:plan_utskrift", args=[deltaker.pk, plan.pk])
        assert "lagres ikke" in client.get(url).content.decode()
        response = client.post(url, {f"hovedmal_{hovedmal.pk}": "Komme i jobb"})
        tekst = "".join(side.extract_text() for side in PdfReader(io.BytesIO(response.content)).pages)
        assert "Komme i jobb" in tekst
        assert Hovedmal.objects.with_scopes_disabled().get().tekst == ""


@pytest.mark.django_db
class TestKoordinator:
    def test_sees_only_the_hovedmal_a_tidgiver_may_help_with(self, client, senter, deltaker):
        _aktiv_plan(deltaker, ("Komme i jobb", "arbeid", True), ("Slutte med rus", "rusmestring", False))
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        body = client.get(reverse("deltakere:sak", args=[deltaker.pk])).content.decode()
        assert "Komme i jobb" in body and "Slutte med rus" not in body and "Lage CV" not in body
        assert client.get(reverse("oppfolging:plan", args=[deltaker.pk])).status_code == 404


@pytest.mark.django_db
def test_the_plan_page_costs_the_same_queries_with_1_and_with_20_tiltak(client, senter, veileder):
    tall = []
    for antall in (1, 20):
        d = DeltakerFactory(
            senter=senter, henvisning_dato=IDAG - timedelta(days=100), status_fra=IDAG - timedelta(days=90)
        )
        _aktiv_plan(d, tiltak=antall)
        client.force_login(veileder)
        for navn in ("oppfolging:plan", "deltakere:sak"):
            with CaptureQueriesContext(connection) as q:
                assert client.get(reverse(navn, args=[d.pk])).status_code == 200
            tall.append(len(q))
    assert tall[0] == tall[2] and tall[1] == tall[3], tall
