"""Dates known to a day, a month or a year: stored as the first day of the period with a precision,
and never shown more precisely than known (the history timeline's idea, shared)."""

import re
from datetime import date

from babel.dates import format_date, format_interval, format_skeleton, get_month_names
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


# The site's languages as Babel (CLDR) locales: British English, as the content is written.
BABEL_LOCALES = {"en": "en_GB", "zh-hans": "zh_Hans"}

# Arabic months as UN Arabic documents and the site's content write them: the Levantine name and the
# Gregorian (Egyptian) one, "كانون الثاني/يناير".
ARABIC_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)

# A date as the object of "since" or "until": Russian puts the month in the genitive and the year
# with "г." ("с января 2009 г.", "до июня 2019 г."); a full date takes the article in French and
# Spanish ("depuis le 15 octobre 2023", "desde el 15 de octubre de 2023"); others use the plain form.
AFTER_PREPOSITION = "after_preposition"
DAY_ARTICLES = {"fr": "le", "es": "el"}


def arabic_months(text):
    """Babel's Arabic Gregorian month names ("ديسمبر") in the UN's double form ("كانون الأول/ديسمبر"),
    as every other date on the site writes them."""
    names = get_month_names("wide", locale="ar")
    pattern = "|".join(re.escape(names[month]) for month in sorted(names, key=lambda m: -len(names[m])))
    by_name = {names[month]: ARABIC_MONTHS[month - 1] for month in names}
    return re.sub(rf"(?<![\w/])({pattern})(?![\w/])", lambda match: by_name[match.group(1)], text)


def _locale(language=None):
    language = (language or translation.get_language() or "en").lower()
    return BABEL_LOCALES.get(language, language.split("-")[0])


def format_precise_date(value, precision=DatePrecision.DAY, form=None, language=None, weekday=False):
    """``value`` in the active language (or ``language``), as precise as ``precision``: "14 September
    2005", "September 2005" or "2005"; Russian "14 сентября 2005 г.", "сентябрь 2005 г."; Arabic
    "14 أيلول/سبتمبر 2005"; Chinese "2005年9月14日", "2005年9月". ``form=AFTER_PREPOSITION`` gives the form
    that follows "since"/"until" (Russian "января 2009 г."). ``weekday`` (a day only) names the day of
    the week the language's way around the same date: "Friday, 25 December 2026", "vendredi 25 décembre
    2026", "2026年12月25日星期五"."""
    if not value:
        return ""
    locale = _locale(language)
    if weekday and precision == DatePrecision.DAY and form is None:
        return _with_weekday(value, locale)
    if precision == DatePrecision.YEAR:
        if locale == "zh_Hans":
            return f"{value.year}年"
        return f"{value.year}\u00a0г." if locale == "ru" else str(value.year)
    if locale == "ar":
        month = f"{ARABIC_MONTHS[value.month - 1]} {value.year}"
        return month if precision == DatePrecision.MONTH else f"{value.day} {month}"
    if precision == DatePrecision.MONTH:
        if locale == "ru":
            pattern = "MMMM y'\u00a0г.'" if form == AFTER_PREPOSITION else "LLLL y'\u00a0г.'"
            return format_date(value, pattern, locale=locale)
        return _no_break(format_skeleton("yMMMM", value, locale=locale))
    text = _no_break(format_date(value, "long", locale=locale))
    if locale == "fr" and value.day == 1:
        text = "1er" + text[1:]  # "1er octobre 2015"
    if form == AFTER_PREPOSITION and locale in DAY_ARTICLES:
        text = f"{DAY_ARTICLES[locale]} {text}"
    return text


def _with_weekday(value, locale):
    """A day with its day of the week: CLDR's full date, with the site's own month names (Arabic) and
    French "1er"."""
    if locale == "ar":
        weekday = format_date(value, "EEEE", locale=locale)
        return f"{weekday}، {format_precise_date(value, language='ar')}"
    text = _no_break(format_date(value, "full", locale=locale))
    if locale == "fr" and value.day == 1:
        text = re.sub(r"(?<=\s)1(?=\s)", "1er", text, count=1)  # "jeudi 1er octobre 2026"
    return text


