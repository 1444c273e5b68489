from django.urls import path, re_path

from . import views

app_name = "rapporter"

urlpatterns = [
    path("", views.rapport, name="rapport"),
    re_path(r"^fil\.(?P<format>pdf|csv|xlsx)$", views.fil, name="fil"),
]
