"""The events listing on the shared listing pattern (``core.listing``): upcoming events first (no
``when``), past events in the archive (``when=past``); filters ``attendance``, ``topic``, ``year``
and ``page``."""

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.feeds import ListingFeed
from core.listing import FacetChoiceFilter, ListingFilterSet, TaxonomyFilter, YearFilter
from core.models import Topic

from .models import EventPage

WHEN_CHOICES = [("upcoming", _("Upcoming events")), ("past", _("Past events"))]


def events_of(index_page):
    return EventPage.objects.live().public().child_of(index_page)


class EventFilterSet(ListingFilterSet):
    page_size = 20

    when = django_filters.ChoiceFilter(choices=WHEN_CHOICES, method="by_time", label=_("time"), null_label=None)
    attendance = FacetChoiceFilter(
        field_name="attendance",
        choices=EventPage.Attendance.choices,
        label=_("Attendance"),
        note_label=_("attendance"),
        all_label=pgettext_lazy("every kind of attendance", "All"),
    )
    topic = TaxonomyFilter(Topic.objects.all(), field_name="topics", label=_("Topic"), note_label=_("topic"))
    year = YearFilter(
        field_name="start", label=_("Year"), note_label=_("year"), all_label=pgettext_lazy("every year", "All")
    )

    class Meta:
        model = EventPage
        fields = []

    def __init__(self, *args, now=None, **kwargs):
        self.now = now or timezone.now()
        super().__init__(*args, **kwargs)

    @property
    def past(self):
        return self.values.get("when") == "past"

    @property
    def extra(self):
        """Parameters the filter form keeps as hidden fields."""
        return {"when": "past"} if self.past else {}

    @property
    def clear_link(self):
        return "?when=past" if self.past else ""

    @property
    def is_filtered(self):
        return any(name != "when" for name in self.values)

    def by_time(self, queryset, name, value):
        return queryset  # applied in ``filtered`` (it also applies when no ``when`` is given)

    def filtered(self, without=None):
        queryset = super().filtered(without=without)
        if self.past:
            return queryset.filter(end__lt=self.now)
        return queryset.filter(end__gte=self.now)

    def display(self, queryset):
        """Soonest first (upcoming) or most recent first (past), with images and topics."""
        order = ("-start", "-pk") if self.past else ("start", "pk")
        return (
            queryset.order_by(*order)
            .select_related("image")
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.all()))
        )

    def active_filters(self):
        return [item for item in super().active_filters() if item[0] != str(self.filters["when"].label)]


def listing_context(index_page, request):
    listing = EventFilterSet(request.GET, queryset=events_of(index_page))
    context = listing.context()
    context.update(
        {
            "query": listing,
            "past": listing.past,
            "items_page": context["results_page"],
            "items": context["results"],
            "feed_query": listing.query_string(when=""),
        }
    )
    return context


class EventFeed(ListingFeed):
    """Upcoming events, soonest first, with the listing's filters."""

    def item_description(self, item):
        from .formatting import event_when

        when = event_when(item)
        parts = [when.dates, when.times, when.zone_text, item.where, item.summary]
        return " · ".join(part for part in parts if part)


def feed(index_page, request):
    params = request.GET.copy()
    params.pop("when", None)  # the feed is of upcoming events
    return EventFeed(index_page, EventFilterSet(params, queryset=events_of(index_page)))(request)
