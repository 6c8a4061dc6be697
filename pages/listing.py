"""Filtering a page listing (resources, events) with GET parameters, with facet counts.

The same shape as the member directory's ``DirectoryQuery``: every parameter is optional and
single-valued; a value that cannot be used is ignored and reported in ``notes`` (shown on the page); a
page number beyond the last page is a 404. Each filter counts, for each of its options, how many items
the listing would show with that option and every other filter kept (one grouped query per filter), so
the cost of a listing does not grow with the number of items.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

MAX_VALUE_LENGTH = 200
OPTION = '<option value="{}">{}</option>'
OPTION_SELECTED = '<option value="{}" selected>{}</option>'


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def text(self):
        return f"{self.label} ({self.count})"


@dataclass
class Facet:
    name: str
    label: str
    options: list

    def options_html(self):
        return format_html_join(
            "\n",
            "{}",
            ((format_html(OPTION_SELECTED if o.selected else OPTION, o.value, o.text),) for o in self.options),
        )


class ChoiceFilter:
    """A model field with fixed choices (``type=report``)."""

    def __init__(self, name, label, field, choices):
        self.name, self.label, self.field, self.choices = name, label, field, choices

    def parse(self, value):
        return value if value in dict(self.choices) else None

    def apply(self, queryset, value):
        return queryset.filter(**{self.field: value})

    def describe(self, value):
        return str(dict(self.choices)[value])

    def options(self, queryset, selected):
        counts = dict(queryset.order_by().values_list(self.field).annotate(n=Count("pk", distinct=True)))
        return [
            Option(value, str(label), counts.get(value, 0), value == selected)
            for value, label in self.choices
            if counts.get(value) or value == selected
        ]


class TaxonomyFilter:
    """A many-to-many to an ordered taxonomy (``topic=prevention``): the slug in any site language."""

    def __init__(self, name, label, field, objects):
        self.name, self.label, self.field, self.objects = name, label, field, objects

    def parse(self, value):
        columns = [build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES]
        for obj in self.objects:
            if any(getattr(obj, column, None) == value for column in columns):
                return obj
        return None

    def apply(self, queryset, value):
        return queryset.filter(**{self.field: value})

    def describe(self, value):
        return value.name

    def options(self, queryset, selected):
        counts = dict(
            queryset.order_by()
            .filter(**{f"{self.field}__isnull": False})
            .values_list(self.field)
            .annotate(n=Count("pk", distinct=True))
        )
        return [
            Option(obj.slug, obj.name, counts.get(obj.pk, 0), selected is not None and obj.pk == selected.pk)
            for obj in self.objects
            if counts.get(obj.pk) or (selected is not None and obj.pk == selected.pk)
        ]

    def to_param(self, value):
        return value.slug


class YearFilter:
    """The year of a date or datetime field (``year=2011``), newest first."""

    def __init__(self, name, label, field):
        self.name, self.label, self.field = name, label, field

    def parse(self, value):
        if value.isascii() and value.isdigit() and len(value) == 4:
            return int(value)
        return None

    def apply(self, queryset, value):
        return queryset.filter(**{f"{self.field}__year": value})

    def describe(self, value):
        return str(value)

    def options(self, queryset, selected):
        counts = dict(
            queryset.order_by()
            .annotate(listing_year=ExtractYear(self.field))
            .values_list("listing_year")
            .annotate(n=Count("pk", distinct=True))
        )
        years = sorted(
            {year for year in counts if year is not None} | ({selected} if selected else set()), reverse=True
        )
        return [Option(str(year), str(year), counts.get(year, 0), year == selected) for year in years]


@dataclass
class ListingQuery:
    """The filters a visitor asked for, cleaned, and what they give."""

    filters: list
    page_size: int = 20
    selected: dict = field(default_factory=dict)
    page: int = 1
    notes: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # parameters kept in links (e.g. ``when=past``)

    @classmethod
    def from_params(cls, params, filters, page_size=20, extra=None):
        query = cls(filters=filters, page_size=page_size, extra=dict(extra or {}))
        for item in filters:
            value = query.text(params, item.name)
            if not value:
                continue
            parsed = item.parse(value)
            if parsed is None:
                query.ignored(item.label, value)
            else:
                query.selected[item.name] = parsed
        page = query.text(params, "page")
        if page:
            if page.isascii() and page.isdigit() and int(page) >= 1:
                query.page = int(page)
            else:
                query.ignored(_("page"), page)
        return query

    def text(self, params, name):
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

    @property
    def is_filtered(self):
        return bool(self.selected)

    def apply(self, queryset, without=None):
        for item in self.filters:
            if item.name != without and item.name in self.selected:
                queryset = item.apply(queryset, self.selected[item.name])
        return queryset

    def facets(self, queryset):
        return [
            Facet(
                item.name,
                str(item.label),
                item.options(self.apply(queryset, without=item.name), self.selected.get(item.name)),
            )
            for item in self.filters
        ]

    def page_of(self, queryset):
        """The requested page of the filtered items; 404 beyond the last page."""
        paginator = Paginator(self.apply(queryset), self.page_size)
        if self.page > max(paginator.num_pages, 1):
            raise Http404(_("There is no such page of this list."))
        return paginator.page(self.page)

    def params(self, **changes):
        values = dict(self.extra)
        for item in self.filters:
            if item.name in self.selected:
                value = self.selected[item.name]
                values[item.name] = item.to_param(value) if hasattr(item, "to_param") else str(value)
        values.update(changes)
        return {key: value for key, value in values.items() if value not in (None, "")}

    def query_string(self, **changes):
        params = self.params(**changes)
        return f"?{urlencode(params)}" if params else ""

    @property
    def clear_link(self):
        """The listing without any filter (keeping ``extra``, e.g. the archive of past events)."""
        return f"?{urlencode(self.extra)}" if self.extra else ""

    def page_link(self, number):
        return self.query_string(page=number if number > 1 else None)

    def active_filters(self):
        """(label, value shown, link without this filter) for each filter in use."""
        return [
            (str(item.label), item.describe(self.selected[item.name]), self.query_string(**{item.name: None}) or "?")
            for item in self.filters
            if item.name in self.selected
        ]

    def context(self, queryset):
        """What a listing template needs (``items_page``, ``facets``, ``notes``, links)."""
        page = self.page_of(queryset)
        return {
            "query": self,
            "facets": self.facets(queryset),
            "active_filters": self.active_filters(),
            "items_page": page,
            "items": page.object_list,
            "page_links": [
                (number, self.page_link(number))
                for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
                if isinstance(number, int)
            ],
            "previous_link": (self.page_link(page.previous_page_number()) or "?") if page.has_previous() else "",
            "next_link": self.page_link(page.next_page_number()) if page.has_next() else "",
            "feed_query": self.query_string(page=None),
        }


class ListingFeed(Feed):
    """An Atom feed of a listing page (``<listing>/feed/``) in the active language, with the listing's
    filters honoured. Subclasses give ``items_for(query)`` and may override the item methods."""

    feed_type = Atom1Feed
    max_items = 50

    def __init__(self, page, query):
        super().__init__()
        self.page, self.query = page, query

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.page.title} · ICRtoP"

    def link(self):
        return self.page.get_url(self.request) + self.query.query_string(page=None)

    def subtitle(self):
        return getattr(self.page, "intro", "") or ""

    def feed_url(self):
        return self.request.get_full_path()

    def items(self):
        return list(self.query.apply(self.items_for(self.query))[: self.max_items])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_description(self, item):
        return getattr(item, "summary", "") or item.search_description or ""

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
