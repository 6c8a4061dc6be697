"""Reading ``un-texts-r2p.csv`` (UN texts that refer to RtoP, each row from a named source) into
``UNText`` records, with the same care as the UN documents loader (``resources.un_documents``).

The file is read and checked whole before anything is written: a bad row stops the import with its
line number, its symbol and what is wrong, and nothing changes. Dates keep their precision (``2013``
is a year, ``2005-09`` a month; an empty date stays empty). The file's ``verified`` column (``yes``:
symbol and full date read in a source; ``partly``: the date only to the year or month) goes to the
staff-only notes: no text is marked as checked against the official UN copy, which staff do in the
admin. How a text refers to RtoP is the file's ``reference_kind`` column when it has one, else
read from the paraphrase (``reference_kind_of``).
"""

import csv
import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from core.dates import DatePrecision, parse_precise_date

from .models import SOURCE_SEPARATOR, UNText, official_url_for, symbol_slug

FILE_NAME = "un-texts-r2p.csv"
SHIPPED_COPY = Path(__file__).resolve().parent / "initial_content" / FILE_NAME
SUBJECTS = Path(__file__).resolve().parent / "initial_content" / "subjects.json"
COLUMNS = ("symbol", "body", "date", "subject", "country_iso2", "reference", "vote", "source_url", "verified")

BODIES = {
    "security council": UNText.Body.SC_RESOLUTION,
    "security council resolution": UNText.Body.SC_RESOLUTION,
    "security council presidential statement": UNText.Body.SC_STATEMENT,
    "general assembly": UNText.Body.GA_RESOLUTION,
    "general assembly resolution": UNText.Body.GA_RESOLUTION,
    "human rights council": UNText.Body.HRC_RESOLUTION,
    "human rights council resolution": UNText.Body.HRC_RESOLUTION,
}
VERIFIED = {
    "yes": "the symbol and the full date were read in a source",
    "partly": "the date was read only to the year or month",
    "": "the file says nothing about its checks",
}
# The paraphrase names the norm itself: RtoP / R2P, paragraphs 138-139 of the 2005 World Summit
# Outcome, or an explicit reference. Anything else (a State's "primary responsibility to protect its
# population", Pillar I-type wording) is pillar-one language (shared/content/README.md).
NAMES_THE_NORM = re.compile(
    r"\bR(?:to|2)P\b|\bparas?\.?\s*138|\bparagraphs?\s*138|World Summit Outcome|explicit reference to the "
    r"responsibility to protect",
    re.IGNORECASE,
)


# The file's researchers wrote notes on their sources and doubts into the paraphrase and the vote
# ("(per ICRtoP)", "exact wording not yet read", "[... cut off in the excerpt read]", "a reposted copy
# lists ..."). Those are staff matters: ``public_and_notes`` moves them to the staff-only notes and
# keeps only the file's own words for visitors (nothing is reworded or added, except "…" where a
# clause was cut off).
SOURCE_NOTE = re.compile(
    r"\bper\b|\bvia\b|not (?:yet )?read|wording read|excerpt read|cut off|\bcopy\b|\bGCR2P\b|\bICRtoP\b|"
    r"Pillar I-type|no explicit|source gives",
    re.IGNORECASE,
)
LEADING_ATTRIBUTION = re.compile(r"^Per [^,;]+(?:\([^)]*\))?,\s*", re.IGNORECASE)
BRACKETED = re.compile(r"\s*\[[^\]]*\]")
PARENTHESISED = re.compile(r"\s*\(([^()]*)\)")


def _capitalised(text):
    return text[:1].upper() + text[1:]


