"""Two-factor sign-in: a signed-in user who has not passed the second factor reaches only
the pages that let them pass it (or sign out)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django_otp import user_has_device

# Pages a user may reach between password and second factor.
TILLATT_UTEN_ANDRE_FAKTOR = {"to_trinn_bekreft", "to_trinn_oppsett", "logg_ut", "helse"}


class KrevToTrinnMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match and match.url_name in TILLATT_UTEN_ANDRE_FAKTOR:
            return None
        if user_has_device(user):
            target = "to_trinn_bekreft"
        elif settings.REQUIRE_2FA:
            target = "to_trinn_oppsett"
        else:
            return None
        url = redirect(target).url
        if request.method == "GET":
            url += "?" + urlencode({"neste": request.get_full_path()})
        return redirect(url)


class IngenMellomlagringMiddleware:
    """Pages for a signed-in user are never cached: on a shared PC, Back after sign-out must not
    show a record again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not getattr(response, "streaming", False):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
