from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path
from django_scopes import scopes_disabled

from . import views


def _admin_login(request, extra_context=None):
    """The admin has no sign-in of its own: everyone signs in on our page (e-mail, lockout, second factor).

    A signed-in user who is not a superuser gets 403, never a second login form.
    """
    neste = request.GET.get("next") or "/admin/"
    if not request.user.is_authenticated:
        return redirect_to_login(neste)
    if not request.user.is_superuser:
        raise PermissionDenied
    return redirect(neste if neste.startswith("/") and not neste.startswith("//") else "/admin/")


admin.site.login = _admin_login
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
_admin_view = admin.site.admin_view


def _admin_view_whole_database(view, cacheable=False):
    """Superusers administer every centre: admin views run with the centre scope disabled."""
    guarded = _admin_view(view, cacheable)

    def inner(request, *args, **kwargs):
        with scopes_disabled():
            return guarded(request, *args, **kwargs)

    return inner


admin.site.admin_view = _admin_view_whole_database
admin.site.site_header = "Medvandrer – administrasjon"
admin.site.site_title = "Medvandrer"
admin.site.index_title = "Sentre, ansatte og tilgang"

urlpatterns = [
    path("helse/", views.helse, name="helse"),
    path("admin/", admin.site.urls),
    path("", include("deltakere.urls")),
    path("", include("oppfolging.urls")),
    path("tidgivere/", include("tidgivere.urls")),
    path("rapporter/", include("rapporter.urls")),
]

handler400 = "config.views.feil_400"
handler403 = "config.views.feil_403"
handler404 = "config.views.feil_404"
handler500 = "config.views.feil_500"
