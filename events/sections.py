"""What the events app adds to the home page (``core.sections``): the next events, those an editor
featured first (while they are still upcoming), then the soonest."""

import math

from django.utils import timezone

from core import generation
from core.sections import register_section
from sitecache import conf

from .models import EventIndexPage, EventPage

HOME_EVENTS = 2


def next_events(home, now):
    upcoming = EventPage.objects.upcoming(now).select_related("image")  # the cards' pictures
    items = getattr(home, "featured_items", None)
    ids = [item.page_id for item in items.all()] if items is not None else []
    found = {event.pk: event for event in upcoming.filter(pk__in=ids)} if ids else {}
    picked = [found[pk] for pk in ids if pk in found][:HOME_EVENTS]
    rest = list(upcoming.exclude(pk__in=[event.pk for event in picked])[: max(0, HOME_EVENTS - len(picked))])
    return {"events": picked + rest, "index": EventIndexPage.objects.live().first()}


def seconds_until_change(context, now):
    """How long the shown events stay right with no content change: until the first of them ends.

    The clock only ever removes events from "upcoming" (``end >= now``), and removing one that is not
    shown changes nothing (the featured ones come first in the editor's order, the rest are the
    soonest), so the list can only change when a shown event ends. Content changes (a new or moved
    event, a new featured item, a view restriction) bump the generation, which makes the entry
    unreachable at once. Without upcoming events, only a content change can add one."""
    longest = conf.fragment_timeout()
    ends = [event.end for event in context["events"] if event.end is not None]
    if not ends:
        return longest
    return max(1, min(longest, math.ceil((min(ends) - now).total_seconds())))


@register_section("home", order=30)
def home_events(request, home):
    now = timezone.now()
    if getattr(request, "is_preview", False) or not getattr(home, "pk", None):
        # A preview's featured items may be a draft's: never cached.
        context = next_events(home, now)
    else:
        context = generation.cached(
            ("home_events", home.pk),
            lambda: next_events(home, now),
            timeout=lambda value: seconds_until_change(value, now),
        )
    return "events/includes/home_events.html", context
