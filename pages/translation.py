"""Fields translated by (wagtail-)modeltranslation. Page title, slug, SEO title and search
description are translated by wagtail-modeltranslation itself."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    ContactPage,
    HistoryPage,
    HomePage,
    MemberDirectoryPage,
    RtoPExplainerPage,
    StandardPage,
    SteeringCommitteePage,
    TimelineEvent,
)

INTRO_BODY = ("intro", "body", "image_alt_text")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = INTRO_BODY + (
        "hero_heading",
        "hero_text",
        "crimes_heading",
        "calls_to_action",
        "highlights_heading",
        "highlights",
    )


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = INTRO_BODY


@register(RtoPExplainerPage)
class RtoPExplainerPageTR(TranslationOptions):
    fields = INTRO_BODY + (
        "crimes_heading",
        "crimes_intro",
        "crimes",
        "pillars_heading",
        "pillars_intro",
        "pillars",
        "measures_heading",
        "measures_intro",
        "measures",
        "use_of_force",
    )


@register(HistoryPage)
class HistoryPageTR(TranslationOptions):
    fields = INTRO_BODY + ("timeline_heading",)


@register(TimelineEvent)
class TimelineEventTR(TranslationOptions):
    fields = ("title", "text")


@register(SteeringCommitteePage)
class SteeringCommitteePageTR(TranslationOptions):
    fields = INTRO_BODY


@register(ContactPage)
class ContactPageTR(TranslationOptions):
    fields = INTRO_BODY


@register(MemberDirectoryPage)
class MemberDirectoryPageTR(TranslationOptions):
    fields = INTRO_BODY
