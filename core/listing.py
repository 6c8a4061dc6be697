"""One pattern for every public listing (member directory, crises, news, resources, events).

A listing is a django-filter ``FilterSet`` subclass of ``ListingFilterSet`` built from the request's
GET parameters. Every parameter is single-valued (a repeated one keeps its last value) and combinable
with the others; the page number is ``page``. A value that cannot be used (unknown slug or choice,
a NUL character, more than ``MAX_VALUE_LENGTH`` characters, a page that is not a number) is
ignored and reported in ``notes`` (the template shows them in a ``role="status"`` box); a page
beyond the last one raises ``Http404``. Nothing a visitor types can give a 500.

Facets (``<select>`` options with the number of results choosing them would give, the other filters
kept) come from the filters that know how to count (``FacetMixin``): one GROUP BY query each,
whatever the number of rows. Links are built with the active language's slugs, so the language
switcher (which keeps the query string) keeps the filters.

Usage (see ``members/filters.py`` and ``publishing/filters.py``)::

    class NewsFilterSet(ListingFilterSet):
        topic = TaxonomyFilter(Topic.objects.all(), field_name="topics", label=_("Topic"), note_label=_("topic"))
        year = YearFilter(field_name="date", label=_("Year"))

    listing = NewsFilterSet(request.GET, queryset=ArticlePage.objects.live())
    context = listing.context(page_size=20)
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core import generation

MAX_VALUE_LENGTH = 200
PAGE_PARAM = "page"
OPTION = '<option value="{}">{}</option>'
OPTION_SELECTED = '<option value="{}" selected>{}</option>'


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    text: str = ""  # what the option shows: the label and the number of results


@dataclass
class Facet:
    name: str
    label: str
    options: list
    selected: object = None
    all_label: str = ""  # the option that removes the filter: "All", or its own wording ("Toutes" a region)

    html: str = ""  # the options' HTML once built (stored with the facets, ``ListingFilterSet.facets``)

    def options_html(self):
        """The <option> elements (built here rather than in a template loop: a country list has up to
        250 of them and this is several times faster)."""
        if self.html:
            return self.html
        return format_html_join(
            "\n",
            "{}",
            ((format_html(OPTION_SELECTED if o.selected else OPTION, o.value, o.text),) for o in self.options),
        )


def _sql_of(queryset):
    """The SQL of ``queryset`` (a cache key part), or None when it has none (an empty ``none()``)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # noqa: BLE001 - EmptyResultSet and the like: not cached
        return None
    if any(isinstance(param, datetime.datetime) for param in params):
        return None  # depends on the clock (upcoming events): a new key every request would only fill the cache
    return f"{sql} {params!r}"


def count_by(queryset, field):
    """{value: number of rows} for one field or lookup (one GROUP BY query)."""
    rows = queryset.order_by().values(field).annotate(n=models.Count("pk", distinct=True))
    return {row[field]: row["n"] for row in rows}


class FacetMixin:
    """A filter shown as a <select> with counts. ``note_label`` names it in a note ("There is no
    region “x”"); ``counter(queryset)`` may replace the default GROUP BY on ``field_name``;
    ``all_label`` is the option for no filter when "All" must agree with the filter's name in some
    language (French "Toutes" for a region): ``pgettext_lazy("every region", "All")``."""

    def __init__(self, *args, note_label=None, counter=None, all_label=None, **kwargs):
        self.note_label = note_label
        self.counter = counter
        self.all_label = all_label
        super().__init__(*args, **kwargs)

    def counts(self, queryset):
        return self.counter(queryset) if self.counter else count_by(queryset, self.field_name)

    def options(self, counts, selected):
        """The options, given ``counts`` ({value: number of results}, from ``counts(queryset)``)."""
        raise NotImplementedError

    def param_value(self, value):
        return "" if value in (None, "") else str(value)

    def display_value(self, value):
        return str(value)


class AnyLanguageSlugField(forms.Field):
    """A record of a small taxonomy (regions, sectors, topics…) chosen by its slug in any site language.
    The records are read once (one query) and matched in Python."""

    def __init__(self, *, objects, **kwargs):
        self.objects = objects
        super().__init__(**kwargs)

    def clean(self, value):
        if value in (None, ""):
            return None
        columns = [build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES]
        for obj in self.objects():
            if obj.slug == value or any(getattr(obj, column, None) == value for column in columns):
                return obj
        raise ValidationError("unknown", code="invalid_choice")


class TaxonomyFilter(FacetMixin, django_filters.Filter):
    """A foreign key or many-to-many to a taxonomy (``OrderedTaxonomy``), by slug in any language."""

    def __init__(self, queryset, *args, label_attr="name", **kwargs):
        self.queryset = queryset
        self.label_attr = label_attr
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = AnyLanguageSlugField(objects=self.objects, label=self.label, required=False)
        return self._field

    def objects(self):
        if not hasattr(self, "_objects"):
            # The taxonomy's records (every language's columns), read once per content generation.
            self._objects = generation.cached(
                ("listing_taxonomy", self.queryset.model._meta.label, _sql_of(self.queryset)),
                lambda: list(self.queryset.all()),
            )
        return self._objects

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{self.field_name: value})

    def options(self, counts, selected):
        return [
            Option(obj.slug, getattr(obj, self.label_attr), counts.get(obj.pk, 0), obj == selected)
            for obj in self.objects()
        ]

    def param_value(self, value):
        return value.slug if value else ""

    def display_value(self, value):
        return getattr(value, self.label_attr)


