"""How an office's contact record is written for people: phone numbers, postal addresses, time zones
and map links. Pure functions of the stored values, so each is unit-tested on its own."""

import datetime
import zoneinfo
from urllib.parse import urlencode

import phonenumbers
from babel.core import Locale, UnknownLocaleError
from babel.dates import get_timezone_gmt, get_timezone_name
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy, to_locale

# --- Phone numbers ------------------------------------------------------------------------------


def format_phone_number(number):
    """A phone number as the coalition writes it: ``+``, the country code, the area code, then the
    subscriber number with its two halves joined by a hyphen, e.g. ``+1 212 599-1320`` and
    ``+31 70 363-4484``.

    The groups come from the phonenumbers library's metadata (the country's own international
    grouping). Only numbers written as exactly three groups (area code + a subscriber number in two
    halves, as in North America, the Netherlands or the United Kingdom) get the hyphen; numbers
    grouped otherwise (French or Swiss pairs, Russian ``123-45-67``, a German number in one block) are
    left exactly as their country writes them. ``number`` may be a ``PhoneNumber``, a
    ``phonenumbers.PhoneNumber`` or a string in international form; blank gives ``""`` and a number
    that cannot be parsed is returned as it was typed.
    """
    if number is None or str(number).strip() == "":
        return ""
    if isinstance(number, phonenumbers.PhoneNumber):
        parsed = number
    else:
        try:
            parsed = phonenumbers.parse(str(number), None)
        except phonenumbers.NumberParseException:
            return str(number)
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    prefix = f"+{parsed.country_code} "
    if not international.startswith(prefix):
        return international
    national = international[len(prefix) :]
    groups = national.replace("-", " ").split()
    if len(groups) == 3 and all(group.isdigit() for group in groups):
        area, first, last = groups
        return f"{prefix}{area} {first}-{last}"
    return international


# --- Postal addresses ---------------------------------------------------------------------------

# Each format is a list of lines; a line is a sequence of office fields, each preceded by the
# separator written before it when something precedes it on that line ("" for the first). Empty
# fields vanish with their separator and empty lines are dropped. The country's name (in the
# visitor's language) is always the last line. Formats follow each country's postal convention
# (Universal Postal Union / Google's libaddressinput data); the default suits most of the world.
US_FORMAT = [
    [("", "organisation_line")],
    [("", "street_address"), (", ", "suite")],
    [("", "city"), (", ", "region"), (" ", "postal_code")],
]
POSTCODE_FIRST_FORMAT = [
    [("", "organisation_line")],
    [("", "street_address")],
    [("", "suite")],
    [("", "postal_code"), (" ", "city")],
]
ADDRESS_FORMATS = {
    "US": US_FORMAT,
    # Canada Post: municipality, province and postal code on one line, without commas.
    "CA": [
        [("", "organisation_line")],
        [("", "street_address"), (", ", "suite")],
        [("", "city"), (" ", "region"), (" ", "postal_code")],
    ],
    # Royal Mail: the flat or suite before the street, then post town and postcode on lines of their own.
    "GB": [
        [("", "organisation_line")],
        [("", "suite")],
        [("", "street_address")],
        [("", "city")],
        [("", "region")],
        [("", "postal_code")],
    ],
    "NL": POSTCODE_FIRST_FORMAT,
    "BE": POSTCODE_FIRST_FORMAT,
    "FR": POSTCODE_FIRST_FORMAT,
    "DE": POSTCODE_FIRST_FORMAT,
    "CH": POSTCODE_FIRST_FORMAT,
}
DEFAULT_ADDRESS_FORMAT = [
    [("", "organisation_line")],
    [("", "street_address")],
    [("", "suite")],
    [("", "postal_code"), (" ", "city")],
    [("", "region")],
]


def _line(office, parts):
    text = ""
    for separator, field in parts:
        value = str(getattr(office, field, "") or "").strip()
        if value:
            text += (separator if text else "") + value
    return text


def country_name(country, language=None):
    """The country's everyday name in the visitor's language, from the Unicode CLDR (as written on
    an envelope: "United States", "Pays-Bas", "هولندا"); django-countries' name if CLDR has none."""
    if not country:
        return ""
    name = babel_locale(language).territories.get(country.code)
    return name or str(country.name)


def address_lines(office):
    """The office's postal address as the lines its country writes, country name (localised) last."""
    code = office.country.code if office.country else ""
    lines = [_line(office, parts) for parts in ADDRESS_FORMATS.get(code, DEFAULT_ADDRESS_FORMAT)]
    lines.append(country_name(office.country))
    return [line for line in lines if line]


def street_line(office):
    """Street and suite on one line, as schema.org's ``streetAddress`` wants them."""
    return ", ".join(part for part in (office.street_address, office.suite) if part)


# --- Time zones ---------------------------------------------------------------------------------


def validate_time_zone(value):
    """Refuses a name the IANA time zone database does not know."""
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(value)s” is not a time zone: choose one from the list, e.g. Europe/Amsterdam."),
            code="invalid_time_zone",
            params={"value": value},
        ) from error


