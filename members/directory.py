"""Reading the directory's filters from a query string, and the facet counts.

Parameters (all optional, all single-valued; a repeated parameter keeps its last value):
``region`` and ``sector`` (a slug in any site language), ``country`` (ISO 3166-1 code), ``type``
(``member`` or ``supporter``), ``q`` (text in the name or acronym), ``page`` (a number).
A value that cannot be used is ignored and reported in ``notes``; a page number beyond the last page
raises ``Http404``. Links are built with the active language's slugs, so the language switcher
(which keeps the query string) keeps the filters.
"""

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country
from modeltranslation.utils import build_localized_fieldname

from .collation import sort_by_collation
from .models import MemberOrganisation, Region, Sector

PAGE_SIZE = 24
MAX_VALUE_LENGTH = 200
OPTION = '<option value="{}">{}</option>'
OPTION_SELECTED = '<option value="{}" selected>{}</option>'


@functools.cache
def _country_names(language):
    with translation.override(language):
        return tuple(sort_by_collation(((code, str(name)) for code, name in countries), key=lambda pair: pair[1]))


def country_names():
    """(ISO code, name) of every country in the active language, in that language's order (cached)."""
    return _country_names(translation.get_language() or settings.LANGUAGE_CODE)


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    text: str = ""  # what the option shows: the name and the number of members it would give


@dataclass
class Facet:
    name: str
    label: str
    options: list
    selected: object = None

    def options_html(self):
        """The <option> elements (built here rather than in a template loop: a country list has
        up to 250 of them and this is several times faster)."""
        return format_html_join(
            "\n",
            "{}",
            ((format_html(OPTION_SELECTED if o.selected else OPTION, o.value, o.text),) for o in self.options),
        )


