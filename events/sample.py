"""Sample events for development, tests and benchmarks (past and upcoming): generated, flagged
``is_sample`` and marked "Sample" in their titles, never loaded by ``make run`` and left out of exports
and the sitemap.

``create(count)`` adds them under the events section; ``delete()`` removes every one of them."""

import datetime

from django.utils import timezone

from .models import EventIndexPage, EventPage

ZONES = ["America/New_York", "Europe/Amsterdam", "Africa/Nairobi", "Asia/Bangkok", "UTC"]
ATTENDANCE = [choice for choice, _label in EventPage.Attendance.choices]


def create(count=10, index=None):
    """``count`` sample events, half of them past, half upcoming. Returns the pages created."""
    index = index or EventIndexPage.objects.first()
    if index is None:
        return []
    today = timezone.localdate()
    created = []
    start = EventPage.objects.filter(is_sample=True).count()
    for number in range(start + 1, start + count + 1):
        offset = (number * 17) % 200 + 1
        day = today + datetime.timedelta(days=offset if number % 2 else -offset)
        all_day = number % 5 == 0
        attendance = ATTENDANCE[number % len(ATTENDANCE)]
        page = EventPage(
            title=f"Sample event {number}",
            slug=f"sample-event-{number}",
            start_date=day,
            start_time=None if all_day else datetime.time(9 + number % 8, 0),
            end_date=day + datetime.timedelta(days=1) if all_day else None,
            end_time=None if all_day else datetime.time(11 + number % 8, 30),
            time_zone=ZONES[number % len(ZONES)],
            attendance=attendance,
            venue="" if attendance == EventPage.Attendance.ONLINE else "Sample venue",
            online_url="https://example.org/sample-meeting" if attendance != EventPage.Attendance.IN_PERSON else "",
            summary="Generated sample text for development; not a real event.",
            is_sample=True,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created.append(page)
    return created


def delete():
    """Remove every sample event. Returns how many were removed."""
    pages = list(EventPage.objects.filter(is_sample=True))
    for page in pages:
        page.delete()
    return len(pages)
