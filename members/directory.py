"""The member directory's filters, on the shared listing pattern (``core.listing``).

Parameters (all optional, all single-valued; a repeated parameter keeps its last value):
``region`` and ``sector`` (a slug in any site language), ``country`` (ISO 3166-1 code; members shown
by region only are never found or counted by it), ``type``
(``member`` or ``supporter``), ``q`` (text in the name or acronym), ``page`` (a number).
A value that cannot be used is ignored and reported in ``notes``; a page number beyond the last page
raises ``Http404``.
"""

import functools

import django_filters
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from core.listing import FacetChoiceFilter, ListingFilterSet, TaxonomyFilter

from .collation import sort_by_collation
from .models import MemberOrganisation, Region, Sector

PAGE_SIZE = 24


@functools.cache
def _country_names(language):
    with translation.override(language):
        return tuple(sort_by_collation(((code, str(name)) for code, name in countries), key=lambda pair: pair[1]))


def country_names():
    """(ISO code, name) of every country in the active language, in that language's order (cached)."""
    return _country_names(translation.get_language() or settings.LANGUAGE_CODE)


class DirectoryQuery(ListingFilterSet):
    """The filters a visitor asked for, cleaned (the name is the one the directory always used)."""

    page_size = PAGE_SIZE

    region = TaxonomyFilter(
        Region.objects.all(),
        field_name="region",
        label=_("Region"),
        note_label=_("region"),
        all_label=pgettext_lazy("every region", "All"),
    )
    sector = TaxonomyFilter(
        Sector.objects.all(),
        field_name="sectors",
        label=_("Sector"),
        note_label=_("sector"),
        counter=lambda queryset: queryset.count_by_sector(),
    )
    country = FacetChoiceFilter(
        field_name="country",
        method="in_country",
        choices=country_names,
        label=pgettext_lazy("label", "Country"),
        note_label=_("country"),
        show_empty=False,
        normalise=str.upper,
        counter=lambda queryset: queryset.shown_by_country().count_by("country"),
    )
    type = FacetChoiceFilter(
        field_name="membership_type",
        choices=MemberOrganisation.MembershipType.choices,
        label=_("Membership type"),
        note_label=_("membership type"),
    )
    q = django_filters.CharFilter(method="search", label=_("Search"))

    class Meta:
        model = MemberOrganisation
        fields = []

    @classmethod
    def from_params(cls, params):
        return cls(params, queryset=MemberOrganisation.objects.directory())

    def search(self, queryset, name, value):
        return queryset.matching(value)

    def in_country(self, queryset, name, value):
        return queryset.in_country(value)

    def display(self, queryset):
        return queryset.with_display_relations()

    def members(self, without=None):
        return self.filtered(without=without)