@dataclass
class DirectoryQuery:
    """The filters a visitor asked for, cleaned."""

    region: Region | None = None
    sector: Sector | None = None
    country: str = ""
    type: str = ""
    q: str = ""
    page: int = 1
    notes: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    sectors: list = field(default_factory=list)

    @classmethod
    def from_params(cls, params, regions=None, sectors=None):
        regions = list(Region.objects.all()) if regions is None else regions
        sectors = list(Sector.objects.all()) if sectors is None else sectors
        query = cls(regions=regions, sectors=sectors)
        query.region = query._taxonomy(params, "region", regions, _("region"))
        query.sector = query._taxonomy(params, "sector", sectors, _("sector"))
        country = query._text(params, "country").upper()
        if country and country in countries:
            query.country = country
        elif country:
            query._ignored(_("country"), country)
        kind = query._text(params, "type")
        if kind in MemberOrganisation.MembershipType.values:
            query.type = kind
        elif kind:
            query._ignored(_("membership type"), kind)
        query.q = " ".join(query._text(params, "q").split())
        page = query._text(params, "page")
        if page:
            if page.isascii() and page.isdigit() and int(page) >= 1:
                query.page = int(page)
            else:
                query._ignored(_("page"), page)
        return query

    # --- reading parameters ----------------------------------------------------------------

    def _text(self, params, name):
        value = params.get(name, "")
        if not isinstance(value, str):
            return ""
        if "\x00" in value:
            self.notes.append(
                _("The value given for “%(name)s” contains a NUL character; it was ignored.") % {"name": name}
            )
            return ""
        if len(value) > MAX_VALUE_LENGTH:
            self.notes.append(
                _("The value given for “%(name)s” is longer than %(max)d characters; it was ignored.")
                % {"name": name, "max": MAX_VALUE_LENGTH}
            )
            return ""
        return value.strip()

    def _ignored(self, what, value):
        shown = value if len(value) <= 40 else value[:40] + "…"
        self.notes.append(
            _("There is no %(what)s “%(value)s”; that filter was ignored.") % {"what": what, "value": shown}
        )

    def _taxonomy(self, params, name, objects, label):
        value = self._text(params, name)
        if not value:
            return None
        columns = [build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES]
        for obj in objects:
            if any(getattr(obj, column, None) == value for column in columns):
                return obj
        self._ignored(label, value)
        return None

    # --- querying -------------------------------------------------------------------------

    def members(self, without=None):
        """The directory's members with every filter applied except ``without``."""
        queryset = MemberOrganisation.objects.directory()
        if self.region and without != "region":
            queryset = queryset.in_region(self.region)
        if self.sector and without != "sector":
            queryset = queryset.in_sector(self.sector)
        if self.country and without != "country":
            queryset = queryset.in_country(self.country)
        if self.type and without != "type":
            queryset = queryset.of_type(self.type)
        if self.q:
            queryset = queryset.matching(self.q)
        return queryset

    @property
    def is_filtered(self):
        return bool(self.region or self.sector or self.country or self.type or self.q)

    def params(self, **changes):
        """The query parameters of the current filter (active-language slugs), with ``changes``."""
        values = {
            "region": self.region.slug if self.region else "",
            "sector": self.sector.slug if self.sector else "",
            "country": self.country,
            "type": self.type,
            "q": self.q,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    def query_string(self, **changes):
        params = self.params(**changes)
        return "?" + urlencode(params) if params else ""

    def facets(self):
        """Region, sector, country and type options, each with the number of members that choosing it
        would give (the other filters kept). Four GROUP BY queries, whatever the numbers, cached per
        filter until the next content change (sitecache's generation)."""
        from sitecache import generation

        def counts():
            return (
                self.members(without="region").count_by("region"),
                self.members(without="sector").count_by_sector(),
                self.members(without="country").count_by("country"),
                self.members(without="type").count_by("membership_type"),
            )

        key = (
            "directory_facets",
            translation.get_language(),
            getattr(self.region, "pk", None),
            getattr(self.sector, "pk", None),
            self.country,
            self.type,
            self.q,
        )
        by_region, by_sector, by_country, by_type = generation.cached(key, counts)
        country_options = [
            Option(code, name, by_country.get(code, 0), code == self.country)
            for code, name in country_names()
            if by_country.get(code) or code == self.country
        ]
        facets = [
            Facet(
                "region",
                _("Region"),
                [Option(r.slug, r.name, by_region.get(r.pk, 0), r == self.region) for r in self.regions],
                self.region,
            ),
            Facet(
                "sector",
                _("Sector"),
                [Option(s.slug, s.name, by_sector.get(s.pk, 0), s == self.sector) for s in self.sectors],
                self.sector,
            ),
            Facet("country", _("Country"), country_options, self.country),
            Facet(
                "type",
                _("Membership type"),
                [
                    Option(value, label, by_type.get(value, 0), value == self.type)
                    for value, label in MemberOrganisation.MembershipType.choices
                ],
                self.type,
            ),
        ]
        pattern = _("%(label)s (%(count)d)")
        for facet in facets:
            for option in facet.options:
                option.text = pattern % {"label": option.label, "count": option.count}
        return facets

    def active_filters(self):
        """(label, value, link that removes it) for each filter in use."""
        active = []
        if self.region:
            active.append((_("Region"), self.region.name, self.query_string(region="")))
        if self.sector:
            active.append((_("Sector"), self.sector.name, self.query_string(sector="")))
        if self.country:
            active.append((_("Country"), Country(self.country).name, self.query_string(country="")))
        if self.type:
            active.append(
                (_("Membership type"), MemberOrganisation.MembershipType(self.type).label, self.query_string(type=""))
            )
        if self.q:
            active.append((_("Search"), self.q, self.query_string(q="")))
        return active

    def page_of_members(self):
        """The requested page of members (``Http404`` beyond the last page)."""
        paginator = Paginator(self.members().with_display_relations(), PAGE_SIZE)
        if self.page > paginator.num_pages:
            raise Http404(_("There is no page %(number)d of this list.") % {"number": self.page})
        return paginator.page(self.page)

    def page_link(self, number):
        return self.query_string(page=number if number > 1 else "")
