"""Reading ``un-documents.csv`` (real, sourced UN documents on the Responsibility to Protect) into
resource pages, with their titles and summaries in the site's other languages.

The files are read and checked whole before anything is written: a bad row stops the import with its
file, line number and what is wrong, and nothing changes. Dates keep their precision (``2012-07`` is a
month, ``2016`` a year: no day is invented). ``verified`` and ``notes`` go to the staff-only fields.

A document's title in another language is the UN's official title only: ``un-document-titles.csv``
gives it with the address of the page it was read on (the UN's own pages or a faithful copy of the
document). A Security Council resolution has no title: the UN cites it by number and year, and that
citation is a translated pattern (``resolution_title``). Where neither is known, the page keeps the
English title (marked ``lang="en"``, with a notice). The summaries are the coalition's own short
descriptions, translated in ``un-document-summaries.json``. Translations only fill empty fields, so a
title or summary staff have written is never overwritten.
"""

import csv
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from core.dates import parse_precise_date
from core.slugs import numbered_slug, other_languages, sibling_slugs, translated_slug

from .models import DOCUMENT_LANGUAGES, ResourcePage

FILE_NAME = "un-documents.csv"
CONTENT_DIR = Path(__file__).resolve().parent / "initial_content"
SHIPPED_COPY = CONTENT_DIR / FILE_NAME
TITLES = CONTENT_DIR / "un-document-titles.csv"
SUMMARIES = CONTENT_DIR / "un-document-summaries.json"
TITLE_COLUMNS = ("symbol", "language", "title", "source_url")
SLUG_LENGTH = 80

# A Security Council resolution's symbol, and how the UN cites it in each language (it has no title):
# "Résolution 1674 (2006) du Conseil de sécurité", "安全理事会第1674(2006)号决议".
SC_RESOLUTION = re.compile(r"^S/RES/(?P<number>\d+) \((?P<year>\d{4})\)$")


def resolution_title(symbol, language):
    """How the UN cites the Security Council resolution ``symbol`` in ``language``, or "" when
    ``symbol`` is not one."""
    match = SC_RESOLUTION.match(symbol or "")
    if match is None:
        return ""
    with translation.override(language):
        # Translators: how the UN cites a Security Council resolution (it has no title), e.g. French
        # "Résolution 1674 (2006) du Conseil de sécurité", Chinese "安全理事会第1674(2006)号决议".
        return gettext("Security Council resolution %(number)s (%(year)s)") % match.groupdict()


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
        return slugify(self.title)[:SLUG_LENGTH].strip("-")

    @property
    def document_id(self):
        """How the titles and summaries files name the document: its symbol, else its title's slug."""
        return self.key.removeprefix("resource:")


def csv_rows(path, handle, columns):
    """(line number, raw row, {column: stripped value}) for each row of the CSV file open as
    ``handle``; UNDocumentsError when a column is missing."""
    reader = csv.DictReader(handle)
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        raise UNDocumentsError(f"{path}, line 1: missing column(s) {', '.join(missing)}")
    for line, raw in enumerate(reader, start=2):
        yield line, raw, {column: (raw.get(column) or "").strip() for column in columns}


def read_rows(path):
    """Every row of the file, checked. Raises UNDocumentsError naming the first bad row."""
    path = Path(path)
    if not path.exists():
        raise UNDocumentsError(f"{path}: file not found")
    check_url = URLValidator(schemes=["http", "https"])
    rows, keys = [], {}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            for line, raw, values in csv_rows(path, handle, COLUMNS):
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


def library_documents():
    """The symbols and English slugs of the resources already in the library (a document loaded from
    an earlier list is known too)."""
    known = set()
    for symbol, slug in ResourcePage.objects.values_list("symbol", build_localized_fieldname("slug", "en")):
        known.update(value for value in (symbol, slug) if value)
    return known


def read_titles(path, rows, known=frozenset()):
    """{symbol: {language: the UN's official title}} from the titles file, for the documents of ``rows``
    or ``known`` (symbols already in the library). Raises UNDocumentsError naming the first bad row."""
    path = Path(path)
    if not path.exists():
        raise UNDocumentsError(f"{path}: file not found")
    symbols = {row.symbol for row in rows if row.symbol} | set(known)
    languages = other_languages()
    check_url = URLValidator(schemes=["https"])
    titles, seen = {}, {}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            for line, raw, values in csv_rows(path, handle, TITLE_COLUMNS):
                symbol, language = values["symbol"], values["language"]

                def bad(problem, where=f"{path.name}, line {line} ({symbol or 'no symbol'})"):
                    return UNDocumentsError(f"{where}: {problem}; nothing was imported.")

                if None in raw:
                    raise bad("more values than columns")
                if symbol not in symbols:
                    raise bad(f"the symbol {symbol!r} is not in {FILE_NAME} or the library")
                if language not in languages:
                    raise bad(f"the language {language!r} is not one of {', '.join(languages)}")
                if not values["title"]:
                    raise bad("the title is empty")
                if len(values["title"]) > 255:
                    raise bad("the title is longer than 255 characters")
                try:
                    check_url(values["source_url"])
                except ValidationError:
                    raise bad(f"the source {values['source_url']!r} is not an https address") from None
                if (symbol, language) in seen:
                    raise bad(f"a second title in {language} (line {seen[symbol, language]})")
                seen[symbol, language] = line
                titles.setdefault(symbol, {})[language] = values["title"]
    except UnicodeDecodeError as error:
        raise UNDocumentsError(f"{path}: not UTF-8 text ({error}); nothing was imported.") from None
    except csv.Error as error:
        raise UNDocumentsError(f"{path}: not a readable CSV file ({error}); nothing was imported.") from None
    return titles


