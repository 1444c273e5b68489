from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as base


def krasj(request):
    raise RuntimeError("hemmelig detalj om Ola Testperson")


urlpatterns = [path("krasj/", krasj), *base]
