"""The URLs of the app plus the empty page the benchmarks compare every page with.

The empty page is a signed-in page with nothing on it: the base layout (menu, centre, the idle
lock's panel) rendered through the whole middleware, and no query of its own. What a page costs
beyond it is the page's own work. Used only by the benchmarks and the test that counts its queries
(tests/config/test_tom_side.py), never by the app: `ROOT_URLCONF=benchmarks.urls`.
"""

from django.shortcuts import render
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as app


def tom_side(request):
    return render(request, "base.html")


urlpatterns = [path("benchmark/tom-side/", tom_side, name="tom_side"), *app]
