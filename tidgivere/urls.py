from django.urls import path

from .views import koblinger, matching, register, samlinger, tidgiver

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
    # Matching and matches: a person's suggestions, wishes and matches, the board, the hours.
    path("deltakere/<int:pk>/tidgiver/", matching.Forslag.as_view(), name="forslag"),
    path("deltakere/<int:pk>/tidgiver/onsker/", matching.Onsker.as_view(), name="onsker"),
    path("deltakere/<int:pk>/tidgiver/<int:kobling_id>/", koblinger.kobling, name="kobling"),
    path("deltakere/<int:pk>/tidgiver/<int:kobling_id>/steg/", koblinger.Steg.as_view(), name="kobling_steg"),
    path("deltakere/<int:pk>/tidgiver/<int:kobling_id>/innsjekk/", koblinger.NyInnsjekk.as_view(), name="ny_innsjekk"),
    path(
        "deltakere/<int:pk>/tidgiver/<int:kobling_id>/aktivitet/",
        koblinger.NyAktivitet.as_view(),
        name="ny_aktivitet",
    ),
    path("tavle/", matching.tavle, name="tavle"),
    path("tavle/nullstill/", matching.nullstill_tavle, name="nullstill_tavle"),
    path("timer/", koblinger.timer, name="timer"),
]
