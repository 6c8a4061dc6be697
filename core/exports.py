"""Spreadsheet exports that are safe to open (OWASP, "CSV Injection").

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by spreadsheet programs. Every CSV and XLSX export of the site passes its cells through
:func:`neutralise`, which puts a single quote in front of such a cell; :func:`restore` undoes exactly
that, so an exported file imports back unchanged (``members.data`` calls it on every cell it reads).

The mapping is one-to-one: a value that already begins with quotes followed by a formula character
(``'=1``) gets one more quote, so ``restore(neutralise(value)) == value`` for every string.

Use:

- a CSV writer: ``csv.writer(out).writerow(neutralise_row(cells))`` or :class:`SafeDictWriter`;
- Wagtail's admin exports (``list_export`` on any viewset, in CSV and XLSX) are neutralised for
  every model by :func:`protect_wagtail_exports` (called by ``CoreConfig.ready()``); nothing to do;
- an export holding personal data is also recorded in the audit trail: mix
  :class:`PersonalDataExportMixin` into its ``IndexView``, or call ``core.audit.log_action``.
"""

import csv
import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NEEDS_QUOTE = re.compile(r"^'*[=+\-@\t\r]")
_QUOTED = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(value):
    """``value`` as a cell that no spreadsheet reads as a formula (non-strings are left alone)."""
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return QUOTE + value
    return value


def restore(value):
    """The inverse of :func:`neutralise`: removes the one quote it added."""
    if isinstance(value, str) and _QUOTED.match(value):
        return value[1:]
    return value


def neutralise_row(cells):
    return [neutralise(cell) for cell in cells]


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose rows (not the header) are neutralised."""

    def writerow(self, rowdict):
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


def _safe_preprocess_field_value(original):
    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralises = True
    return preprocess_field_value


def protect_wagtail_exports():
    """Makes every export of Wagtail's admin listings (``list_export`` on any viewset, form
    submissions, reports) pass its cells through :func:`neutralise`, after Wagtail's own formatting,
    in CSV and XLSX. Called once by ``CoreConfig.ready()``; calling it again changes nothing."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if not getattr(original, "neutralises", False):
        SpreadsheetExportMixin.preprocess_field_value = _safe_preprocess_field_value(original)


class PersonalDataExportMixin:
    """For an admin ``IndexView`` whose export holds personal data: each CSV/XLSX download is
    recorded in the audit trail (``icrtop.export_personal_data``) with its format and row count."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        from .audit import log_action

        log_action(
            "icrtop.export_personal_data",
            model=queryset.model,
            user=self.request.user,
            data={"format": spreadsheet_format, "rows": queryset.count(), "path": self.request.get_full_path()},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)
