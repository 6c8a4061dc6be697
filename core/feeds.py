"""Atom feeds of listings (``<listing>/feed/``, Django's syndication framework): the listing's filters
(a ``core.listing.ListingFilterSet``) are honoured, in the active language. A listing page's route::

    @path("feed/")
    def feed(self, request):
        return NewsFeed(self, NewsFilterSet(request.GET, queryset=...))(request)
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

from .dates import DatePrecision


class ListingFeed(Feed):
    """Subclasses may override the item methods; ``listing`` is the listing's filter set."""

    feed_type = Atom1Feed
    max_items = 50

    def __init__(self, page, listing):
        super().__init__()
        self.page, self.listing = page, listing

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = get_language()
        return response

    def title(self):
        return f"{self.page.title} · ICRtoP"

    def link(self):
        return self.page.get_url(self.request) + self.listing.query_string()

    def subtitle(self):
        return getattr(self.page, "intro", "") or ""

    def feed_url(self):
        return self.request.get_full_path()

    def items(self):
        """The listing's newest items, without the generated samples (``is_sample``): a feed is an export
        read elsewhere, where the pages' "Sample" marks are not seen."""
        items = self.listing.filtered()
        if any(field.name == "is_sample" for field in items.model._meta.get_fields()):
            items = items.filter(is_sample=False)
        return list(self.listing.display(items)[: self.max_items])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_description(self, item):
        return getattr(item, "summary", "") or getattr(item, "teaser", "") or item.search_description or ""

    def item_date(self, item):
        """The content's own date and its precision (``core.dates``), e.g. an article's date; None
        when it has none (then ``<published>`` is when the page was first published)."""
        return None

    def item_pubdate(self, item):
        """Atom's ``<published>``: the content's own date. Atom wants a date and time: a date known to
        the day is given as the start of that day in UTC (``2026-03-02T00:00:00+00:00``), the least it
        can say; a date known only to the month or year gets no ``<published>`` (it is optional),
        rather than an invented day."""
        own = self.item_date(item)
        if own is None:
            return item.first_published_at
        date, precision = own
        if not date or precision != DatePrecision.DAY:
            return None
        return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        """Atom's required ``<updated>``: when the entry last changed on the site (never before its
        ``<published>``)."""
        changed = item.last_published_at or item.first_published_at
        published = self.item_pubdate(item)
        return max(changed, published) if changed and published else changed or published
