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
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django_countries import countries

from core.dates import parse_precise_date

from .models import SOURCE_SEPARATOR, UNText, official_url_for, symbol_slug

FILE_NAME = "un-texts-r2p.csv"
SHIPPED_COPY = Path(__file__).resolve().parent / "initial_content" / FILE_NAME
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

    def notes(self, path_name):
        return (
            f"Imported from {path_name} (verified: {self.verified or 'empty'}: {VERIFIED[self.verified]}). "
            "Not yet checked against the official UN text."
        )


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


def build(row, path_name):
    """An unsaved record for ``row`` (English text; translators add the other languages)."""
    return UNText(
        symbol=row.symbol,
        slug=symbol_slug(row.symbol),
        body=row.body,
        date=row.date,
        date_precision=row.precision,
        subject=row.subject,
        countries=row.countries,
        reference_kind=row.reference_kind,
        reference=row.reference,
        vote=row.vote,
        official_url=official_url_for(row.symbol, row.date.year if row.date else None),
        sources="\n".join(row.sources),
        verified=False,
        verification_notes=row.notes(path_name),
    )


def load(path, recorded, remember):
    """Create a record for every row not created before and not already added by staff.

    ``recorded(key)`` answers (seen, object) and ``remember(key, obj)`` records a creation (the initial
    content command's bookkeeping): a rerun creates nothing twice, never overwrites what staff changed
    and never brings back what they deleted. Returns the number of records created."""
    path = Path(path)
    rows = read_rows(path)
    existing = dict(UNText.objects.filter(symbol__in=[row.symbol for row in rows]).values_list("symbol", "pk"))
    created = 0
    for row in rows:
        seen, _text = recorded(row.key)
        if seen:
            continue
        if row.symbol in existing:
            remember(row.key, UNText.objects.get(pk=existing[row.symbol]))  # staff added it first: theirs
            continue
        text = build(row, path.name)
        text.save()
        text.save_revision(log_action=True, changed=False)  # written live: not a draft
        remember(row.key, text)
        created += 1
    return created
