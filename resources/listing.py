"""The resources library's filters: ``type``, ``body``, ``topic``, ``year`` and ``page``."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.models import Topic
from pages.listing import ChoiceFilter, ListingFeed, ListingQuery, TaxonomyFilter, YearFilter

from .models import ResourcePage

PAGE_SIZE = 20


def resources_of(index_page):
    """The library's live, public resources, newest first."""
    return ResourcePage.objects.live().public().child_of(index_page).order_by("-date", "title")


def listing_query(params, topics=None):
    topics = list(Topic.objects.all()) if topics is None else topics
    return ListingQuery.from_params(
        params,
        [
            ChoiceFilter("type", _("type"), "resource_type", ResourcePage.ResourceType.choices),
            ChoiceFilter("body", _("issued by"), "issuing_body", ResourcePage.IssuingBody.choices),
            TaxonomyFilter("topic", _("topic"), "topics", topics),
            YearFilter("year", _("year"), "date"),
        ],
        page_size=PAGE_SIZE,
    )


def listing_context(index_page, request):
    query = listing_query(request.GET)
    queryset = resources_of(index_page)
    context = query.context(queryset)
    # The page's resources with their topics in two queries, whatever the page size.
    context["items"] = list(
        context["items_page"]
        .object_list.select_related("document")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.all()))
    )
    return context


class ResourceFeed(ListingFeed):
    def items_for(self, query):
        return resources_of(self.page)
