"""What the events app adds to the home page (``core.sections``): the next events, those an editor
featured first (while they are still upcoming), then the soonest."""

from core.sections import register_section

from .models import EventIndexPage, EventPage

HOME_EVENTS = 2


@register_section("home", order=30)
def home_events(request, home):
    upcoming = EventPage.objects.upcoming()
    items = getattr(home, "featured_items", None)
    ids = [item.page_id for item in items.all()] if items is not None else []
    found = {event.pk: event for event in upcoming.filter(pk__in=ids)}
    picked = [found[pk] for pk in ids if pk in found][:HOME_EVENTS]
    rest = list(upcoming.exclude(pk__in=[event.pk for event in picked])[: max(0, HOME_EVENTS - len(picked))])
    index = EventIndexPage.objects.live().first()
    return "events/includes/home_events.html", {"events": picked + rest, "index": index}
