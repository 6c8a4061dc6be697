from django import template
from django.utils import translation

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
    Read with the clock, as the event listing is: the page that shows them is cached no longer than a
    page is (``SITECACHE_PAGE_TIMEOUT``)."""
    from events.models import EventPage

    return list(EventPage.objects.upcoming().exclude(pk=getattr(exclude, "pk", None))[:count])
