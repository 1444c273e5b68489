"""The kartlegging pages as a user uses them: register one, correct it, compare two, answer a screening."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deltakere.models import Rolle, Samtykke, Senter, Tilgangslogg
from oppfolging import livsomrader
from oppfolging.models import Kartlegging, Omradevurdering, Screening
from tests.factories import DeltakerFactory, SenterFactory, ansatt
from tests.oppfolging.fabrikker import kartlegging

IDAG = date.today()


@pytest.fixture
def deltaker(senter):
    return DeltakerFactory(
        senter=senter, henvisning_dato=IDAG - timedelta(days=400), status_fra=IDAG - timedelta(days=400),
        samtykker=[Samtykke.Type.DELE_MED_TIDGIVER],
    )  # fmt: skip


def _skjema(dato=None, **endret):
    data = {"dato": (dato or IDAG).isoformat()}
    for omrade in livsomrader.LIVSOMRADER:
        data[f"{omrade.kode}_egen"] = "5"
        data[f"{omrade.kode}_hoppet_over"] = ""
    data.update(endret)
    return data


@pytest.mark.django_db
class TestNyKartlegging:
    def test_it_saves_every_area_and_goes_to_the_result(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(
            reverse("oppfolging:ny_kartlegging", args=[deltaker.pk]),
            _skjema(bolig_egen="2", bolig_ansatt="3", bolig_viktig="on", bolig_onske="Egen leilighet",
                    familie_egen="", familie_hoppet_over="vil_ikke_svare", utfort_av=veileder.pk),
        )  # fmt: skip
        assert response.status_code == 302
        k = Kartlegging.objects.with_scopes_disabled().get(deltaker=deltaker)
        assert response.url == reverse("oppfolging:kartlegging", args=[deltaker.pk, k.pk])
        bolig = Omradevurdering.objects.with_scopes_disabled().get(kartlegging=k, omrade="bolig")
        assert (bolig.egen, bolig.ansatt, bolig.viktig, bolig.onske) == (2, 3, True, "Egen leilighet")
        familie = Omradevurdering.objects.with_scopes_disabled().get(kartlegging=k, omrade="familie")
        assert (familie.egen, familie.hoppet_over) == (None, "vil_ikke_svare")
        body = client.get(response.url).content.decode()
        assert "Vil ikke svare" in body and "<svg" in body and 'role="img"' in body

    def test_an_area_neither_rated_nor_skipped_is_an_error_beside_it_and_keeps_the_rest(
        self, client, deltaker, veileder
    ):
        client.force_login(veileder)
        response = client.post(
            reverse("oppfolging:ny_kartlegging", args=[deltaker.pk]), _skjema(bolig_egen="", okonomi_egen="8")
        )
        assert response.status_code == 200
        assert response.context["form"].errors["bolig_egen"] == [
            "Bolig: velg personens egen vurdering fra 1 til 10, eller hopp over området."
        ]
        assert response.context["form"]["okonomi_egen"].value() == "8"
        assert not Kartlegging.objects.with_scopes_disabled().exists()

    def test_a_rating_outside_the_ladder_is_refused(self, client, deltaker, veileder):
        client.force_login(veileder)
        response = client.post(reverse("oppfolging:ny_kartlegging", args=[deltaker.pk]), _skjema(bolig_egen="11"))
        assert "bolig_egen" in response.context["form"].errors
        assert not Kartlegging.objects.with_scopes_disabled().exists()

    def test_a_metadata_centre_has_no_free_text_on_the_form_and_stores_none(self, client):
        senter = SenterFactory(journalform=Senter.Journalform.METADATA)
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(ansatt(senter, Rolle.SOSIONOM))
        body = client.get(reverse("oppfolging:ny_kartlegging", args=[deltaker.pk])).content.decode()
        assert "bolig_onske" not in body and 'name="kommentar"' not in body
        client.post(
            reverse("oppfolging:ny_kartlegging", args=[deltaker.pk]),
            _skjema(bolig_onske="Hemmelig ønske", kommentar="Hemmelig notat"),
        )
        k = Kartlegging.objects.with_scopes_disabled().get()
        assert k.kommentar == "" and not Omradevurdering.objects.with_scopes_disabled().exclude(onske="").exists()


@pytest.mark.django_db
class TestRettelse:
    def test_a_correction_from_an_older_version_is_refused_and_keeps_what_was_typed(
        self, client, deltaker, veileder, leder
    ):
        k = kartlegging(deltaker, IDAG - timedelta(days=2))
        url = reverse("oppfolging:endre_kartlegging", args=[deltaker.pk, k.pk])
        client.force_login(leder)
        assert client.post(url, _skjema(IDAG - timedelta(days=2), versjon=k.versjon, bolig_egen="9")).status_code == 302
        client.force_login(veileder)
        response = client.post(url, _skjema(IDAG - timedelta(days=2), versjon=k.versjon, bolig_egen="3"))
        assert response.status_code == 409
        assert response.context["form"]["bolig_egen"].value() == "3"
        assert Omradevurdering.objects.with_scopes_disabled().get(kartlegging=k, omrade="bolig").egen == 9


@pytest.mark.django_db
class TestSammenligning:
    def test_first_against_latest_by_default_and_any_two_by_choice(self, client, deltaker, veileder):
        a = kartlegging(deltaker, IDAG - timedelta(days=200), egne={"bolig": 2})
        b = kartlegging(deltaker, IDAG - timedelta(days=100), egne={"bolig": 4})
        c = kartlegging(deltaker, IDAG - timedelta(days=1), egne={"bolig": 8}, hoppet={"familie": "ikke_aktuelt"})
        client.force_login(veileder)
        url = reverse("oppfolging:kartlegginger", args=[deltaker.pk])
        response = client.get(url)
        assert (response.context["fra"], response.context["til"]) == (a, c)
        rader = {r.omrade.kode: r for r in response.context["sammenligning"].rader}
        assert rader["bolig"].endring == 6 and rader["familie"].endring is None
        response = client.get(url, {"fra": b.pk, "til": c.pk})
        assert {r.omrade.kode: r for r in response.context["sammenligning"].rader}["bolig"].endring == 4
        body = response.content.decode()
        assert "<caption>Personens egen vurdering per livsområde" in body and "ikke sammenlignet" in body

    def test_the_page_costs_the_same_queries_with_2_and_with_12_kartlegginger(self, client, senter, veileder):
        tall = []
        for antall in (2, 12):
            d = DeltakerFactory(
                senter=senter, henvisning_dato=IDAG - timedelta(days=800), status_fra=IDAG - timedelta(days=800)
            )
            for i in range(antall):
                k = kartlegging(d, IDAG - timedelta(days=10 * (antall - i)))
                Screening.objects.with_scopes_disabled().create(kartlegging=k, instrument="who5", svar={})
            client.force_login(veileder)
            for navn in ("oppfolging:kartlegginger", "deltakere:sak"):
                with CaptureQueriesContext(connection) as q:
                    assert client.get(reverse(navn, args=[d.pk])).status_code == 200
                tall.append((navn, len(q)))
        assert tall[0][1] == tall[2][1] and tall[1][1] == tall[3][1], tall


@pytest.mark.django_db
class TestScreening:
    def test_an_incomplete_questionnaire_is_saved_as_such_without_a_score(self, client, deltaker, veileder):
        k = kartlegging(deltaker)
        client.force_login(veileder)
        url = reverse("oppfolging:screening", args=[deltaker.pk, k.pk, "who5"])
        response = client.post(url, {"sporsmal_1": "5", "sporsmal_2": "4"})
        assert response.status_code == 302
        s = Screening.objects.with_scopes_disabled().get()
        assert (s.fullstendig, s.sum, s.sone) == (False, None, "")
        body = client.get(response.url.split("#")[0]).content.decode()
        assert "Ufullstendig:</strong> 2 av 5" in body

    def test_a_complete_one_states_score_zone_and_meaning_never_as_a_diagnosis(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter, kjonn="kvinne")
        k = kartlegging(deltaker)
        client.force_login(veileder)
        svar = {f"sporsmal_{nr}": "0" for nr in range(1, 12)} | {"sporsmal_1": "2"}
        response = client.post(reverse("oppfolging:screening", args=[deltaker.pk, k.pk, "dudit"]), svar)
        s = Screening.objects.with_scopes_disabled().get()
        assert (s.fullstendig, s.sum, s.sone, s.kjonn) == (True, 2, "problemer", "kvinne")
        body = client.get(response.url.split("#")[0]).content.decode()
        assert "Sum: 2</strong>" in body and "Tegn på rusrelaterte problemer" in body
        assert "Dette er et kartleggingsverktøy og ikke en diagnose." in body

    def test_an_unknown_instrument_is_404(self, client, deltaker, veileder):
        k = kartlegging(deltaker)
        client.force_login(veileder)
        assert client.get(reverse("oppfolging:screening", args=[deltaker.pk, k.pk, "ukjent"])).status_code == 404


@pytest.mark.django_db
class TestTilgang:
    def test_a_koordinator_and_another_centre_get_404_and_every_view_is_logged(
        self, client, senter, deltaker, veileder, leder_annet_senter
    ):
        k = kartlegging(deltaker)
        sider = [
            reverse("oppfolging:kartlegginger", args=[deltaker.pk]),
            reverse("oppfolging:kartlegging", args=[deltaker.pk, k.pk]),
            reverse("oppfolging:ny_kartlegging", args=[deltaker.pk]),
        ]
        for bruker in (ansatt(senter, Rolle.TIDGIVERKOORDINATOR), leder_annet_senter):
            client.force_login(bruker)
            assert [client.get(url).status_code for url in sider] == [404, 404, 404]
        client.force_login(veileder)
        for url in sider:
            client.get(url)
        assert Tilgangslogg.objects.with_scopes_disabled().filter(bruker=veileder).count() == 3
