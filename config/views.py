"""Pages that belong to no domain app: the health check and the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
@never_cache
def helse(request):
    """For load balancers and monitoring: 200 when the app can reach its database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "feil", "database": "utilgjengelig"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def feil_400(request, exception=None):
    return defaults.bad_request(request, exception, template_name="400.html")


def feil_403(request, exception=None):
    return defaults.permission_denied(request, exception, template_name="403.html")


def feil_404(request, exception=None):
    return defaults.page_not_found(request, exception, template_name="404.html")


def feil_500(request):
    # No context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
