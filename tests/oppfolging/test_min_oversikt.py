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
        body = client.get(reverse("min_oversikt")).content.decode()
        assert "<h1" in body and "Min oversikt" in body
        assert senter.navn in body and Rolle(rolle).label in body
        assert annet_senter.navn not in body

    def test_it_requires_sign_in(self, client, db):
        response = client.get(reverse("min_oversikt"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("logg_inn"))

    def test_the_leder_gets_the_staff_link_and_others_do_not(self, client, senter, leder, veileder):
        client.force_login(leder)
        assert reverse("ansatte", args=[senter.pk]) in client.get("/").content.decode()
        client.force_login(veileder)
        assert reverse("ansatte", args=[senter.pk]) not in client.get("/").content.decode()


@pytest.mark.django_db
class TestByttSenter:
    def test_it_switches_between_the_users_centres(self, client, senter, annet_senter, veileder):
        MedlemskapFactory(bruker=veileder, senter=annet_senter, rolle=Rolle.LEDER)
        client.force_login(veileder)
        body = client.get("/").content.decode()
        assert 'name="senter"' in body and "Bytt senter" in body

        client.post(reverse("bytt_senter"), {"senter": annet_senter.pk})
        body = client.get("/").content.decode()
        assert reverse("ansatte", args=[annet_senter.pk]) in body

    def test_it_refuses_a_centre_the_user_does_not_work_at(self, client, senter, annet_senter, veileder):
        client.force_login(veileder)
        response = client.post(reverse("bytt_senter"), {"senter": annet_senter.pk}, follow=True)
        assert "Velg et av sentrene" in response.content.decode()
        assert client.session.get("aktivt_senter_id") is None

    def test_it_rejects_get(self, client, veileder):
        client.force_login(veileder)
        assert client.get(reverse("bytt_senter")).status_code == 405


@pytest.mark.django_db
class TestDineDeltakere:
    def test_it_lists_the_people_the_user_follows_up(self, client, senter, veileder, leder):
        from deltakere.models import Status
        from tests.factories import DeltakerFactory

        DeltakerFactory(senter=senter, fornavn="Tiril", etternavn="Primær", primaerkontakt=veileder)
        DeltakerFactory(senter=senter, fornavn="Sander", etternavn="Sekundær", sekundaerkontakt=veileder)
        DeltakerFactory(
            senter=senter, fornavn="Maja", etternavn="Avsluttet", primaerkontakt=veileder, status=Status.AVSLUTTET
        )
        DeltakerFactory(senter=senter, fornavn="Jonas", etternavn="Andres", primaerkontakt=leder)
        client.force_login(veileder)
        body = client.get("/").content.decode()
        assert "Tiril Primær" in body and "Sander Sekundær" in body
        assert "Maja Avsluttet" not in body and "Jonas Andres" not in body

    def test_the_query_count_does_not_grow_with_the_caseload(self, client, senter, veileder):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tests.factories import DeltakerFactory

        client.force_login(veileder)
        counts = []
        for n in (2, 20):
            DeltakerFactory.create_batch(n, senter=senter, primaerkontakt=veileder)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/").status_code == 200
            counts.append(len(ctx))
        assert counts[0] == counts[1]
