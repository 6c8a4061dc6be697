"""The events listing: upcoming events first (``when`` absent), past events in the archive
(``when=past``); filters ``attendance``, ``topic``, ``year`` and ``page``."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Topic
from pages.listing import ChoiceFilter, ListingFeed, ListingQuery, TaxonomyFilter, YearFilter

from .models import EventPage

PAGE_SIZE = 20


def listing_query(params, topics=None, extra=None):
    topics = list(Topic.objects.all()) if topics is None else topics
    return ListingQuery.from_params(
        params,
        [
            ChoiceFilter("attendance", _("attendance"), "attendance", EventPage.Attendance.choices),
            TaxonomyFilter("topic", _("topic"), "topics", topics),
            YearFilter("year", _("year"), "start"),
        ],
        page_size=PAGE_SIZE,
        extra=extra,
    )


def events_of(index_page, past=False, now=None):
    now = now or timezone.now()
    events = EventPage.objects.live().public().child_of(index_page)
    if past:
        return events.filter(end__lt=now).order_by("-start", "-pk")
    return events.filter(end__gte=now).order_by("start", "pk")


def listing_context(index_page, request):
    past = request.GET.get("when") == "past"
    query = listing_query(request.GET, extra={"when": "past"} if past else None)
    if request.GET.get("when") not in (None, "", "past", "upcoming"):
        query.ignored(_("time"), request.GET["when"])
    context = query.context(events_of(index_page, past=past))
    context["items"] = list(
        context["items_page"]
        .object_list.select_related("image")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.all()))
    )
    context["past"] = past
    context["other_list"] = query.query_string(when=None if past else "past", page=None) or "?"
    return context


class EventFeed(ListingFeed):
    """Upcoming events, soonest first, with the listing's filters."""

    def items_for(self, query):
        return events_of(self.page)

    def item_description(self, item):
        from .formatting import event_when

        when = event_when(item)
        parts = [when.dates, when.times, when.zone_text, item.where, item.summary]
        return " · ".join(part for part in parts if part)
