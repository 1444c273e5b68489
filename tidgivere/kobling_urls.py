"""The URLs of matching and matches (included in tidgivere/urls.py, namespace "tidgivere")."""

from django.urls import path

from .views import koblinger, matching

urlpatterns = [
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
