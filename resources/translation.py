"""Translated fields of the resources library (page title, slug, SEO title and search description are
translated by wagtail-modeltranslation itself). ``verified`` and ``notes`` are staff-only sourcing notes
and are not translated, so they never reach a translation export."""

from modeltranslation.translator import TranslationOptions, register

from .models import ResourceIndexPage, ResourcePage


@register(ResourceIndexPage)
class ResourceIndexPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ResourcePage)
class ResourcePageTR(TranslationOptions):
    fields = ("summary", "body", "issuer_name")
