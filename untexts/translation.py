"""Translated fields of the tracker (page title, slug, SEO title and search description are
translated by wagtail-modeltranslation itself). The symbol, dates, countries and the staff-only checks
are not translated, so the checks never reach a translation export."""

from modeltranslation.translator import TranslationOptions, register

from .models import UNText, UNTextIndexPage


@register(UNTextIndexPage)
class UNTextIndexPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(UNText)
class UNTextTR(TranslationOptions):
    fields = ("subject", "reference", "vote")
