"""Office URLs, mounted under the language prefix (the vCard speaks the visitor's language)."""

from django.urls import path

from . import views

urlpatterns = [
    path("offices/<int:pk>.vcf", views.vcard, name="office_vcard"),
]
