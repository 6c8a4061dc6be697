"""The member file format: one CSV for import (staff), the admin's export and the open data.

Every column but ``slug`` is optional in an import file; a column that is absent leaves the field
as it is (or at its default for a new member), a blank cell clears it. The public open-data CSV
carries the public columns only, so it imports back as it is (see docs/members.md, "Open data").
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from core.audit import log_action
from core.exports import SafeDictWriter, restore

from .countries import country_code
from .models import MemberOrganisation, Region, Sector

# Column -> model field. Translated text columns hold the English (default language) text.
COLUMNS = {
    "slug": "slug",
    "name": "name",
    "acronym": "acronym",
    "country": "country",
    "city": "city",
    "region": "region",
    "location_shown": "location_shown",
    "sectors": "sectors",
    "website": "website",
    "description": build_localized_fieldname("description", settings.LANGUAGE_CODE),
    "membership_type": "membership_type",
    "status": "status",
    "joined_on": "joined_on",
    "on_steering_committee": "on_steering_committee",
    "steering_committee_since": "steering_committee_since",
    "steering_committee_until": "steering_committee_until",
    "steering_committee_role": build_localized_fieldname("steering_committee_role", settings.LANGUAGE_CODE),
    # Staff only: never in the public open data.
    "contact_email": "contact_email",
    "show_contact_email": "show_contact_email",
    "published": "published",
    "source": "source",
}
STAFF_ONLY = ("contact_email", "show_contact_email", "published", "source")
PUBLIC_COLUMNS = [column for column in COLUMNS if column not in STAFF_ONLY]
REQUIRED_FOR_NEW = ("name", "country", "region")
BOOLEAN_COLUMNS = ("on_steering_committee", "show_contact_email", "published")
DATE_COLUMNS = ("joined_on", "steering_committee_since", "steering_committee_until")
TRUE = {"yes", "true", "1", "y", "x"}
FALSE = {"no", "false", "0", "n", ""}
SECTOR_SEPARATOR = ";"


# Left empty in the public open data for a member shown by region only (``location_shown``).
HIDDEN_PLACE_COLUMNS = ("country", "city")


def export_value(member, column, public=False):
    """The cell of ``column`` for ``member``, as an import file holds it. ``public``: the open data, where
    a member shown by region only has no country or city."""
    if public and column in HIDDEN_PLACE_COLUMNS and not member.shows_country:
        return ""
    if column == "country":
        return member.country.code or ""
    if column == "region":
        return member.region.slug_en if member.region_id else ""
    if column == "sectors":
        return SECTOR_SEPARATOR.join(sector.slug_en for sector in member.sectors.all())
    value = getattr(member, COLUMNS[column])
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def export_rows(members, columns=PUBLIC_COLUMNS, public=False):
    for member in members:
        yield {column: export_value(member, column, public) for column in columns}


def write_csv(members, out, columns=PUBLIC_COLUMNS, public=False):
    """Cells that a spreadsheet would read as a formula are neutralised (``core.exports``); the
    import undoes exactly that, so the file imports back unchanged (a member shown by region only
    keeps its country and city: see ``MemberImporter._keep_hidden_place``)."""
    writer = SafeDictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in export_rows(members, columns, public):
        writer.writerow(row)


# --- import --------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)  # (slug, [changed columns])
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number, message)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        if self.errors:
            return ngettext(
                "%(n)d error; nothing was imported.", "%(n)d errors; nothing was imported.", len(self.errors)
            ) % {"n": len(self.errors)}
        if self.dry_run:
            text = _(
                "Dry run, nothing was saved. To create: %(created)d; to update: %(updated)d; unchanged: %(unchanged)d."
            )
        else:
            text = _("Created: %(created)d; updated: %(updated)d; unchanged: %(unchanged)d.")
        return text % {"created": len(self.created), "updated": len(self.updated), "unchanged": len(self.unchanged)}


class MemberRowForm(forms.ModelForm):
    class Meta:
        model = MemberOrganisation
        fields = []


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def _lookup_table(objects):
    """{any language's slug or English name, lower-cased: object}."""
    table = {}
    for obj in objects:
        table[(obj.name_en or "").strip().lower()] = obj
        for code, _name in settings.LANGUAGES:
            slug = getattr(obj, build_localized_fieldname("slug", code), None)
            if slug:
                table[slug.lower()] = obj
    return table


class MemberImporter:
    """Validates every row of a member file, then (all or nothing) creates or updates by slug.

    Rows that would change nothing are not saved, so importing the same file twice writes nothing
    and adds no revision."""

    def __init__(self, user=None):
        self.user = user

    def run(self, text, dry_run=False):
        result = ImportResult(dry_run=dry_run)
        rows = self._read(text, result)
        if result.errors:
            return result
        forms_to_save = self._validate(rows, result)
        if result.errors or dry_run:
            return result
        with transaction.atomic():
            for form in forms_to_save:
                member = form.save(commit=False)
                form.save_m2m()  # ParentalManyToManyField: kept on the instance until save()
                member.save()
                member.save_revision(user=self.user, log_action=True, changed=False)  # written live: no draft
            log_action(
                "icrtop.import",
                model=MemberOrganisation,
                user=self.user,
                data={"created": len(result.created), "updated": len(result.updated), "rows": len(rows)},
            )
        return result

    def _read(self, text, result):
        if "\x00" in text:
            result.errors.append((1, _("The file contains NUL characters; is it really a CSV file?")))
            return []
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        try:
            header = [name.strip() for name in (reader.fieldnames or [])]
            rows = [(reader.line_num, row) for row in reader]
        except csv.Error as error:
            result.errors.append((reader.line_num, _("The file cannot be read as CSV: %(error)s") % {"error": error}))
            return []
        unknown = [name for name in header if name not in COLUMNS]
        if not header or "slug" not in header:
            result.errors.append((1, _("The first line must name the columns, and one of them must be “slug”.")))
        if unknown:
            result.errors.append((1, _("Unknown column(s): %(columns)s.") % {"columns": ", ".join(unknown)}))
        if len(set(header)) != len(header):
            result.errors.append((1, _("A column is named twice.")))
        self.header = header
        cleaned = []
        for line, row in rows:
            if None in row:
                result.errors.append((line, _("This line has more cells than the header.")))
                continue
            # restore(): undo the export's formula neutralisation ('=… back to =…), see core.exports.
            values = {key.strip(): restore((value or "").strip()) for key, value in row.items() if key is not None}
            if not any(values.values()):
                continue  # blank line
            cleaned.append((line, values))
        return cleaned

    def _validate(self, rows, result):
        regions = _lookup_table(Region.objects.all())
        sectors = _lookup_table(Sector.objects.all())
        slugs = [values.get("slug", "") for _line, values in rows]
        existing = {m.slug: m for m in MemberOrganisation.objects.filter(slug__in=slugs).prefetch_related("sectors")}
        fields = [COLUMNS[column] for column in self.header]
        form_class = forms.modelform_factory(
            MemberOrganisation, form=MemberRowForm, fields=fields, formfield_callback=_formfield
        )
        seen = {}
        forms_to_save = []
        for line, values in rows:
            errors = []
            slug = values.get("slug", "")
            if slug in seen:
                errors.append(
                    _("the slug “%(slug)s” is already used on line %(line)d") % {"slug": slug, "line": seen[slug]}
                )
            seen.setdefault(slug, line)
            instance = existing.get(slug)
            missing = []
            if instance is None:
                missing = [column for column in REQUIRED_FOR_NEW if not values.get(column)]
                if missing:
                    errors.append(_("a new member needs: %(columns)s") % {"columns": ", ".join(missing)})
            values = self._keep_hidden_place(values, instance)
            data = self._form_data(values, regions, sectors, errors)
            # Every problem of the row in one pass: the checks above and the form's own.
            form = form_class(data, instance=instance or MemberOrganisation())
            if errors or not form.is_valid():
                messages = list(errors)
                for name, field_errors in form.errors.items():
                    column = next((c for c, f in COLUMNS.items() if f == name), name)
                    if (values.get(column) and name not in data) or column in missing:
                        continue  # already reported above (e.g. an unknown region, a missing column)
                    messages.extend(f"{column}: {message}" for message in field_errors)
                result.errors.append((line, "; ".join(str(m) for m in messages)))
                continue
            if instance is None:
                result.created.append(slug)
                forms_to_save.append(form)
            elif form.has_changed():
                changed = [next(c for c, f in COLUMNS.items() if f == name) for name in form.changed_data]
                result.updated.append((slug, changed))
                forms_to_save.append(form)
            else:
                result.unchanged.append(slug)
        return forms_to_save

    def _keep_hidden_place(self, values, instance):
        """The open data leaves the country and city of a member shown by region only empty: such
        an empty cell, for an existing member shown (and staying) by region only, keeps the value."""
        if instance is None:
            return values
        region_only = MemberOrganisation.LocationShown.REGION
        if values.get("location_shown", instance.location_shown) != region_only:
            return values
        kept = dict(values)
        for column in HIDDEN_PLACE_COLUMNS:
            if column in kept and not kept[column]:
                kept[column] = instance.country.code if column == "country" else instance.city
        return kept

    def _form_data(self, values, regions, sectors, errors):
        data = {}
        for column, value in values.items():
            name = COLUMNS[column]
            if column == "region":
                region = regions.get(value.lower())
                if value and region is None:
                    errors.append(_("unknown region “%(value)s”") % {"value": value})
                data[name] = region.pk if region else ""
            elif column == "sectors":
                chosen = []
                for part in value.split(SECTOR_SEPARATOR):
                    if not part.strip():
                        continue
                    sector = sectors.get(part.strip().lower())
                    if sector is None:
                        errors.append(_("unknown sector “%(value)s”") % {"value": part.strip()})
                    else:
                        chosen.append(sector.pk)
                data[name] = chosen
            elif column == "country":
                code = country_code(value)
                if value and not code:
                    errors.append(_("unknown country “%(value)s”") % {"value": value})
                data[name] = code
            elif column in BOOLEAN_COLUMNS:
                if value.lower() in TRUE:
                    data[name] = True
                elif value.lower() in FALSE:
                    data[name] = False
                else:
                    errors.append(_("%(column)s: “%(value)s” is not yes or no") % {"column": column, "value": value})
            elif column in DATE_COLUMNS:
                data[name] = self._date(column, value, errors)
            else:
                data[name] = value
        return data

    def _date(self, column, value, errors):
        if not value:
            return ""
        for pattern in ("%Y-%m-%d", "%Y-%m"):
            try:
                return datetime.datetime.strptime(value, pattern).date().isoformat()
            except ValueError:
                continue
        errors.append(
            _("%(column)s: “%(value)s” is not a date (YYYY-MM-DD or YYYY-MM)") % {"column": column, "value": value}
        )
        return ""
