"""The one scoping helper: queries of centre-owned rows fail closed and stop at the user's centres."""

import pytest
from django.test import RequestFactory
from django_scopes import ScopeError, scope

from deltakere.models import Medlemskap, Rolle, Tilgangslogg
from deltakere.scoping import senter_scope
from tests.factories import SenterFactory, ansatt


@pytest.fixture
def uten_scope():
    """Leave the tests' whole-database scope: behave like app code with no scope opened."""
    with scope():
        yield


@pytest.mark.django_db
class TestScope:
    def test_a_query_without_an_active_scope_raises(self, senter, veileder, uten_scope):
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
        with scope():
            Medlemskap.objects.with_scopes_disabled().create(bruker=veileder, senter=annet_senter, rolle="sosionom")
            with senter_scope(veileder):
                sentre = {m.senter for m in Medlemskap.objects.all()}
        assert sentre == {senter, annet_senter}

    def test_a_user_without_centres_sees_nothing(self, senter, veileder, django_user_model):
        ny = django_user_model.objects.create_user("ny@medvandrer.test", navn="Ny Ansatt")
        with senter_scope(ny):
            assert list(Medlemskap.objects.all()) == []

    def test_a_former_member_sees_nothing(self, senter, veileder):
        Medlemskap.objects.filter(bruker=veileder).update(sluttet="2026-01-01")
        with senter_scope(veileder):
            assert not Medlemskap.objects.exists()

    def test_the_middleware_opens_no_scope_for_anonymous_requests(self, senter, veileder, uten_scope):
        from django.contrib.auth.models import AnonymousUser

        from deltakere.scoping import SenterScopeMiddleware

        def view(request):
            with pytest.raises(ScopeError):
                list(Medlemskap.objects.all())
            return "svar"

        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        assert SenterScopeMiddleware(view)(request) == "svar"
