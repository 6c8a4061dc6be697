"""Translated page fields of the form pages (the records hold what visitors typed: not translated)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ContactFormPage, MembershipApplicationPage, NewsletterPage, PrivacyNoticePage


@register(MembershipApplicationPage)
class MembershipApplicationPageTR(TranslationOptions):
    fields = ("intro", "body", "thank_you")


@register(ContactFormPage)
class ContactFormPageTR(TranslationOptions):
    fields = ("intro", "body", "thank_you")


@register(NewsletterPage)
class NewsletterPageTR(TranslationOptions):
    fields = ("intro", "body", "thank_you")


@register(PrivacyNoticePage)
class PrivacyNoticePageTR(TranslationOptions):
    fields = ("intro", "body")