class FacetChoiceFilter(FacetMixin, django_filters.ChoiceFilter):
    """A field with fixed choices (membership type, article kind, crisis status…). ``show_empty``
    False hides the options no result has (long lists such as countries)."""

    def __init__(self, *args, show_empty=True, normalise=None, **kwargs):
        self.show_empty = show_empty
        self.normalise = normalise
        kwargs.setdefault("null_label", None)
        super().__init__(*args, **kwargs)

    def choices(self):
        choices = self.extra["choices"]
        return choices() if callable(choices) else choices

    def options(self, counts, selected):
        return [
            Option(value, str(label), counts.get(value, 0), value == selected)
            for value, label in self.choices()
            if self.show_empty or counts.get(value) or value == selected
        ]

    def display_value(self, value):
        return str(dict(self.choices()).get(value, value))


class CountriesFilter(FacetChoiceFilter):
    """A country among several (a ``CountryField(multiple=True)``, stored as ``SD,SS``): ``?country=SD``.
    Codes are upper-cased; the options are the countries that have results. The counts read the
    column once (one query) and split it in Python, since a GROUP BY cannot."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("show_empty", False)
        kwargs.setdefault("normalise", str.upper)
        kwargs.setdefault("lookup_expr", "contains")
        super().__init__(*args, **kwargs)

    def counts(self, queryset):
        counts = {}
        for value in queryset.order_by().values_list(self.field_name, flat=True):
            codes = value.split(",") if isinstance(value, str) else [str(code) for code in value or []]
            for code in dict.fromkeys(code for code in codes if code):
                counts[code] = counts.get(code, 0) + 1
        return counts


class YearFilter(FacetMixin, django_filters.NumberFilter):
    """The year of a date field (``?year=2024``); options are the years that have results, newest first."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        super().__init__(*args, **kwargs)
        self.extra.setdefault("min_value", 1)
        self.extra.setdefault("max_value", 9999)

    def counts(self, queryset):
        rows = (
            queryset.order_by()
            .annotate(listing_year=ExtractYear(self.field_name))
            .values("listing_year")
            .annotate(n=models.Count("pk", distinct=True))
        )
        return {row["listing_year"]: row["n"] for row in rows if row["listing_year"]}

    def options(self, counts, selected):
        years = sorted(set(counts) | ({selected} if selected else set()), reverse=True)
        return [Option(str(year), str(year), counts.get(year, 0), year == selected) for year in years]


