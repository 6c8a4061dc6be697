from django.urls import path

from . import follow, views

# Under the language prefix (icrtop/urls.py); the pages with the forms are Wagtail pages.
urlpatterns = [
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.newsletter_unsubscribe, name="newsletter_unsubscribe"),
    # Alerts about a crisis, a country or a topic (engagement.follow).
    path("follow/", follow.follow_page, name="follow"),
    path("follow/confirm/<str:token>/", follow.follow_confirm, name="follow_confirm"),
    path("follow/unsubscribe/<str:token>/", follow.follow_unsubscribe, name="follow_unsubscribe"),
]