def format_day_range(first, last, language=None):
    """Two days as one range, written as every other range of the site (``format_date_range``): "25–27
    December 2026", "25 December 2026 – 2 January 2027"; Spanish "25 a 27 de diciembre de 2026"; Russian
    "3–4 марта 2027 г."; Arabic "3–4 آذار/مارس 2027"; Chinese "2027年3月3日至4日"."""
    return format_date_range(first, DatePrecision.DAY, last, DatePrecision.DAY, language=language)


def _no_break(text):
    """CLDR's narrow no-break space (Russian "2009\u202fг.") as the usual no-break space."""
    return text.replace("\u202f", "\u00a0")


def format_date_range(start, start_precision, end, end_precision, language=None, separate=False):
    """A period, each end as precise as known, with what both ends share written once, as UN
    documents write it: "14–16 September 2005", "14 September – 2 October 2005", "February – August
    2008", "January 2009 – March 2012"; French "14–16 septembre 2005"; Spanish "14 a 16 de septiembre
    de 2005"; Arabic "14–16 أيلول/سبتمبر 2005"; Russian "14–16 сентября 2005 г.", "2005–2009 гг.";
    Chinese "2005年9月14日至16日", "2008年2月至8月", "2009年1月至2012年3月". ``separate`` gives both
    ends in full, joined by a dash (the form of two ``<time>`` elements)."""
    locale = _locale(language)
    first = format_precise_date(start, start_precision, language=language)
    last = format_precise_date(end, end_precision, language=language)
    if not first or not last:
        return first or last
    if separate:
        return f"{first} – {last}"
    if start_precision == end_precision:
        if first == last:
            return first
        shared = _shared_range(start, end, start_precision, language)
        if shared:
            return shared
    return f"{first}{RANGE_JOINS.get(locale, ' – ')}{last}"


# How the two ends of a period are joined: UN Spanish "14 a 16 de septiembre", Chinese "…至…".
RANGE_JOINS = {"es": " a ", "zh_Hans": "至"}
# Two days in a row, as UN Spanish and French write them: "3 y 4 de marzo de 2027", « 3 et 4 mars 2027 ».
TWO_DAYS = {"es": " y ", "fr": " et "}


def _shared_range(start, end, precision, language):
    """The range with the year (and the month) written once, or "" when the ends share neither."""
    locale = _locale(language)
    if precision == DatePrecision.YEAR:
        if locale == "zh_Hans":
            return f"{start.year}年至{end.year}年"
        return f"{start.year}–{end.year}\u00a0гг." if locale == "ru" else f"{start.year}–{end.year}"
    if start.year != end.year:
        return ""
    if locale == "zh_Hans":
        return format_interval(start, end, "yMMMMd" if precision == DatePrecision.DAY else "yMMMM", locale=locale)
    last = format_precise_date(end, precision, language=language)
    join = RANGE_JOINS.get(locale, " – ")
    if precision == DatePrecision.MONTH:
        if locale == "ar":
            return f"{ARABIC_MONTHS[start.month - 1]}{join}{last}"
        return f"{format_date(start, 'LLLL', locale=locale)}{join}{last}"
    day = "1er" if locale == "fr" and start.day == 1 else str(start.day)
    if start.month == end.month:
        if end.day == start.day + 1 and locale in TWO_DAYS:
            return f"{day}{TWO_DAYS[locale]}{last}"  # "3 y 4 de marzo", « 3 et 4 mars »
        return f"{day}{' a ' if locale == 'es' else '–'}{last}"
    if locale == "ar":
        return f"{day} {ARABIC_MONTHS[start.month - 1]}{join}{last}"
    month = format_date(start, "d 'de' MMMM" if locale == "es" else "d MMMM", locale=locale)
    return f"{day}{month[len(str(start.day)) :]}{join}{last}"


def iso_precise_date(value, precision=DatePrecision.DAY):
    """The machine-readable form for ``<time datetime>``: 2005-09-14, 2005-09 or 2005."""
    if not value:
        return ""
    return {DatePrecision.YEAR: f"{value:%Y}", DatePrecision.MONTH: f"{value:%Y-%m}"}.get(precision, value.isoformat())


def parse_precise_date(value):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` to (first day of the period, precision): ``2012-07`` is
    a month, never a day. ValueError otherwise (an import names the row)."""
    parts = (value or "").strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(part.isascii() and part.isdigit() for part in parts):
        raise ValueError(value)
    if len(parts[0]) != 4 or any(len(part) != 2 for part in parts[1:]):
        raise ValueError(value)
    numbers = [int(part) for part in parts]
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][len(parts) - 1]
    return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1), precision