def read_summaries(path, rows, known=frozenset()):
    """{document id: {language: summary}} from the summaries file, for the rows whose English summary
    is still the one translated (a translation of an older text is not used). Raises UNDocumentsError
    on an unreadable file, a document neither in ``rows`` nor ``known``, an unknown language, or an
    empty text."""
    path = Path(path)
    if not path.exists():
        raise UNDocumentsError(f"{path}: file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UNDocumentsError(f"{path}: not a readable JSON file ({error}); nothing was imported.") from None
    if not isinstance(data, dict):
        raise UNDocumentsError(f"{path}: not a JSON object of documents; nothing was imported.")
    english = {row.document_id: row.summary for row in rows}
    languages = other_languages()
    summaries = {}

    def bad(where, problem):
        return UNDocumentsError(f"{path.name} ({where}): {problem}; nothing was imported.")

    for document, texts in data.items():
        if document.startswith("_"):
            continue  # a comment
        in_library = document in known or document[:SLUG_LENGTH].strip("-") in known  # a slug is cut short
        if document not in english and not in_library:
            raise bad(document, f"not a document of {FILE_NAME} or the library")
        if not isinstance(texts, dict):
            raise bad(document, "not a list of texts by language")
        for language, text in texts.items():
            if language != settings.LANGUAGE_CODE and language not in languages:
                raise bad(document, f"unknown language {language!r}")
            if not isinstance(text, str) or not text.strip():
                raise bad(f"{document}, {language}", "the text is empty")
        if document in english and texts.get(settings.LANGUAGE_CODE) == english[document]:
            summaries[document] = {language: texts[language].strip() for language in languages if language in texts}
    return summaries


@dataclass
class Translations:
    """The titles and summaries in the other languages, by document."""

    titles: dict
    summaries: dict

    def title(self, row, language):
        return self.titles.get(row.symbol, {}).get(language) or resolution_title(row.symbol, language)

    def fields(self, row):
        """{field: {language: text}} for ``row``."""
        languages = other_languages()
        return {
            "title": {language: self.title(row, language) for language in languages},
            "summary": {language: self.summaries.get(row.document_id, {}).get(language, "") for language in languages},
        }


def read_translations(rows, titles_path=None, summaries_path=None):
    known = library_documents()
    return Translations(
        titles=read_titles(titles_path or TITLES, rows, known),
        summaries=read_summaries(summaries_path or SUMMARIES, rows, known),
    )


def fill_translations(page, parent, fields):
    """Write the texts of ``fields`` ({field: {language: text}}) into ``page``'s empty columns, and a
    slug for each language given a title (kept as short as the English one, unique among its
    siblings in that language; ``parent``: the parent of a page not yet saved). Returns how many
    columns were filled."""
    filled = 0
    for field, values in fields.items():
        for language, text in values.items():
            column = build_localized_fieldname(field, language)
            if text and not getattr(page, column, None):
                setattr(page, column, text)
                filled += 1
    for language, title in fields.get("title", {}).items():
        slug_column = build_localized_fieldname("slug", language)
        ours = title and getattr(page, build_localized_fieldname("title", language)) == title
        base = translated_slug(title, language)[:SLUG_LENGTH].strip("-")
        if not ours or not base or getattr(page, slug_column, None):
            continue
        parent = parent or page.get_parent()  # where an editor may have moved it
        setattr(page, slug_column, numbered_slug(base, sibling_slugs(page, parent, language), SLUG_LENGTH))
    return filled


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


def load(index_page, path, recorded, remember, titles_path=None, summaries_path=None):
    """Create a resource page under ``index_page`` for every row not created before, and fill the
    empty translated titles and summaries of those created before.

    ``recorded(key)`` answers (seen, object) and ``remember(key, obj)`` records a creation (the initial
    content command's bookkeeping), so a rerun creates nothing twice and leaves editors' changes and
    deletions alone: a translation only fills an empty field, and a page with a waiting draft is left
    to its editors. Every file is checked before anything is written. Returns (pages created,
    translations filled in)."""
    rows = read_rows(path)
    translations = read_translations(rows, titles_path, summaries_path)
    created = filled = 0
    for row in rows:
        seen, page = recorded(row.key)
        if seen:
            if page is None:
                continue  # deleted by an editor: respected
            page = page.specific
            if page.has_unpublished_changes:
                continue  # an editor's draft is waiting: do not publish over it
            count = fill_translations(page, None, translations.fields(row))
            if count:
                page.save_revision(log_action=True).publish()
                filled += count
            continue
        page = build_page(row)
        page.slug = unique_slug(index_page, page.slug)
        fill_translations(page, index_page, translations.fields(row))
        index_page.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        page.refresh_from_db()
        remember(row.key, page)
        created += 1
    return created, filled
