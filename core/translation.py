"""Translated fields of the shared models."""

from modeltranslation.translator import TranslationOptions, register

from .models import Topic


@register(Topic)
class TopicTR(TranslationOptions):
    fields = ("name", "slug")
