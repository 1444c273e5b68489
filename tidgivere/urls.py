from django.urls import path

from . import kobling_urls
from .views import register, samlinger, tidgiver

app_name = "tidgivere"

urlpatterns = [
    path("", register.register, name="register"),
    path("ny/", tidgiver.ny_tidgiver, name="ny"),
    path("politiattester/", register.fornyelse, name="fornyelse"),
    path("<int:tidgiver_id>/", tidgiver.tidgiver, name="tidgiver"),
    path("<int:tidgiver_id>/endre/", tidgiver.EndreTidgiver.as_view(), name="endre"),
    path("<int:tidgiver_id>/status/", tidgiver.EndreStatus.as_view(), name="status"),
    path("samlinger/", samlinger.samlinger, name="samlinger"),
    path("samlinger/ny/", samlinger.ny_samling, name="ny_samling"),
    path("samlinger/<int:samling_id>/", samlinger.oppmote, name="oppmote"),
]
urlpatterns += kobling_urls.urlpatterns  # matching and matches (tidgivere/kobling_urls.py)