def public_and_notes(text):
    """(what visitors read, [notes for staff]) of a paraphrase or a vote from the file."""
    notes = []
    text = (text or "").strip()
    found = LEADING_ATTRIBUTION.match(text)
    if found:
        notes.append(found.group(0).strip().rstrip(","))
        text = _capitalised(text[found.end() :])

    def bracket(match):
        notes.append(match.group(0).strip())
        return " …"

    def parenthesis(match):
        parts = [part.strip() for part in match.group(1).split(";")]
        kept = [part for part in parts if not SOURCE_NOTE.search(part)]
        if len(kept) == len(parts):
            return match.group(0)
        notes.append(match.group(0).strip())
        return f" ({'; '.join(kept)})" if kept else ""

    text = BRACKETED.sub(bracket, text)
    text = PARENTHESISED.sub(parenthesis, text)
    clauses = [clause.strip() for clause in text.split(";")]
    kept = [clause for clause in clauses if clause and not SOURCE_NOTE.search(clause)]
    notes.extend(clause for clause in clauses if clause and SOURCE_NOTE.search(clause))
    return "; ".join(kept).strip(), notes


class UNTextsError(Exception):
    """A row of the file cannot be imported; the message names the file, the line and the problem."""


def default_path():
    """The shared content folder's file when it is there, else the copy shipped with the code."""
    shared = Path(settings.SHARED_CONTENT_DIR) / FILE_NAME
    return shared if shared.exists() else SHIPPED_COPY


def reference_kind_of(paraphrase):
    return UNText.Reference.EXPLICIT if NAMES_THE_NORM.search(paraphrase or "") else UNText.Reference.PILLAR_ONE


@dataclass
class Row:
    line: int
    symbol: str
    body: str
    date: date | None
    precision: str
    subject: str
    countries: list
    reference_kind: str
    reference: str
    vote: str
    sources: list
    verified: str

    @property
    def key(self):
        return f"un-text:{self.symbol}"

    @property
    def public_reference(self):
        return public_and_notes(self.reference)[0]

    @property
    def public_vote(self):
        return public_and_notes(self.vote)[0]

    def source_notes(self):
        """The file's notes on its sources and doubts, kept for staff ("" when there are none)."""
        moved = public_and_notes(self.reference)[1] + public_and_notes(self.vote)[1]
        if not moved:
            return ""
        return "The file's notes on its sources (not shown publicly): " + " | ".join(moved) + "."

    def notes(self, path_name):
        checks = (
            f"Imported from {path_name} (verified: {self.verified or 'empty'}: {VERIFIED[self.verified]}). "
            "Not yet checked against the official UN text."
        )
        return "\n".join(part for part in (checks, self.source_notes()) if part)


