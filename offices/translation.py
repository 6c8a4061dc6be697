"""Translated office fields: the name and opening hours. Addresses and numbers are not translated."""

from modeltranslation.translator import TranslationOptions, register

from .models import Office


@register(Office)
class OfficeTR(TranslationOptions):
    fields = ("name", "opening_hours")
