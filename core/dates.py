"""Dates known to a day, a month or a year: stored as the first day of the period with a precision,
and never shown more precisely than known (the history timeline's idea, shared)."""

from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


FORMATS = {DatePrecision.DAY: "DATE_FORMAT", DatePrecision.MONTH: "YEAR_MONTH_FORMAT", DatePrecision.YEAR: "Y"}


def format_precise_date(value, precision=DatePrecision.DAY):
    """``value`` in the active language, as precise as ``precision`` ("14 September 2005",
    "September 2005" or "2005")."""
    if not value:
        return ""
    return date_format(value, FORMATS.get(precision, "DATE_FORMAT"))


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
