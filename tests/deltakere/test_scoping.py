"""The one scoping helper: queries of centre-owned rows fail closed and stop at the user's centres."""

import pytest
from django.test import RequestFactory
from django_scopes import ScopeError, scopes_disabled

from deltakere.models import Medlemskap, Rolle, Tilgangslogg
from deltakere.scoping import senter_scope
from tests.factories import SenterFactory, ansatt, lagre


@pytest.mark.django_db
class TestScope:
    def test_a_query_without_an_active_scope_raises(
        self,
        senter,
        veileder,
    ):
        with pytest.raises(ScopeError):
            list(Medlemskap.objects.all())
        with pytest.raises(ScopeError):
            Medlemskap.objects.filter(senter=senter).count()
        with pytest.raises(ScopeError):
            Tilgangslogg.objects.exists()

    def test_it_returns_only_the_users_centres(self, senter, annet_senter, veileder, leder_annet_senter):
        with senter_scope(veileder):
            sentre = {m.senter for m in Medlemskap.objects.all()}
        assert sentre == {senter}

    def test_it_takes_several_centres_at_once(self, senter, annet_senter, veileder, leder_annet_senter):
        tredje = SenterFactory()
        ansatt(tredje, Rolle.LEDER)
        Medlemskap.objects.with_scopes_disabled().create(bruker=veileder, senter=annet_senter, rolle="sosionom")
        with senter_scope(veileder):
            sentre = {m.senter for m in Medlemskap.objects.all()}
        assert sentre == {senter, annet_senter}

    def test_a_user_without_centres_sees_nothing(self, senter, veileder, django_user_model):
        ny = django_user_model.objects.create_user("ny@medvandrer.test", navn="Ny Ansatt")
        with senter_scope(ny):
            assert list(Medlemskap.objects.all()) == []

    def test_a_former_member_sees_nothing(self, senter, veileder):
        lagre(Medlemskap.objects.with_scopes_disabled().filter(bruker=veileder), sluttet="2026-01-01")
        with senter_scope(veileder):
            assert not Medlemskap.objects.exists()

    def test_the_middleware_opens_no_scope_for_anonymous_requests(
        self,
        senter,
        veileder,
    ):
        from django.contrib.auth.models import AnonymousUser

        from deltakere.scoping import SenterScopeMiddleware

        def view(request):
            with pytest.raises(ScopeError):
                list(Medlemskap.objects.all())
            return "svar"

        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        assert SenterScopeMiddleware(view)(request) == "svar"


@pytest.mark.django_db
class TestRettigheter:
    def _request(self, bruker):
        from types import SimpleNamespace

        from deltakere.scoping import aktive_medlemskap

        return SimpleNamespace(medlemskap=aktive_medlemskap(bruker))

    def test_an_app_adds_a_right_that_differs_by_role_and_kan_answers_it(self, senter, annet_senter, monkeypatch):
        from deltakere import scoping

        monkeypatch.setattr(scoping, "RETTIGHETER", dict(scoping.RETTIGHETER))
        scoping.registrer_rettighet("oppfolging.endre_tiltaksplan", {"sosionom", "leder"})
        veileder, sosionom = ansatt(senter, Rolle.VEILEDER), ansatt(senter, Rolle.SOSIONOM)
        assert scoping.kan(self._request(sosionom), "oppfolging.endre_tiltaksplan", senter.pk)
        assert not scoping.kan(self._request(veileder), "oppfolging.endre_tiltaksplan", senter.pk)
        assert not scoping.kan(self._request(sosionom), "oppfolging.endre_tiltaksplan", annet_senter.pk)
        assert scoping.kan(self._request(veileder), "deltakere.endre", senter.pk)

    def test_a_koordinator_sees_only_the_limited_view(self, senter):
        from deltakere import scoping

        koordinator = ansatt(senter, Rolle.TIDGIVERKOORDINATOR)
        request = self._request(koordinator)
        assert scoping.kan(request, "deltakere.se_begrenset", senter.pk)
        assert not scoping.kan(request, "deltakere.se", senter.pk)
        assert not scoping.kan(request, "deltakere.endre", senter.pk)


@pytest.mark.django_db
class TestDeltakereFor:
    """`deltakere_for` says the centres once where the scope says them already, and itself everywhere else."""

    def _foresporsel(self, bruker):
        from deltakere.scoping import aktive_medlemskap

        request = RequestFactory().get("/")
        request.user = bruker
        request.medlemskap = aktive_medlemskap(bruker)
        return request

    def test_the_scope_is_the_one_filter_on_the_centre(self, senter, veileder):
        from deltakere.scoping import deltakere_for

        with senter_scope(veileder):
            sql = str(deltakere_for(self._foresporsel(veileder)).query)
        assert sql.count('"senter_id" IN') == 1, sql

    def test_with_scopes_disabled_it_still_filters_by_the_users_centres(self, senter, annet_senter, veileder):
        from deltakere.scoping import deltakere_for
        from tests.factories import DeltakerFactory

        DeltakerFactory(senter=senter, fornavn="Egen")
        DeltakerFactory(senter=annet_senter, fornavn="Fremmed")
        # A management command or a test may have switched the scope off: the helper must not trust it.
        with scopes_disabled():
            assert [d.fornavn for d in deltakere_for(self._foresporsel(veileder))] == ["Egen"]
