from django.urls import path

from . import views

# Under the language prefix (icrtop/urls.py); the pages with the forms are Wagtail pages.
urlpatterns = [
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.newsletter_unsubscribe, name="newsletter_unsubscribe"),
]
