"""Reading ``un-documents.csv`` (real, sourced UN documents on the Responsibility to Protect) into
resource pages.

The file is read and checked whole before anything is written: a bad row stops the import with its
line number and what is wrong, and nothing changes. Dates keep their precision (``2012-07`` is a month,
``2016`` a year: no day is invented). ``verified`` and ``notes`` go to the staff-only fields.
"""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from core.dates import parse_precise_date

from .models import DOCUMENT_LANGUAGES, ResourcePage

FILE_NAME = "un-documents.csv"
SHIPPED_COPY = Path(__file__).resolve().parent / "initial_content" / FILE_NAME
COLUMNS = ("title", "symbol", "body", "date", "topic", "official_url", "verified", "notes")

BODIES = {
    "general assembly": ResourcePage.IssuingBody.GENERAL_ASSEMBLY,
    "security council": ResourcePage.IssuingBody.SECURITY_COUNCIL,
    "secretary-general": ResourcePage.IssuingBody.SECRETARY_GENERAL,
    "un office on genocide prevention": ResourcePage.IssuingBody.UN_OFFICE,
    "un office on genocide prevention and the responsibility to protect": ResourcePage.IssuingBody.UN_OFFICE,
}


class UNDocumentsError(Exception):
    """A row of the file cannot be imported; the message names the file, the line and the problem."""


def default_path():
    """The shared content folder's file (``settings.SHARED_CONTENT_DIR``) when it is there, else the
    copy shipped with the code (a clean clone, CI)."""
    shared = Path(settings.SHARED_CONTENT_DIR) / FILE_NAME
    return shared if shared.exists() else SHIPPED_COPY


def parse_date(value):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` to (date, precision); ValueError otherwise."""
    return parse_precise_date(value)


@dataclass
class Row:
    line: int
    key: str
    title: str
    symbol: str
    body: str
    date: date
    precision: str
    summary: str
    official_url: str
    verified: str
    notes: str

    @property
    def issuing_body(self):
        return BODIES.get(self.body.lower(), ResourcePage.IssuingBody.OTHER)

    @property
    def resource_type(self):
        """Texts issued by UN organs and offices are UN documents; anything else (the ICISS report) a report."""
        if self.issuing_body == ResourcePage.IssuingBody.OTHER:
            return ResourcePage.ResourceType.REPORT
        return ResourcePage.ResourceType.UN_DOCUMENT

    @property
    def languages(self):
        """A document with a UN symbol is an official document, issued in the six official languages;
        for anything else the file says nothing, so nothing is claimed."""
        return [code for code, _name in DOCUMENT_LANGUAGES] if self.symbol else []

    @property
    def slug(self):
        return slugify(self.title)[:80].strip("-")


def read_rows(path):
    """Every row of the file, checked. Raises UNDocumentsError naming the first bad row."""
    path = Path(path)
    if not path.exists():
        raise UNDocumentsError(f"{path}: file not found")
    check_url = URLValidator(schemes=["http", "https"])
    rows, keys = [], {}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                raise UNDocumentsError(f"{path}, line 1: missing column(s) {', '.join(missing)}")
            for line, raw in enumerate(reader, start=2):
                values = {column: (raw.get(column) or "").strip() for column in COLUMNS}
                where = f"{path.name}, line {line}"
                label = values["symbol"] or values["title"][:60] or "(no title)"

                def bad(problem, where=where, label=label):
                    return UNDocumentsError(f"{where} ({label}): {problem}; nothing was imported.")

                if None in raw:
                    raise bad("more values than columns")
                if not values["title"]:
                    raise bad("the title is empty")
                if len(values["title"]) > 255:
                    raise bad("the title is longer than 255 characters")
                if not values["body"]:
                    raise bad("the issuing body is empty")
                if len(values["symbol"]) > 100:
                    raise bad("the symbol is longer than 100 characters")
                try:
                    day, precision = parse_date(values["date"])
                except ValueError:
                    raise bad(f"the date {values['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
                if values["official_url"]:
                    try:
                        check_url(values["official_url"])
                    except ValidationError:
                        raise bad(f"the official address {values['official_url']!r} is not a web address") from None
                key = f"resource:{values['symbol'] or slugify(values['title'])}"
                if key in keys:
                    raise bad(f"the same document as line {keys[key]}")
                keys[key] = line
                row = Row(
                    line=line,
                    key=key,
                    title=values["title"],
                    symbol=values["symbol"],
                    body=values["body"],
                    date=day,
                    precision=precision,
                    summary=values["topic"],
                    official_url=values["official_url"],
                    verified=values["verified"],
                    notes=values["notes"],
                )
                if not row.slug:
                    raise bad("the title gives no address (slug)")
                rows.append(row)
    except UnicodeDecodeError as error:
        raise UNDocumentsError(f"{path}: not UTF-8 text ({error}); nothing was imported.") from None
    except csv.Error as error:
        raise UNDocumentsError(f"{path}: not a readable CSV file ({error}); nothing was imported.") from None
    return rows


def build_page(row):
    """An unsaved resource page for ``row``."""
    page = ResourcePage(
        title=row.title,
        slug=row.slug,
        resource_type=row.resource_type,
        issuing_body=row.issuing_body,
        issuer_name=row.body if row.issuing_body == ResourcePage.IssuingBody.OTHER else "",
        symbol=row.symbol,
        date=row.date,
        date_precision=row.precision,
        summary=row.summary,
        official_url=row.official_url,
        verified=row.verified,
        notes=row.notes,
        languages=row.languages,
    )
    return page


def unique_slug(parent, slug):
    """``slug``, or ``slug-2``, ``slug-3``… if a sibling already has it."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug[:75]}-{number}"
        number += 1
    return candidate


def load(index_page, path, recorded, remember):
    """Create a resource page under ``index_page`` for every row not created before.

    ``recorded(key)`` answers (seen, object) and ``remember(key, obj)`` records a creation (the initial
    content command's bookkeeping), so a rerun creates nothing twice and leaves editors' changes and
    deletions alone. Returns the number of pages created."""
    rows = read_rows(path)
    created = 0
    for row in rows:
        seen, _page = recorded(row.key)
        if seen:
            continue
        page = build_page(row)
        page.slug = unique_slug(index_page, page.slug)
        index_page.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        page.refresh_from_db()
        remember(row.key, page)
        created += 1
    return created
