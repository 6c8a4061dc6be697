"""Translated fields of the events (page title, slug, SEO title and search description are translated
by wagtail-modeltranslation itself)."""

from modeltranslation.translator import TranslationOptions, register

from .models import EventIndexPage, EventPage


@register(EventIndexPage)
class EventIndexPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("summary", "body", "venue", "organiser", "image_alt_text")
