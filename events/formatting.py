"""When an event happens, written in the visitor's language (Babel, the Unicode CLDR): the date or
dates, the times, and the time zone with its offset from UTC at that moment, e.g.
"Tuesday, 10 March 2026 · 14:00 – 16:00 · Central European Standard Time (UTC+01:00)"."""

from dataclasses import dataclass

from babel.dates import format_interval, format_time, get_datetime_format
from django.utils.translation import gettext

from core.dates import format_day_range, format_precise_date
from offices.formatting import babel_locale, time_zone_name, utc_offset_label


@dataclass
class When:
    dates: str  # "Tuesday, 10 March 2026" or "10–12 March 2026"
    times: str  # "14:00 – 16:00", "" for an all-day event
    zone: str  # "Central European Standard Time", "" for an all-day event
    offset: str  # "UTC+01:00"
    start_iso: str
    end_iso: str
    # The language's pattern joining a date ({1}) and a time ({0}): "{1}, {0}"; Arabic "{1}، {0}";
    # Chinese "{1} {0}" (CLDR).
    glue: str = "{1}, {0}"

    @property
    def text(self):
        """The dates and the times, joined the language's way."""
        if not self.times:
            return self.dates
        return self.glue.replace("{1}", self.dates).replace("{0}", self.times)

    @property
    def zone_text(self):
        if not self.zone:
            return ""
        if self.zone in ("UTC", self.offset):
            return self.offset
        return gettext("%(zone)s (%(offset)s)") % {"zone": self.zone, "offset": self.offset}


def _clock(moment, locale):
    """A time of day: "14:00"; French as UN French writes it, "10 h", "12 h 30"."""
    if locale.language == "fr":
        return f"{moment.hour}\u00a0h" + (f"\u00a0{moment.minute:02d}" if moment.minute else "")
    return format_time(moment, "HH:mm", locale=locale)


def _clock_range(start, end, locale):
    """Two times of one day: "14:00 – 16:00" (CLDR); French as UN French writes a span of hours,
    « de 10 h à 12 h 30 » (not CLDR's hyphen)."""
    if locale.language == "fr":
        return f"de\u00a0{_clock(start, locale)} à\u00a0{_clock(end, locale)}"
    return format_interval(start, end, "Hm", locale=locale)


def event_when(event, language=None):
    locale = babel_locale(language)
    start, end = event.local_start, event.local_end
    multi_day = event.last_date != event.start_date
    # The dates as every other date of the site writes them (``core.dates``: British English, the
    # month in full, Arabic's double month names), a single day with its day of the week.
    if multi_day:
        dates = format_day_range(event.start_date, event.last_date, language)
    else:
        dates = format_precise_date(event.start_date, language=language, weekday=True)
    times = zone = ""
    glue = get_datetime_format("medium", locale=locale)
    offset = utc_offset_label(event.time_zone or "UTC", start)
    if not event.all_day:
        if multi_day:
            dates = format_precise_date(event.start_date, language=language)
            last = format_precise_date(event.last_date, language=language)
            until = glue.replace("{1}", last).replace("{0}", _clock(end.timetz(), locale))
            times = f"{_clock(start.timetz(), locale)} – {until}"
        elif event.end_time is not None and end != start:
            times = _clock_range(start.time(), end.time(), locale)
        else:
            times = _clock(start.time(), locale)
        zone = (
            "UTC"
            if (event.time_zone or "UTC") in ("UTC", "Etc/UTC")
            else time_zone_name(event.time_zone, language, start)
        )
    return When(
        dates=dates,
        times=times,
        zone=zone,
        offset=offset,
        start_iso=event.start_date.isoformat() if event.all_day else start.isoformat(),
        end_iso=event.last_date.isoformat() if event.all_day else end.isoformat(),
        glue=glue,
    )
