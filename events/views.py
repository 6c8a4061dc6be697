"""iCalendar downloads: ``/<lang>/<events>/calendar.ics`` (upcoming events) and
``/<lang>/<events>/<event-slug>.ics`` (one event). They are Django views rather than page routes because
Wagtail's page addresses end with a slash; the page is found through the page tree, with the
language's translated slugs, so every language's address works."""

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from .ical import calendar
from .models import EventIndexPage, EventPage

MAX_FEED_EVENTS = 500


def _route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    result = site.root_page.specific.route(request, components)
    page = result.page if hasattr(result, "page") else result[0]
    return page.specific


def _ics_response(cal, filename):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ics(request, path, name):
    index = _route(request, path)
    if not isinstance(index, EventIndexPage) or not index.live:
        raise Http404
    if name == "calendar":
        # A calendar others subscribe to: no generated sample events (their own pages say "Sample").
        events = list(EventPage.objects.upcoming().child_of(index).filter(is_sample=False)[:MAX_FEED_EVENTS])
        title = _("%(site)s: upcoming events") % {"site": "ICRtoP"}
        return _ics_response(calendar(events, request, name=title), "icrtop-events.ics")
    # Slugs are translated (an Arabic address may use the English one): any language's slug will do.
    by_slug = Q()
    for code, _name in settings.LANGUAGES:
        by_slug |= Q(**{build_localized_fieldname("slug", code): name})
    event = EventPage.objects.live().public().child_of(index).filter(by_slug).first()
    if event is None:
        raise Http404
    return _ics_response(calendar([event], request, name=event.title), f"{slugify(event.slug) or 'event'}.ics")
