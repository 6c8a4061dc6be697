"""Open data URLs, under each language prefix: /en/members.csv and /en/members.json."""

from django.urls import path

from . import views

urlpatterns = [
    path("members.csv", views.members_csv, name="members_csv"),
    path("members.json", views.members_json, name="members_json"),
]
