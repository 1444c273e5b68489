from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as base


@login_not_required
def krasj(request):
    raise RuntimeError("hemmelig detalj om Ola Testperson")


urlpatterns = [path("krasj/", krasj), *base]
