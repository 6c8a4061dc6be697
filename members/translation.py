"""Translated member fields. Names, acronyms, places and dates are proper data, not translated."""

from modeltranslation.translator import TranslationOptions, register

from .models import MemberOrganisation, Region, Sector


@register(Region)
class RegionTR(TranslationOptions):
    fields = ("name", "slug")


@register(Sector)
class SectorTR(TranslationOptions):
    fields = ("name", "slug")


@register(MemberOrganisation)
class MemberOrganisationTR(TranslationOptions):
    fields = ("description", "logo_alt_text", "steering_committee_role")
