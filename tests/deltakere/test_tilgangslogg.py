import pytest
from django.test import RequestFactory

from deltakere.models import Medlemskap, Tilgangslogg
from deltakere.tilgangslogg import logg_tilgang


@pytest.mark.django_db
class TestTilgangslogg:
    def _rad(self, leder, veileder):
        request = RequestFactory().get("/")
        request.user = leder
        return logg_tilgang(request, Medlemskap.objects.with_scopes_disabled().get(bruker=veileder))

    def test_it_records_who_opened_what_where_and_when(self, senter, leder, veileder):
        rad = self._rad(leder, veileder)
        medlemskap = Medlemskap.objects.with_scopes_disabled().get(bruker=veileder)
        assert list(Tilgangslogg.objects.with_scopes_disabled().for_objekt(medlemskap)) == [rad]
        assert rad.bruker == leder and rad.senter == senter
        assert rad.handling == Tilgangslogg.Handling.VIS
        assert rad.tidspunkt is not None

    def test_it_cannot_be_changed(self, senter, leder, veileder):
        rad = self._rad(leder, veileder)
        rad.grunn = "endret i ettertid"
        with pytest.raises(TypeError):
            rad.save()
        with pytest.raises(TypeError):
            Tilgangslogg.objects.with_scopes_disabled().filter(pk=rad.pk).update(grunn="endret")
        assert Tilgangslogg.objects.with_scopes_disabled().get(pk=rad.pk).grunn == ""

    def test_it_cannot_be_deleted(self, senter, leder, veileder):
        rad = self._rad(leder, veileder)
        with pytest.raises(TypeError):
            rad.delete()
        with pytest.raises(TypeError):
            Tilgangslogg.objects.with_scopes_disabled().all().delete()
        assert Tilgangslogg.objects.with_scopes_disabled().count() == 1

    def test_the_admin_shows_it_read_only(self, admin_client, senter, leder, veileder):
        rad = self._rad(leder, veileder)
        assert admin_client.get("/admin/deltakere/tilgangslogg/").status_code == 200
        assert admin_client.post(f"/admin/deltakere/tilgangslogg/{rad.pk}/delete/", {"post": "yes"}).status_code == 403
