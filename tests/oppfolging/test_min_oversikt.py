import pytest
from django.urls import reverse

from deltakere.models import Rolle
from tests.conftest import ALLE_ROLLER
from tests.factories import MedlemskapFactory, ansatt


@pytest.mark.django_db
class TestMinOversikt:
    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_it_shows_the_users_centres_and_role_honestly(self, client, senter, annet_senter, rolle):
        bruker = ansatt(senter, rolle)
        client.force_login(bruker)
        body = client.get(reverse("oppfolging:min_oversikt")).content.decode()
        assert "<h1" in body and "Min oversikt" in body
        assert senter.navn in body and Rolle(rolle).label in body
        assert annet_senter.navn not in body

    def test_it_requires_sign_in(self, client, db):
        response = client.get(reverse("oppfolging:min_oversikt"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("deltakere:logg_inn"))

    def test_the_leder_gets_the_staff_link_and_others_do_not(self, client, senter, leder, veileder):
        client.force_login(leder)
        assert reverse("deltakere:ansatte", args=[senter.pk]) in client.get("/").content.decode()
        client.force_login(veileder)
        assert reverse("deltakere:ansatte", args=[senter.pk]) not in client.get("/").content.decode()


@pytest.mark.django_db
class TestByttSenter:
    def test_it_switches_between_the_users_centres(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.LEDER)
        client.force_login(veileder)
        body = client.get("/").content.decode()
        assert 'name="senter"' in body and "Bytt senter" in body

        client.post(reverse("deltakere:bytt_senter"), {"senter": annet_senter.pk})
        body = client.get("/").content.decode()
        assert reverse("deltakere:ansatte", args=[annet_senter.pk]) in body

    def test_it_refuses_a_centre_the_user_does_not_work_at(self, client, senter, annet_senter, veileder):
        client.force_login(veileder)
        response = client.post(reverse("deltakere:bytt_senter"), {"senter": annet_senter.pk}, follow=True)
        assert "Velg et av sentrene" in response.content.decode()
        assert client.session.get("aktivt_senter_id") is None

    def test_it_rejects_get(self, client, veileder):
        client.force_login(veileder)
        assert client.get(reverse("deltakere:bytt_senter")).status_code == 405


@pytest.mark.django_db
class TestDineDeltakere:
    def test_it_lists_the_people_the_user_follows_up(self, client, senter, veileder, leder):
        from deltakere.models import Status
        from tests.factories import DeltakerFactory

        DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Primær", primaerkontakt=veileder)
        DeltakerFactory(senter=senter, fornavn="Sander", etternavn="Sekundær", andrekontakt=veileder)
        DeltakerFactory(
            senter=senter, fornavn="Maja", etternavn="Avsluttet", primaerkontakt=veileder, status=Status.AVSLUTTET
        )
        DeltakerFactory(senter=senter, fornavn="Jonas", etternavn="Andres", primaerkontakt=leder)
        client.force_login(veileder)
        body = client.get("/").content.decode()
        assert "Tiril Primær" in body and "Sander Sekundær" in body
        assert "Maja Avsluttet" not in body and "Jonas Andres" not in body

    def test_primaerkontakt_and_andre_kontakt_are_listed_apart_and_se_alle_filters_as_its_list(
        self, client, senter, veileder
    ):
        from tests.factories import DeltakerFactory

        DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Primær", primaerkontakt=veileder)
        DeltakerFactory(senter=senter, fornavn="Sander", etternavn="Sekundær", andrekontakt=veileder)
        client.force_login(veileder)
        personer = {p.deltaker.fornavn: p.rolle for p in client.get("/").context["oversikt"].personer}
        assert personer == {"Tiril": "primærkontakt", "Sander": "andre kontakt"}
        body = client.get("/").content.decode()
        se_alle = f'href="{reverse("deltakere:register")}?primaerkontakt={veileder.pk}">Se alle du er primærkontakt for'
        assert se_alle in body  # the register's filter, and the words say it is the primærkontakt list

    def test_the_query_count_does_not_grow_with_the_caseload(self, client, senter, veileder):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tests.factories import DeltakerFactory

        client.force_login(veileder)
        counts = []
        for n in (2, 20):
            DeltakerFactory.create_batch(n, senter=senter, primaerkontakt=veileder)
            DeltakerFactory.create_batch(n, senter=senter, andrekontakt=veileder)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/").status_code == 200
            counts.append(len(ctx))
        assert counts[0] == counts[1]


@pytest.mark.django_db
class TestHvaNa:
    def test_it_starts_with_a_search_that_posts_to_the_register(self, client, senter, veileder):
        client.force_login(veileder)
        body = client.get("/").content.decode()
        sok = body.index(f'<form method="post" action="{reverse("deltakere:register")}" role="search"')
        assert sok < body.index("Dine deltakere") < body.index("Sentrene dine")
        skjema = body[sok : body.index("</form>", sok)]
        assert 'name="q"' in skjema and "csrfmiddlewaretoken" in skjema

    def test_the_search_finds_people_in_the_register_without_the_name_in_the_url(self, client, senter, veileder):
        from tests.factories import DeltakerFactory

        DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Søkbar")
        client.force_login(veileder)
        response = client.post(reverse("deltakere:register"), {"q": "Søkbar"}, follow=True)
        assert "Tiril Søkbar" in response.content.decode()
        assert all("Søkbar" not in url and "S%C3%B8kbar" not in url for url, _ in response.redirect_chain)

    @pytest.mark.parametrize("rolle", ALLE_ROLLER)
    def test_registrer_ny_deltaker_is_offered_to_the_roles_that_may(self, client, senter, rolle):
        client.force_login(ansatt(senter, rolle))
        body = client.get("/").content.decode()
        kan = rolle != Rolle.TIDGIVERKOORDINATOR
        assert (f'href="{reverse("deltakere:ny_deltaker")}">Registrer ny deltaker' in body) == kan


@pytest.mark.django_db
class TestKoordinator:
    def test_the_koordinator_sees_who_shares_with_a_tidgiver_and_nothing_of_their_status(self, client, senter):
        from deltakere.models import Samtykke
        from tests.factories import DeltakerFactory

        deler = DeltakerFactory(
            senter=senter, fornavn="Dina", etternavn="Deler", samtykker=[Samtykke.Type.DELE_MED_TIDGIVER]
        )
        DeltakerFactory(senter=senter, fornavn="Ivar", etternavn="Ikkedeler")
        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        body = client.get("/").content.decode()
        assert f'href="{reverse("deltakere:sak", args=[deler.pk])}">Dina Deler</a>' in body
        assert "Ikkedeler" not in body
        assert "ser du bare personer som har samtykket" in body
        assert deler.get_status_display() not in body and "Du er ikke primærkontakt" not in body

    def test_the_query_count_does_not_grow_with_the_people_who_share(self, client, senter):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from deltakere.models import Samtykke
        from tests.factories import DeltakerFactory

        client.force_login(ansatt(senter, Rolle.TIDGIVERKOORDINATOR))
        counts = []
        for n in (2, 20):
            DeltakerFactory.create_batch(n, senter=senter, samtykker=[Samtykke.Type.DELE_MED_TIDGIVER])
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/").status_code == 200
            counts.append(len(ctx))
        assert counts[0] == counts[1]
