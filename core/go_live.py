"""When an approved page or record is scheduled to go live, said the same way to the moderator who
approves it (the message after "Approve") and to the author told of the approval (Wagtail's "approved"
mail, ``templates/wagtailadmin/notifications/workflow_state_approved.*``): the date, the time and the
time zone, in the reader's language and time zone."""

import zoneinfo

from django.conf import settings
from django.utils import formats, timezone


def scheduled_go_live(obj):
    """The future go-live time of ``obj``'s approved revision (a page or a draft-state record), or None."""
    if obj is None or not hasattr(obj, "scheduled_revision"):
        return None
    obj = getattr(obj, "specific", obj)  # a page's revisions hang on its specific type
    # Not ``obj.scheduled_revision``: a page caches it, and the approval has only just set it.
    scheduled = obj.revisions.filter(approved_go_live_at__isnull=False).order_by("-created_at", "-pk")
    when = scheduled.values_list("approved_go_live_at", flat=True).first()
    return when if when and when > timezone.now() else None


def reader_time_zone(user=None):
    """The time zone chosen in the user's admin profile, else the site's (``TIME_ZONE``); not the active
    one, which in the admin is the time zone of whoever is acting (the moderator), not of the reader."""
    profile = getattr(user, "wagtail_userprofile", None) if user is not None else None
    name = getattr(profile, "current_time_zone", "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def format_go_live(when, tz):
    """ "7 December 2026 14:30 (Europe/Paris)": the active language's date and time, and the zone."""
    local = timezone.localtime(when, tz)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({getattr(tz, 'key', None) or local.tzname()})"
