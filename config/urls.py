from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django_scopes import scopes_disabled

from . import views

# The admin signs in through our own sign-in page (e-mail, lockout and second factor).
admin.site.login = login_required(admin.site.login, login_url="logg_inn", redirect_field_name="neste")
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
]

handler400 = "config.views.feil_400"
handler403 = "config.views.feil_403"
handler404 = "config.views.feil_404"
handler500 = "config.views.feil_500"
