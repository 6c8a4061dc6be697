"""Translated fields of the publishing types (page title, slug, SEO title and search description are
translated by wagtail-modeltranslation itself). Names of countries come from django-countries."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    ArticleAttachment,
    ArticlePage,
    CrisisDevelopment,
    CrisisIndexPage,
    CrisisLevel,
    CrisisLevelChange,
    CrisisPage,
    NewsIndexPage,
)


@register(CrisisIndexPage)
class CrisisIndexPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(NewsIndexPage)
class NewsIndexPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(CrisisLevel)
class CrisisLevelTR(TranslationOptions):
    fields = ("name", "slug", "description")


@register(CrisisPage)
class CrisisPageTR(TranslationOptions):
    fields = ("summary", "body", "risk_factors", "recommended_actions", "image_alt_text")


@register(CrisisLevelChange)
class CrisisLevelChangeTR(TranslationOptions):
    fields = ("reason",)


@register(CrisisDevelopment)
class CrisisDevelopmentTR(TranslationOptions):
    fields = ("title", "text")


@register(ArticlePage)
class ArticlePageTR(TranslationOptions):
    fields = ("teaser", "body", "image_alt_text")


@register(ArticleAttachment)
class ArticleAttachmentTR(TranslationOptions):
    fields = ("title",)
