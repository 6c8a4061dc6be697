from django import template
from django.utils import timezone, translation

from core import generation
from events.formatting import event_when as when_of
from events.structured_data import event_data
from offices.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def event_when(event):
    """When ``event`` happens, in the active language (see ``events.formatting``)."""
    return when_of(event, translation.get_language())


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    return json_ld_script(event_data(event, context.get("request")))


@register.simple_tag
def other_upcoming_events(exclude=None, count=3):
    """The next live, public events but ``exclude``, soonest first (an event page's "Other events" box).
    Read once per content generation, and kept only until the first of them ends (the clock alone can
    change the list only then: ``events.sections.seconds_until_change``)."""
    from events.models import EventPage
    from events.sections import seconds_until_change

    now = timezone.now()
    pk = getattr(exclude, "pk", None)

    def load():
        return {"events": list(EventPage.objects.upcoming(now).exclude(pk=pk)[:count])}

    # Cached per content generation, and only until the first shown event ends (as the home page's).
    return generation.cached(
        ("other_upcoming_events", pk, count), load, timeout=lambda value: seconds_until_change(value, now)
    )["events"]
