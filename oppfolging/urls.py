from django.urls import path

from . import views

urlpatterns = [
    path("", views.min_oversikt, name="min_oversikt"),
]
