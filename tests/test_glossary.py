"""The terminology glossary (``locale/glossary.csv``) is kept: no interface catalogue and no file of
initial content uses a form the glossary rules out in its language, and the interface's own entry for
a glossary term (``msgid`` column) uses the required form.

A failure names the language, the ruled-out form, the required one and where it was found, so a
translator can fix it in the catalogue or the content file."""

import csv
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "locale" / "glossary.csv"
LANGUAGES = ["fr", "es", "ar", "zh-hans", "ru"]
CATALOGUE_DIR = {"fr": "fr", "es": "es", "ar": "ar", "zh-hans": "zh_Hans", "ru": "ru"}
# Initial content whose texts are keyed by language code, anywhere in the tree.
KEYED_CONTENT = [
    "engagement/initial_content/pages.json",
    "publishing/initial_content/levels.json",
    "resources/initial_content/un-document-summaries.json",
    "untexts/initial_content/page.json",
    "untexts/initial_content/subjects.json",
]


def glossary_rows():
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ruled_out(row):
    return [form.strip() for form in row["ruled_out"].split("|") if form.strip()]


def catalogue(language):
    return polib.pofile(str(ROOT / "locale" / CATALOGUE_DIR[language] / "LC_MESSAGES" / "django.po"))


def catalogue_texts(language):
    """(where, text) for every translation in the language's interface catalogue."""
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            if text:
                yield f"django.po: {entry.msgid!r}", text


def _language_strings(node, language, path, inside=False):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _language_strings(value, language, f"{path}.{key}", inside or key == language)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _language_strings(value, language, f"{path}[{index}]", inside)
    elif isinstance(node, str) and inside:
        yield path, node


def content_texts(language):
    """(where, text) for every text of the language in the initial content."""
    own = ROOT / "pages" / "initial_content" / f"{language}.json"
    data = json.loads(own.read_text(encoding="utf-8"))
    yield from _language_strings(data, language, own.name, inside=True)
    for name in KEYED_CONTENT:
        data = json.loads((ROOT / name).read_text(encoding="utf-8"))
        yield from _language_strings(data, language, name, inside=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_un_documents_summaries_are_checked(language):
    """The library's own summaries of UN documents (not the UN's titles, which are quoted as they
    stand) follow the glossary."""
    where = [where for where, _text in content_texts(language) if where.startswith("resources/")]
    assert len(where) >= 30, where


def test_glossary_covers_every_term_in_every_language_with_a_source():
    rows = glossary_rows()
    terms = {row["term"] for row in rows}
    assert {"Responsibility to Protect", "crimes against humanity", "newsletter", "press release"} <= terms
    for term in terms:
        languages = sorted(row["language"] for row in rows if row["term"] == term)
        assert languages == sorted(LANGUAGES), term
    for row in rows:
        assert row["required"].strip() and row["source"].strip(), row
        for form in ruled_out(row):
            assert row["required"].casefold() not in form.casefold() or form != row["required"], row


def unquoted(text):
    """The text without what it quotes in guillemets: a document's official title is cited as it is
    («Выполнение обязанности защищать», A/63/677), whatever the site's own term."""
    return re.sub(r"«[^»]*»", "", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_or_content_uses_a_ruled_out_form(language):
    rows = [row for row in glossary_rows() if row["language"] == language]
    texts = [*catalogue_texts(language), *content_texts(language)]
    problems = [
        f"{where}: {form!r} (use {row['required']!r}, {row['term']}): {text[:120]!r}"
        for row in rows
        for form in ruled_out(row)
        for where, text in texts
        if form in unquoted(text)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_interface_entries_of_glossary_terms_use_the_required_form(language):
    po = catalogue(language)
    problems = []
    for row in glossary_rows():
        if row["language"] != language or not row["msgid"]:
            continue
        entries = [entry for entry in po if entry.msgid == row["msgid"] and not entry.obsolete]
        assert entries, f"{row['msgid']!r} is not in the {language} catalogue"
        for entry in entries:
            if row["required"].casefold() not in entry.msgstr.casefold():
                problems.append(f"{row['msgid']!r} is {entry.msgstr!r}, the glossary requires {row['required']!r}")
    assert not problems, "\n".join(problems)
