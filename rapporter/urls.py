from django.urls import path, re_path

from . import views

app_name = "rapporter"

urlpatterns = [
    path("", views.rapporter, name="rapporter"),
    path("<int:rapport_id>/", views.rapport, name="rapport"),
    path("<int:rapport_id>/godkjenn/", views.godkjenn, name="godkjenn"),
    re_path(r"^(?P<rapport_id>[0-9]+)/rapport\.(?P<format>pdf|csv|xlsx)$", views.fil, name="fil"),
]