def time_zone_choices():
    """Every named IANA zone this machine knows, for the admin's drop-down (read at run time so the
    migrations never depend on the tzdata version)."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def babel_locale(language=None):
    """Babel's locale for a Django language code (``zh-hans`` → ``zh_Hans``); English if unknown."""
    try:
        return Locale.parse(to_locale(language or translation.get_language() or settings.LANGUAGE_CODE))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


# The zones the site's offices and events use, named as the UN's languages name a time (an adjective
# or the region, never a city or a country alone: Russian «центральноевропейское время», not CLDR's
# «Центральная Европа»; Spanish «hora del este (América del Norte)», not «hora oriental»).
CENTRAL_EUROPEAN_TIME = pgettext_lazy("time zone", "Central European Time")
# A moment in summer is given its summer name beside its offset ("UTC+02:00" is not Central European
# Time itself; fourth language review).
CENTRAL_EUROPEAN_SUMMER_TIME = pgettext_lazy("time zone", "Central European Summer Time")
EASTERN_TIME = pgettext_lazy("time zone", "Eastern Time (North America)")
ZONE_NAMES = {
    "America/New_York": EASTERN_TIME,
    "America/Toronto": EASTERN_TIME,
    "Africa/Nairobi": pgettext_lazy("time zone", "East Africa Time"),
    "Asia/Bangkok": pgettext_lazy("time zone", "Indochina Time"),
    "Asia/Kolkata": pgettext_lazy("time zone", "India Standard Time"),
    "Europe/London": pgettext_lazy("time zone", "United Kingdom time"),
    **{
        f"Europe/{city}": CENTRAL_EUROPEAN_TIME
        for city in (
            "Amsterdam Berlin Brussels Budapest Copenhagen Madrid Oslo Paris Prague Rome Stockholm Vienna Warsaw Zurich"
        ).split()
    },
}


def time_zone_name(zone, language=None, moment=None):
    """The zone's everyday name in the visitor's language: the project's own for the zones it uses
    (``ZONE_NAMES``), else the Unicode CLDR's, e.g. "heure d’Europe centrale"; the IANA name when CLDR
    has none. With a ``moment`` (an aware datetime) in summer time, a Central European zone is named
    "Central European Summer Time"."""
    if zone in ZONE_NAMES:
        name = ZONE_NAMES[zone]
        if name is CENTRAL_EUROPEAN_TIME and moment is not None and moment.astimezone(zoneinfo.ZoneInfo(zone)).dst():
            name = CENTRAL_EUROPEAN_SUMMER_TIME
        with translation.override(language or translation.get_language()):
            return str(name)
    try:
        tz = zoneinfo.ZoneInfo(zone)
        year = datetime.datetime.now(datetime.UTC).year
        january, july = (datetime.datetime(year, month, 1, tzinfo=tz) for month in (1, 7))
        if january.utcoffset() == july.utcoffset():
            # No summer time: the zone's own name ("Indochina Time"), never CLDR's fallback from the
            # country, which Russian writes as summer time ("Таиланд, летнее время").
            named = get_timezone_name(january, width="long", locale=babel_locale(language))
            if named != get_timezone_gmt(january, width="long", locale=babel_locale(language)):
                return named
        name = get_timezone_name(tz, width="long", locale=babel_locale(language))
        # Babel keeps Russian CLDR's summer-time region format ("{0}, летнее время") for the generic
        # name, whose own format is "{0}": the generic name is never summer time.
        return name.removesuffix(", летнее время")
    except (LookupError, ValueError):
        return zone


def utc_offset_label(zone, moment=None):
    """The zone's offset from UTC at ``moment`` (now by default), e.g. "UTC−05:00", "UTC+01:00", "UTC"."""
    moment = moment or datetime.datetime.now(datetime.UTC)
    offset = moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


# --- Maps ---------------------------------------------------------------------------------------

OPENSTREETMAP = "https://www.openstreetmap.org/"


def openstreetmap_url(office, zoom=17):
    """A link that opens the office on openstreetmap.org: a marker at its coordinates when they are
    known, a search for its address otherwise. Nothing is loaded from OpenStreetMap by our pages."""
    if office.latitude is not None and office.longitude is not None:
        lat, lon = f"{office.latitude:f}", f"{office.longitude:f}"
        return f"{OPENSTREETMAP}?{urlencode({'mlat': lat, 'mlon': lon})}#map={zoom}/{lat}/{lon}"
    with translation.override("en"):  # OpenStreetMap's geocoder knows countries by their English names
        query = ", ".join(address_lines_without_organisation(office))
    return f"{OPENSTREETMAP}search?{urlencode({'query': query})}"


def address_lines_without_organisation(office):
    lines = address_lines(office)
    if office.organisation_line and lines and lines[0] == office.organisation_line.strip():
        lines = lines[1:]
    return lines