class ListingFilterSet(django_filters.FilterSet):
    """Base of every public listing's filters. Subclasses declare filters (facets are those mixing in
    ``FacetMixin``), and may override ``display`` (ordering, related rows) and ``search_param``."""

    page_size = 20
    extra = {}  # hidden parameters the filter form keeps (includes/listing_controls.html)
    clear_link = ""  # the query string of the unfiltered list
    # Parameters that are free text (never "unknown"): cleaned of NUL and length only.
    text_params = ("q",)

    def __init__(self, data=None, queryset=None, **kwargs):
        self.notes = []
        self.page_number = 1
        self.raw = {}
        data = self._read(data or {})
        super().__init__(data=data, queryset=queryset, **kwargs)

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

    def ignored(self, what, value):
        shown = value if len(value) <= 40 else value[:40] + "…"
        self.notes.append(
            _("There is no %(what)s “%(value)s”; that filter was ignored.") % {"what": what, "value": shown}
        )

    def _read(self, params):
        data = {}
        for name, flt in self.base_filters.items():
            value = self._text(params, name)
            normalise = getattr(flt, "normalise", None)
            if value and normalise:
                value = normalise(value)
            if name in self.text_params:
                value = " ".join(value.split())
            if value:
                data[name] = value
        self.raw = dict(data)
        page = self._text(params, PAGE_PARAM)
        if page:
            if page.isascii() and page.isdigit() and int(page) >= 1:
                self.page_number = int(page)
            else:
                self.ignored(_("page"), page)
        return data

    @cached_property
    def values(self):
        """The usable filter values ({name: cleaned value}); bad ones are noted and dropped."""
        self.form.is_valid()
        for name in self.form.errors:
            flt = self.filters[name]
            label = getattr(flt, "note_label", None) or str(flt.label or name).lower()
            self.ignored(label, self.raw.get(name, ""))
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}

    @property
    def is_filtered(self):
        return bool(self.values)

    # --- querying -------------------------------------------------------------------------

    def filtered(self, without=None):
        """The rows with every usable filter applied except ``without``."""
        queryset = self.queryset.all()
        for name, value in self.values.items():
            if name != without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self):
        return self.filtered()

    def display(self, queryset):
        """What a page of results shows, in order, in a fixed number of queries (override)."""
        return queryset

    def facet_counts(self, name, flt):
        """``flt``'s counts with the other filters applied: one GROUP BY query, cached per content
        generation under the listing's rows and the other filters' values (they are the same in every
        language, so one entry serves the six)."""
        others = self._value_key(without=name)
        queryset = self.filtered(without=name)
        base = self.base_sql
        if base is None or any(other in self.text_params for other, _value in others):
            return flt.counts(queryset)  # free text typed by visitors is not a cache key
        key = ("listing_facet", type(self).__module__, type(self).__qualname__, base, name, others)
        return generation.cached(key, lambda: flt.counts(queryset))

    @cached_property
    def base_sql(self):
        """The SQL of the unfiltered rows (part of every cache key of this listing), compiled once."""
        return _sql_of(self.queryset)

    def cache_parts(self, *parts):
        """A cache key for something that depends on every filter value, or None when free text is
        among them (what visitors type is not a cache key) or the rows have no SQL."""
        if self.base_sql is None or any(name in self.text_params for name in self.values):
            return None
        return (*parts, type(self).__module__, type(self).__qualname__, self.base_sql, self._value_key())

    def _value_key(self, without=None):
        """The filter values as sorted (name, parameter) pairs, the same in every language."""
        return tuple(
            sorted(
                (name, self.filters[name].param_value(value))
                if isinstance(self.filters[name], FacetMixin)
                else (name, str(value))
                for name, value in self.values.items()
                if name != without
            )
        )

    def facets(self):
        """Each facet filter's options with counts (one GROUP BY query each, cached per generation)
        and their HTML, cached per generation, filter values and language."""
        key = self.cache_parts("listing_facets", translation.get_language())
        if key is None:
            return self._facets()
        return generation.cached(key, self._facets)

    def _facets(self):
        facets = []
        pattern = _("%(label)s (%(count)d)")
        for name, flt in self.filters.items():
            if not isinstance(flt, FacetMixin):
                continue
            selected = self.values.get(name)
            options = flt.options(self.facet_counts(name, flt), selected)
            for option in options:
                option.text = pattern % {"label": option.label, "count": option.count}
            facet = Facet(name, str(flt.label), options, selected, str(flt.all_label or _("All")))
            facet.html = facet.options_html()
            facets.append(facet)
        return facets

    def active_filters(self):
        """(label, value shown, query string that removes it) for each filter in use."""
        active = []
        for name, value in self.values.items():
            flt = self.filters[name]
            shown = flt.display_value(value) if isinstance(flt, FacetMixin) else str(value)
            active.append((str(flt.label), shown, self.query_string(**{name: ""})))
        return active

    def params(self, **changes):
        """The query parameters of the current filter (active-language slugs), with ``changes``."""
        values = {}
        for name, flt in self.filters.items():
            value = self.values.get(name)
            values[name] = flt.param_value(value) if isinstance(flt, FacetMixin) else (value or "")
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", None)}

    def query_string(self, **changes):
        params = self.params(**changes)
        return "?" + urlencode(params) if params else ""

    # --- paging ---------------------------------------------------------------------------

    def page(self, page_size=None):
        """The requested page of results (``Http404`` beyond the last page)."""
        paginator = Paginator(self.display(self.filtered()), page_size or self.page_size)
        key = self.cache_parts("listing_count")
        if key is not None:
            # The number of results (a COUNT over every row), once per generation and filter values.
            paginator.count = generation.cached(key, lambda: self.filtered().count())
        if self.page_number > paginator.num_pages:
            raise Http404(_("There is no page %(number)d of this list.") % {"number": self.page_number})
        page = paginator.page(self.page_number)
        key = self.cache_parts("listing_rows", self.page_number, paginator.per_page)
        if key is not None:
            # The page's rows with the relations ``display`` loads, once per generation and filter values.
            rows = page.object_list
            page.object_list = generation.cached(key, lambda: list(rows))
        return page

    def page_link(self, number):
        return self.query_string(page=number if number > 1 else "")

    def context(self, page_size=None):
        """What a listing template needs: ``listing``, ``facets``, ``active_filters``, ``results_page``,
        ``results``, ``page_links``, ``previous_link``, ``next_link`` and ``filter_query`` (the
        current filter as a query string, for the feed and data links)."""
        page = self.page(page_size)
        return {
            "listing": self,
            "facets": self.facets(),
            "active_filters": self.active_filters(),
            "results_page": page,
            "results": page.object_list,
            "page_links": [
                (number, self.page_link(number))
                for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
                if isinstance(number, int)
            ],
            "previous_link": self.page_link(page.previous_page_number()) if page.has_previous() else "",
            "next_link": self.page_link(page.next_page_number()) if page.has_next() else "",
            "filter_query": self.query_string(),
        }
