"""The register: everyone followed up at the user's centres, with search as you type, filters and pages."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deltakere.models import Bosituasjon, Deltaker, Henvisningskilde, Inntekt, Rolle, Samtykke, Status
from tests.conftest import ALLE_ROLLER
from tests.factories import BrukerFactory, DeltakerFactory, MedlemskapFactory, ansatt

URL = "/deltakere/"
FULL = [Rolle.VEILEDER, Rolle.SOSIONOM, Rolle.LEDER]


def _hent(client, **params):
    response = client.get(reverse("register"), params)
    assert response.status_code == 200
    return response.content.decode()


def _lag_mange(senter, antall, **felter):
    """Many people fast: only the fields a row needs."""
    Deltaker.objects.bulk_create(
        Deltaker(
            senter=senter,
            fornavn="Masse",
            etternavn=f"Testesen{n:04d}",
            fodselsaar=1980 + n % 30,
            bosituasjon_ved_start=Bosituasjon.EGEN_BOLIG,
            inntekt_ved_start=Inntekt.AAP,
            bosituasjon=Bosituasjon.EGEN_BOLIG,
            inntekt=Inntekt.AAP,
            henvisning_kilde=Henvisningskilde.NAV,
            henvisning_dato=date(2025, 1, 1),
            **felter,
        )
        for n in range(antall)
    )


@pytest.mark.django_db
class TestTilgang:
    def test_the_url_is_the_register(self):
        assert reverse("register") == URL

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_every_role_of_the_centre_may_open_the_list(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        assert client.get(URL).status_code == 200

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_people_of_another_centre_are_never_in_the_list(self, client, senter, annet_senter, rolle):
        DeltakerFactory(
            senter=senter, fornavn="Hemmelig", etternavn="Skjultesen", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER]
        )
        DeltakerFactory(senter=annet_senter, fornavn="Synlig", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(ansatt(annet_senter, rolle))
        for params in ({}, {"q": "Hemmelig"}, {"senter": senter.pk}, {"status": "aktiv"}):
            body = _hent(client, **params)
            assert "Skjultesen" not in body, params
        assert "Synlig" in _hent(client)

    def test_anonymous_users_are_sent_to_sign_in(self, client, db):
        response = client.get(URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("logg_inn"))

    def test_a_user_with_no_centre_gets_404(self, client, db):
        client.force_login(BrukerFactory())
        assert client.get(URL).status_code == 404

    def test_someone_who_has_left_the_centre_gets_404(self, client, senter, veileder):
        DeltakerFactory(senter=senter)
        veileder.medlemskap.update(sluttet=date(2025, 1, 1))
        client.force_login(veileder)
        assert client.get(URL).status_code == 404

    def test_it_rejects_post(self, client, veileder):
        client.force_login(veileder)
        assert client.post(URL).status_code == 405


@pytest.mark.django_db
class TestListen:
    def test_it_shows_the_count_and_a_table_with_links_to_each_person(self, client, senter, veileder):
        tiril = DeltakerFactory(senter=senter, fornavn="Tiril", kallenavn="Tulla", fodselsaar=1991)
        client.force_login(veileder)
        body = _hent(client)
        assert "1 deltaker<" in body
        assert "Tiril «Tulla» " + tiril.etternavn in body
        assert f'href="{reverse("sak", args=[tiril.pk])}"' in body
        assert "<caption" in body and 'scope="col"' in body
        assert ">1991<" in body
        assert "<h1" in body and "Deltakere" in body

        DeltakerFactory(senter=senter)
        assert "2 deltakere<" in _hent(client)

    def test_it_shows_status_and_primaerkontakt_to_full_roles(self, client, senter, veileder):
        DeltakerFactory(senter=senter, status=Status.PAUSE, primaerkontakt=veileder)
        client.force_login(veileder)
        body = _hent(client)
        assert ">Status</th>" in body and ">Primærkontakt</th>" in body
        assert "<td>Pause</td>" in body and "<td>Vegard Veileder</td>" in body

    def test_the_centre_column_shows_only_to_users_of_several_centres(self, client, senter, annet_senter, veileder):
        DeltakerFactory(senter=senter)
        client.force_login(veileder)
        assert ">Senter</th>" not in _hent(client)
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.SOSIONOM)
        DeltakerFactory(senter=annet_senter)
        body = _hent(client)
        assert ">Senter</th>" in body and annet_senter.navn in body and "2 deltakere" in body

    def test_it_says_so_when_nobody_matches(self, client, senter, veileder):
        client.force_login(veileder)
        assert "Ingen deltakere er registrert ennå" in _hent(client)
        assert "Ingen deltakere passer søket" in _hent(client, q="Finnesikke")

    @pytest.mark.parametrize("rolle", FULL)
    def test_full_roles_get_the_button_to_register_a_new_person(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        assert reverse("ny_deltaker") in _hent(client)

    def test_the_button_follows_the_role_at_the_active_centre(self, client, senter, annet_senter):
        bruker = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        MedlemskapFactory(bruker=bruker, senter=annet_senter, rolle=Rolle.VEILEDER)
        client.force_login(bruker)
        client.post(reverse("bytt_senter"), {"senter": senter.pk})
        assert reverse("ny_deltaker") not in _hent(client)
        client.post(reverse("bytt_senter"), {"senter": annet_senter.pk})
        assert reverse("ny_deltaker") in _hent(client)

    def test_the_menu_has_deltakere_marked_as_the_current_page(self, client, senter, veileder):
        client.force_login(veileder)
        body = _hent(client)
        assert f'href="{URL}" aria-current="page">Deltakere</a>' in body
        assert f'href="{URL}">Deltakere</a>' in client.get(reverse("min_oversikt")).content.decode()

    def test_the_menu_marks_deltakere_on_the_participant_pages_too(self, client, senter, veileder):
        deltaker = DeltakerFactory(senter=senter)
        client.force_login(veileder)
        for url in (reverse("ny_deltaker"), reverse("sak", args=[deltaker.pk])):
            assert f'href="{URL}" aria-current="page">Deltakere</a>' in client.get(url).content.decode(), url

    def test_a_user_with_no_centre_has_no_menu_item(self, client, db):
        client.force_login(BrukerFactory())
        assert ">Deltakere</a>" not in client.get(reverse("min_oversikt")).content.decode()


@pytest.mark.django_db
class TestSok:
    @pytest.fixture
    def personer(self, senter):
        return {
            "tiril": DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Testesen", kallenavn="Tutta"),
            "sander": DeltakerFactory(senter=senter, fornavn="Sander", etternavn="Prøvlie", kallenavn="Sandy"),
            "maja": DeltakerFactory(senter=senter, fornavn="Maja", etternavn="Testesen"),
        }

    def test_it_finds_a_person_by_kallenavn(self, client, veileder, personer):
        client.force_login(veileder)
        body = _hent(client, q="Sandy")
        assert "Prøvlie" in body and "Tiril" not in body and "1 deltaker<" in body

    def test_it_finds_by_part_of_a_first_name_whatever_the_case(self, client, veileder, personer):
        client.force_login(veileder)
        for q in ("tir", "TIRI", "iri"):
            body = _hent(client, q=q)
            assert "Tiril" in body and "Sander" not in body and "Maja" not in body, q

    def test_every_word_must_match(self, client, veileder, personer):
        client.force_login(veileder)
        body = _hent(client, q="tiril test")
        assert "Tiril" in body and "Maja" not in body and "1 deltaker<" in body
        assert "2 deltakere" in _hent(client, q="  testesen  ")

    def test_the_search_keeps_what_was_typed(self, client, veileder, personer):
        client.force_login(veileder)
        assert 'value="tiril test"' in _hent(client, q="tiril test")

    def test_a_search_too_long_shows_an_error_and_lists_everyone(self, client, veileder, personer):
        client.force_login(veileder)
        body = _hent(client, q="x" * 101)
        assert "is-invalid" in body and "3 deltakere" in body

    def test_the_form_works_without_javascript(self, client, veileder):
        client.force_login(veileder)
        body = _hent(client)
        assert 'method="get"' in body and f'action="{URL}"' in body
        assert '<button type="submit" class="btn btn-primary">Søk</button>' in body

    def test_the_search_field_searches_as_you_type(self, client, veileder):
        client.force_login(veileder)
        body = _hent(client)
        assert f'hx-get="{URL}"' in body
        assert 'hx-trigger="input changed delay:250ms, search"' in body
        assert 'hx-target="#treff"' in body
        assert 'hx-push-url' not in body  # a typed name must not land in the address bar or history
        assert 'hx-include="#registerfilter"' in body and 'id="registerfilter"' in body
        assert '<div id="treff" aria-live="polite">' in body
        assert 'hx-history="false"' in body  # no names in the browser's history cache

    def test_an_htmx_request_gets_only_the_results(self, client, veileder, personer):
        client.force_login(veileder)
        response = client.get(URL, {"q": "tiril"}, headers={"HX-Request": "true"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "Tiril" in body and "Sander" not in body and "1 deltaker<" in body
        assert "<html" not in body and "<h1" not in body and 'id="registerfilter"' not in body
        assert "HX-Request" in response["Vary"]

    def test_the_whole_page_has_vary_too(self, client, veileder):
        client.force_login(veileder)
        assert "HX-Request" in client.get(URL)["Vary"]

    def test_htmx_restoring_history_gets_the_whole_page(self, client, veileder, personer):
        client.force_login(veileder)
        response = client.get(URL, {"q": "tiril"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
        body = response.content.decode()
        assert "<html" in body and 'id="registerfilter"' in body and "Tiril" in body


@pytest.mark.django_db
class TestFiltreOgSortering:
    def test_it_filters_by_status(self, client, senter, veileder):
        DeltakerFactory(senter=senter, fornavn="Aktive", status=Status.AKTIV)
        DeltakerFactory(senter=senter, fornavn="Pauseperson", status=Status.PAUSE)
        client.force_login(veileder)
        body = _hent(client, status="pause")
        assert "Pauseperson" in body and "Aktive" not in body

    def test_it_filters_by_primaerkontakt(self, client, senter, veileder, leder):
        DeltakerFactory(senter=senter, fornavn="Vegardsen", primaerkontakt=veileder)
        DeltakerFactory(senter=senter, fornavn="Lisesen", primaerkontakt=leder)
        client.force_login(veileder)
        body = _hent(client, primaerkontakt=leder.pk)
        assert "Lisesen" in body and "Vegardsen" not in body

    def test_it_filters_by_centre_for_users_of_several(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.VEILEDER)
        DeltakerFactory(senter=senter, fornavn="Hjemme")
        DeltakerFactory(senter=annet_senter, fornavn="Borte")
        client.force_login(veileder)
        body = _hent(client, senter=annet_senter.pk)
        assert "Borte" in body and "Hjemme" not in body

    @pytest.mark.parametrize(
        "params",
        [{"status": "foo"}, {"primaerkontakt": "999999"}, {"primaerkontakt": "abc"}, {"sorter": "passord"}],
    )
    def test_invalid_filters_show_a_field_error_and_filter_nothing(self, client, senter, veileder, params):
        DeltakerFactory(senter=senter, status=Status.AKTIV)
        DeltakerFactory(senter=senter, status=Status.PAUSE)
        client.force_login(veileder)
        body = _hent(client, **params)
        assert "is-invalid" in body and "feil i skjemaet" in body
        assert "2 deltakere" in body

    def test_a_centre_of_someone_else_is_an_invalid_filter(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder)  # a second centre, so the centre filter is there
        DeltakerFactory(senter=senter)
        client.force_login(veileder)
        body = _hent(client, senter=annet_senter.pk)
        assert "is-invalid" in body and "1 deltaker<" in body

    def test_it_sorts_by_name_and_by_birth_year(self, client, senter, veileder):
        DeltakerFactory(senter=senter, fornavn="Eldre", etternavn="Bakken", fodselsaar=1960)
        DeltakerFactory(senter=senter, fornavn="Yngre", etternavn="Aasen", fodselsaar=2000)
        client.force_login(veileder)
        body = _hent(client)
        assert body.index("Aasen") < body.index("Bakken")
        body = _hent(client, sorter="-navn")
        assert body.index("Bakken") < body.index("Aasen")
        body = _hent(client, sorter="fodselsaar")
        assert body.index("Bakken") < body.index("Aasen")
        body = _hent(client, sorter="-fodselsaar")
        assert body.index("Aasen") < body.index("Bakken")


@pytest.mark.django_db
class TestSider:
    def test_it_shows_25_a_page_and_the_links_keep_the_search(self, client, senter, veileder):
        _lag_mange(senter, 30)
        client.force_login(veileder)
        body = _hent(client, q="masse")
        assert "30 deltakere" in body and body.count("Masse Testesen") == 25 and "Testesen0025" not in body
        assert "Side 1 av 2" in body
        assert 'href="?q=masse&amp;side=2"' in body
        body = _hent(client, q="masse", side="2")
        assert "Testesen0025" in body and "Testesen0024" not in body
        assert 'href="?q=masse&amp;side=1"' in body

    @pytest.mark.parametrize(
        "side, forventet",
        [("0", 1), ("-3", 1), ("abc", 1), ("2.5", 1), ("", 1), ("999999", 2), ("9" * 5000, 2)],
    )
    def test_an_invalid_page_gives_the_nearest_page(self, client, senter, veileder, side, forventet):
        _lag_mange(senter, 30)
        client.force_login(veileder)
        assert f"Side {forventet} av 2" in _hent(client, side=side)

    def test_the_number_of_queries_does_not_grow_with_the_list(self, client, senter, veileder, leder):
        MedlemskapFactory(bruker=veileder)  # a second centre: the centre column and filter too
        DeltakerFactory.create_batch(10, senter=senter, primaerkontakt=leder)
        client.force_login(veileder)

        def antall_sporringer():
            with CaptureQueriesContext(connection) as sporringer:
                _hent(client, sorter="-endret")
            return len(sporringer)

        _hent(client)  # first request of the session
        med_10 = antall_sporringer()
        _lag_mange(senter, 95, primaerkontakt=leder)
        _lag_mange(senter, 95, primaerkontakt=veileder)
        assert "200 deltakere" in _hent(client)
        assert antall_sporringer() == med_10


@pytest.mark.django_db
class TestTidgiverkoordinator:
    @pytest.fixture
    def koordinator(self, senter):
        return ansatt(senter, Rolle.TIDGIVERKOORDINATOR)

    def test_the_koordinator_sees_only_consenting_people_and_no_status(self, client, senter, koordinator, veileder):
        DeltakerFactory(
            senter=senter,
            fornavn="Deler",
            kallenavn="Delia",
            fodselsaar=1977,
            status=Status.PAUSE,
            primaerkontakt=veileder,
            samtykker=[Samtykke.Type.DELE_MED_TIDGIVER],
        )
        DeltakerFactory(senter=senter, fornavn="Privat", status=Status.PAUSE)
        client.force_login(koordinator)
        body = _hent(client)
        assert "Deler «Delia»" in body and ">1977<" in body and "1 deltaker<" in body
        assert "Privat" not in body
        assert ">Status</th>" not in body and ">Primærkontakt</th>" not in body
        assert "<td>Pause</td>" not in body and "Vegard Veileder" not in body
        assert 'name="status"' not in body and 'name="primaerkontakt"' not in body
        assert reverse("ny_deltaker") not in body

    def test_withdrawn_consent_takes_the_person_off_the_list(self, client, senter, koordinator):
        deltaker = DeltakerFactory(senter=senter, fornavn="Trekker", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(koordinator)
        assert "Trekker" in _hent(client)
        Samtykke.objects.filter(deltaker=deltaker, type=Samtykke.Type.DELE_MED_TIDGIVER).update(trukket=date.today())
        assert "Trekker" not in _hent(client)

    def test_status_filters_and_sorting_tell_the_koordinator_nothing(self, client, senter, koordinator):
        DeltakerFactory(senter=senter, fornavn="Deler", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(koordinator)
        assert "Deler" in _hent(client, status="pause")
        assert "Deler" in _hent(client, primaerkontakt=koordinator.pk)
        body = _hent(client, sorter="status")
        assert "Deler" in body and "is-invalid" in body
        assert "Sist endret" not in body

    def test_someone_with_both_roles_sees_status_only_where_they_have_full_access(
        self, client, senter, annet_senter, veileder
    ):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.TIDGIVERKOORDINATOR)
        DeltakerFactory(senter=senter, fornavn="Egen", status=Status.PAUSE)
        DeltakerFactory(
            senter=annet_senter, fornavn="Fremmed", status=Status.PAUSE, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER]
        )
        client.force_login(veileder)
        body = _hent(client)
        assert "Egen" in body and "Fremmed" in body
        assert body.count("<td>Pause</td>") == 1 and "Vises ikke for din rolle" in body
        # Filtering by status must not reveal the status of people at the koordinator's centre.
        body = _hent(client, status="pause")
        assert "Egen" in body and "Fremmed" not in body

    def test_sorting_by_status_tells_nothing_about_the_koordinators_centre(
        self, client, senter, annet_senter, veileder
    ):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.TIDGIVERKOORDINATOR)
        for etternavn, status in (("Aalesen", Status.AVSLUTTET), ("Zetlitz", Status.AKTIV)):
            DeltakerFactory(
                senter=annet_senter, etternavn=etternavn, status=status, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER]
            )
        client.force_login(veileder)
        for sorter in ("status", "-endret"):
            body = _hent(client, sorter=sorter)
            assert body.index("Aalesen") < body.index("Zetlitz"), sorter

    def test_the_koordinators_link_goes_to_the_participant_page(self, client, senter, koordinator):
        deltaker = DeltakerFactory(senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
        client.force_login(koordinator)
        assert f'href="{reverse("sak", args=[deltaker.pk])}"' in _hent(client)