def read_rows(path):
    """Every row of the file, checked. Raises UNTextsError naming the first bad row."""
    path = Path(path)
    if not path.exists():
        raise UNTextsError(f"{path}: file not found")
    check_url = URLValidator(schemes=["http", "https"])
    rows, symbols = [], {}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                raise UNTextsError(f"{path}, line 1: missing column(s) {', '.join(missing)}; nothing was imported.")
            has_kind = "reference_kind" in (reader.fieldnames or [])
            for line, raw in enumerate(reader, start=2):
                values = {column: (raw.get(column) or "").strip() for column in (*COLUMNS, "reference_kind")}
                label = values["symbol"] or "(no symbol)"

                def bad(problem, line=line, label=label):
                    return UNTextsError(f"{path.name}, line {line} ({label}): {problem}; nothing was imported.")

                if None in raw:
                    raise bad("more values than columns")
                symbol = values["symbol"]
                if not symbol:
                    raise bad("the symbol is empty")
                if len(symbol) > 100 or not symbol_slug(symbol):
                    raise bad("the symbol is longer than 100 characters or has no letters or digits")
                if symbol in symbols:
                    raise bad(f"the same symbol as line {symbols[symbol]}")
                symbols[symbol] = line
                body = BODIES.get(values["body"].lower())
                if body is None:
                    raise bad(f"the body {values['body']!r} is not one of: {', '.join(sorted(set(BODIES)))}")
                day, precision = None, ""
                if values["date"]:
                    try:
                        day, precision = parse_precise_date(values["date"])
                    except ValueError:
                        raise bad(f"the date {values['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
                if not values["subject"] or len(values["subject"]) > 300:
                    raise bad("the subject is empty or longer than 300 characters")
                codes = [code.strip().upper() for code in values["country_iso2"].split(";") if code.strip()]
                unknown = [code for code in codes if code not in countries]
                if unknown:
                    raise bad(f"unknown country code(s) {', '.join(unknown)} (ISO 3166-1 alpha-2 expected)")
                if not values["reference"]:
                    raise bad("the reference is empty")
                kind = values["reference_kind"] if has_kind and values["reference_kind"] else ""
                if kind and kind not in UNText.Reference.values:
                    raise bad(f"the reference kind {kind!r} is not one of {', '.join(UNText.Reference.values)}")
                if len(values["vote"]) > 300:
                    raise bad("the vote is longer than 300 characters")
                sources = [part for part in SOURCE_SEPARATOR.split(values["source_url"]) if part]
                for address in sources:
                    try:
                        check_url(address)
                    except ValidationError:
                        raise bad(f"the source {address!r} is not a web address") from None
                if values["verified"] not in VERIFIED:
                    raise bad(f"verified is {values['verified']!r}, not yes, partly or empty")
                rows.append(
                    Row(
                        line=line,
                        symbol=symbol,
                        body=body,
                        date=day,
                        precision=precision,
                        subject=values["subject"],
                        countries=codes,
                        reference_kind=kind or reference_kind_of(values["reference"]),
                        reference=values["reference"],
                        vote=values["vote"],
                        sources=sources,
                        verified=values["verified"],
                    )
                )
    except UnicodeDecodeError as error:
        raise UNTextsError(f"{path}: not UTF-8 text ({error}); nothing was imported.") from None
    except csv.Error as error:
        raise UNTextsError(f"{path}: not a readable CSV file ({error}); nothing was imported.") from None
    return rows


PRECISION_RANK = {"": 0, DatePrecision.YEAR: 1, DatePrecision.MONTH: 2, DatePrecision.DAY: 3}


@dataclass
class PreciseDate:
    """A more precise date for a text, from the UN documents list (``un-documents.csv``)."""

    date: date
    precision: str
    sources: list  # the addresses its ``verified`` column names
    file_name: str

    def note(self, row):
        return (
            f"The date {self.date.isoformat()} (a {self.precision}) is from {self.file_name}, checked there in: "
            f"{'; '.join(self.sources)}. {row_file_date(row)}"
        )


def row_file_date(row):
    shown = row.date.isoformat()[: {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7}.get(row.precision, 10)]
    return f"{FILE_NAME} gives {shown}."


def more_precise_dates(rows):
    """{symbol: PreciseDate} for the rows whose date the UN documents list (``un-documents.csv``, read
    by ``resources.un_documents``) gives more precisely, for the same symbol, within the same period
    (2005-09-16 for a text known as 2005-09; never another month or year), and checked in sources it
    names. A row without a date gets none (nothing to agree with). A missing or bad list gives nothing:
    the texts keep their own dates."""
    from resources import un_documents

    try:
        path = un_documents.default_path()
        documents = {document.symbol: document for document in un_documents.read_rows(path) if document.symbol}
    except un_documents.UNDocumentsError:
        return {}
    found = {}
    for row in rows:
        document = documents.get(row.symbol)
        if document is None or row.date is None or not document.date:
            continue
        if PRECISION_RANK[document.precision] <= PRECISION_RANK[row.precision]:
            continue
        same_period = document.date.year == row.date.year and (
            row.precision == DatePrecision.YEAR or document.date.month == row.date.month
        )
        sources = [
            part for part in SOURCE_SEPARATOR.split(document.verified) if part.startswith(("http://", "https://"))
        ]
        if same_period and sources:
            found[row.symbol] = PreciseDate(document.date, document.precision, sources, path.name)
    return found


def with_precise_date(text, row, precise):
    """``text`` (unsaved or unchanged since the import) with the more precise date and where it was read."""
    text.date, text.date_precision = precise.date, precise.precision
    text.date_sources = "\n".join(precise.sources)
    note = precise.note(row)
    if note not in text.verification_notes:
        text.verification_notes = "\n".join(part for part in (text.verification_notes, note) if part)
    return text


def upgrade_earlier_date(text, row, precise):
    """A text imported before with the file's own date, which staff have not changed since, gets the more
    precise date and its sources (a second run changes nothing)."""
    if text.date != row.date or text.date_precision != row.precision or text.date_sources:
        return False
    with_precise_date(text, row, precise).save()
    text.save_revision(log_action=True, changed=False)  # the admin's form opens on the new date too
    return True


def build(row, path_name):
    """An unsaved record for ``row`` (English text; translators add the other languages)."""
    return UNText(
        symbol=row.symbol,
        slug=symbol_slug(row.symbol),
        body=row.body,
        date=row.date,
        date_precision=row.precision,
        subject=english_subject(row.subject),
        countries=row.countries,
        reference_kind=row.reference_kind,
        reference=row.public_reference,
        vote=row.public_vote,
        official_url=official_url_for(row.symbol, row.date.year if row.date else None),
        sources="\n".join(row.sources),
        verified=False,
        verification_notes=row.notes(path_name),
    )


@functools.cache
def subjects():
    """``subjects.json``: {"corrections": {file's English: corrected}, language: {English: translation}}."""
    return json.loads(SUBJECTS.read_text(encoding="utf-8"))


def english_subject(subject):
    """The file's subject, with the shipped corrections ("Cote d'Ivoire" → "Côte d'Ivoire")."""
    return subjects()["corrections"].get(subject, subject)


def translate_subject(text, row):
    """Correct the English subject while it is still the file's, and fill the translations that are still
    empty while the English is still the one translated (a staff member's subject keeps theirs). Returns
    the fields changed (unsaved)."""
    changed = []
    if text.subject_en == row.subject and english_subject(row.subject) != row.subject:
        text.subject_en = english_subject(row.subject)
        changed.append("subject_en")
    for language, translations in subjects().items():
        if language == "corrections" or language.startswith("_"):
            continue
        column = build_localized_fieldname("subject", language)
        translation = translations.get(text.subject_en)
        if translation and not getattr(text, column, ""):
            setattr(text, column, translation)
            changed.append(column)
    return changed


def clean_earlier_import(text, row):
    """A record an earlier version of this loader wrote with the file's source notes in its public
    fields: the notes go to the staff-only notes, visitors see the clean wording. Only fields that still
    hold exactly the file's raw value change (what staff edited stays theirs); a second run changes
    nothing."""
    changed = []
    if text.reference == row.reference and row.public_reference != row.reference:
        text.reference = row.public_reference
        changed.append("reference")
    if text.vote == row.vote and row.public_vote != row.vote:
        text.vote = row.public_vote
        changed.append("vote")
    if not changed:
        return False
    notes = row.source_notes()
    if notes and notes not in text.verification_notes:
        text.verification_notes = "\n".join(part for part in (text.verification_notes, notes) if part)
        changed.append("verification_notes")
    text.save()
    return True


def load(path, recorded, remember):
    """Create a record for every row not created before and not already added by staff.

    ``recorded(key)`` answers (seen, object) and ``remember(key, obj)`` records a creation (the initial
    content command's bookkeeping): a rerun creates nothing twice, never overwrites what staff changed
    and never brings back what they deleted. Returns the number of records created."""
    path = Path(path)
    rows = read_rows(path)
    existing = dict(UNText.objects.filter(symbol__in=[row.symbol for row in rows]).values_list("symbol", "pk"))
    precise = more_precise_dates(rows)
    created = 0
    for row in rows:
        seen, text = recorded(row.key)
        if seen:
            if text is not None:
                clean_earlier_import(text, row)
                if row.symbol in precise:
                    upgrade_earlier_date(text, row, precise[row.symbol])
                if translate_subject(text, row):
                    text.save()
                    text.save_revision(log_action=True, changed=False)  # the admin's form opens on them too
            continue
        if row.symbol in existing:
            remember(row.key, UNText.objects.get(pk=existing[row.symbol]))  # staff added it first: theirs
            continue
        text = build(row, path.name)
        translate_subject(text, row)
        if row.symbol in precise:
            with_precise_date(text, row, precise[row.symbol])
        text.save()
        text.save_revision(log_action=True, changed=False)  # written live: not a draft
        remember(row.key, text)
        created += 1
    return created
