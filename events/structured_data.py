"""schema.org ``Event`` data for an event page, published as JSON-LD in the page head."""

from django.utils import translation

ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event_data(event, request=None):
    url = event.get_full_url(request)
    start = event.start_date.isoformat() if event.all_day else event.local_start.isoformat()
    end = event.last_date.isoformat() if event.all_day else event.local_end.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(event.attendance, ATTENDANCE_MODES["in-person"]),
        "inLanguage": translation.get_language(),
    }
    if url:
        data["url"] = url
    if event.summary:
        data["description"] = event.summary
    locations = []
    if event.attendance in ("in-person", "hybrid") and event.venue:
        locations.append({"@type": "Place", "name": event.venue, "address": event.venue})
    if event.attendance in ("online", "hybrid"):
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.image_id and request is not None:
        rendition = event.image.get_rendition("fill-1200x630")
        data["image"] = request.build_absolute_uri(rendition.url)
    return data
