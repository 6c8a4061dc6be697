"""The resources library's filters on the shared listing pattern (``core.listing``): ``type``,
``body`` (issuing body), ``topic``, ``year`` and ``page``."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.feeds import ListingFeed
from core.listing import FacetChoiceFilter, ListingFilterSet, TaxonomyFilter, YearFilter
from core.models import Topic

from .models import ResourcePage


def resources_of(index_page):
    """The library's live, public resources."""
    return ResourcePage.objects.live().public().child_of(index_page)


class ResourceFilterSet(ListingFilterSet):
    page_size = 20

    type = FacetChoiceFilter(
        field_name="resource_type", choices=ResourcePage.ResourceType.choices, label=_("Type"), note_label=_("type")
    )
    body = FacetChoiceFilter(
        field_name="issuing_body",
        choices=ResourcePage.IssuingBody.choices,
        label=_("Issued by"),
        note_label=_("issuing body"),
        show_empty=False,
    )
    topic = TaxonomyFilter(Topic.objects.all(), field_name="topics", label=_("Topic"), note_label=_("topic"))
    year = YearFilter(
        field_name="date", label=_("Year"), note_label=_("year"), all_label=pgettext_lazy("every year", "All")
    )

    class Meta:
        model = ResourcePage
        fields = []

    extra = {}
    clear_link = ""

    def display(self, queryset):
        """Newest first; with the file and the topics of the page's resources (two more queries)."""
        return (
            queryset.order_by("-date", "title", "pk")
            .select_related("document")
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.all()))
        )


def listing_context(index_page, request):
    listing = ResourceFilterSet(request.GET, queryset=resources_of(index_page))
    context = listing.context()
    context.update(
        {
            "query": listing,
            "items_page": context["results_page"],
            "items": context["results"],
            "feed_query": context["filter_query"],
        }
    )
    return context


class ResourceFeed(ListingFeed):
    def item_date(self, item):
        return (item.date, item.date_precision)


def feed(index_page, request):
    return ResourceFeed(index_page, ResourceFilterSet(request.GET, queryset=resources_of(index_page)))(request)
