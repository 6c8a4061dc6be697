"""Atom feeds of listings (``<listing>/feed/``, Django's syndication framework): the listing's filters
(a ``core.listing.ListingFilterSet``) are honoured, in the active language. A listing page's route::

    @path("feed/")
    def feed(self, request):
        return NewsFeed(self, NewsFilterSet(request.GET, queryset=...))(request)
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language


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
        return list(self.listing.display(self.listing.filtered())[: self.max_items])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_description(self, item):
        return getattr(item, "summary", "") or getattr(item, "teaser", "") or item.search_description or ""

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
