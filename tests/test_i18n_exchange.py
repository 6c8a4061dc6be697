"""PO files for outside translators: export, then import, round-trips every field without loss; a
changed English source or a malformed file is reported and nothing is written."""

import io

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField

from core.streams import is_blank, stream_raw
from core.translatable import units_of
from pages.models import HistoryPage, HomePage, StandardPage
from translations.exchange import ExchangeError, export_po, import_po, load_target
from translations.registry import KINDS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]


def translate(text):
    """A French stand-in that keeps rich text's tags where they are."""
    if text.startswith("<"):
        head, _sep, tail = text.partition(">")
        return f"{head}>FR {tail}"
    return f"FR {text}"


def without_ids(raw):
    if isinstance(raw, list):
        return [without_ids(item) for item in raw]
    if isinstance(raw, dict):
        return {k: without_ids(v) for k, v in raw.items() if k != "id"}
    return raw


def latest(kind, obj):
    """The record as the importer sees it (a page's latest revision, children held in memory)."""
    return load_target(kind.key, obj.pk).obj


def french_snapshot():
    """Every French value of every record (pages as their latest revision, children included)."""
    snapshot = {}
    for kind in KINDS:
        for obj in kind.objects():
            for unit in units_of(latest(kind, obj)):
                if is_blank(unit.english):
                    continue  # nothing to translate
                column = build_localized_fieldname(unit.field, "fr")
                if isinstance(unit.obj._meta.get_field(column), StreamField):
                    value = without_ids(stream_raw(unit.obj, column))
                else:
                    value = getattr(unit.obj, column)
                snapshot[(kind.key, obj.pk, type(unit.obj).__name__, unit.obj.pk, unit.field)] = value
    return snapshot


def clear_french():
    for kind in KINDS:
        for obj in kind.objects():
            target = latest(kind, obj)
            for unit in units_of(target):
                column = build_localized_fieldname(unit.field, "fr")
                stream = isinstance(unit.obj._meta.get_field(column), StreamField)
                setattr(unit.obj, column, [] if stream else None)
            if kind.key == "page":
                target.save_revision().publish()
            else:
                target.save()


def filled_french_po():
    po = export_po("fr")
    for entry in po:
        entry.msgstr = translate(entry.msgid)
    return po


def test_export_has_one_entry_per_text_leaf_with_context_and_no_json():
    po = export_po("fr")
    assert po.metadata["Language"] == "fr"
    contexts = [entry.msgctxt for entry in po]
    assert len(contexts) == len(set(contexts))
    home = HomePage.objects.get()
    assert f"page:{home.pk}:hero_heading" in contexts
    assert any(c.startswith(f"page:{home.pk}:calls_to_action:0:call_to_action/") for c in contexts)
    history = HistoryPage.objects.get()
    event = history.events.first()
    assert f"page:{history.pk}:events:{event.pk}:title" in contexts
    assert not any('"type"' in entry.msgid or '"value"' in entry.msgid for entry in po)
    assert not any(c.endswith(":slug") for c in contexts)
    paragraphs = [e for e in po if ":body:" in e.msgctxt and ":paragraph" in e.msgctxt]
    assert paragraphs and all(e.msgid.startswith("<") and "html-text" in e.flags for e in paragraphs)


@pytest.mark.slow
def test_export_then_import_round_trips_every_field(tmp_path):
    # Start from no French at all: the shipped French slugs would otherwise survive the first import
    # and then be derived again from the imported names (slugs are not exchanged, they follow names).
    clear_french()
    import_po(filled_french_po())  # a complete French translation, applied once
    before = french_snapshot()
    assert before and all(value not in (None, "", []) for value in before.values())

    path = tmp_path / "site-fr.po"
    call_command("export_translations", "--language", "fr", "--output", str(path), stderr=io.StringIO())
    exported = polib.pofile(str(path))
    assert all(entry.msgstr for entry in exported)

    clear_french()
    assert all(value in (None, "", []) for value in french_snapshot().values())
    out = io.StringIO()
    call_command("import_translations", str(path), stdout=out)
    assert "Applied" in out.getvalue()
    assert french_snapshot() == before

    # and what visitors see is the French text
    about = StandardPage.objects.get(slug_en="about")
    assert about.intro_fr == translate(about.intro_en)


def test_a_changed_english_source_is_reported_and_nothing_is_written():
    po = filled_french_po()
    about = StandardPage.objects.get(slug_en="about")
    about.intro_en = "A new English introduction."
    about.save_revision().publish()
    title_fr_before = StandardPage.objects.get(pk=about.pk).title_fr
    home_before = HomePage.objects.get().hero_heading_fr

    with pytest.raises(ExchangeError) as error:
        import_po(po)
    assert any(
        f"page:{about.pk}:intro" in problem and "English text changed" in problem for problem in error.value.problems
    )
    assert StandardPage.objects.get(pk=about.pk).title_fr == title_fr_before
    assert HomePage.objects.get().hero_heading_fr == home_before


def test_the_command_reports_problems_by_msgctxt(tmp_path):
    po = filled_french_po()
    about = StandardPage.objects.get(slug_en="about")
    about.intro_en = "Changed."
    about.save_revision().publish()
    path = tmp_path / "fr.po"
    po.save(str(path))
    with pytest.raises(CommandError, match=rf"(?s)Nothing was imported.*page:{about.pk}:intro"):
        call_command("import_translations", str(path), stdout=io.StringIO())


@pytest.mark.parametrize(
    "content",
    [
        'msgid "unterminated\nmsgstr "x"\n',
        "this is not a PO file at all {}\n",
        '#, fuzzy\nmsgctxt "page:1:title"\nmsgid "a"\nmsgstr "b"\nmsgstr "c"\n',
    ],
)
def test_a_malformed_file_gives_a_clear_error_and_changes_nothing(tmp_path, content):
    before = french_snapshot()
    path = tmp_path / "broken.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_translations", str(path), "--language", "fr", stdout=io.StringIO())
    assert french_snapshot() == before


def test_unknown_records_and_fields_are_errors_and_nothing_is_written():
    po = filled_french_po()
    po.append(polib.POEntry(msgctxt="page:999999:title", msgid="Gone", msgstr="Parti"))
    po.append(polib.POEntry(msgctxt="member:abc:name", msgid="x", msgstr="y"))
    before = french_snapshot()
    with pytest.raises(ExchangeError) as error:
        import_po(po)
    problems = "\n".join(error.value.problems)
    assert "page:999999:title" in problems and "no longer exists" in problems
    assert "member:abc:name" in problems
    assert french_snapshot() == before


def test_a_file_for_another_language_is_refused():
    po = filled_french_po()
    with pytest.raises(ExchangeError, match="for language 'fr', not 'es'"):
        import_po(po, language="es")


def test_a_page_with_a_waiting_draft_gets_a_new_draft_not_a_publication():
    about = StandardPage.objects.get(slug_en="about")
    draft = about.get_latest_revision_as_object()
    draft.intro_en = draft.intro_en  # same English, but an editor's draft is waiting
    draft.save_revision()
    po = export_po("fr")
    for entry in po:
        if entry.msgctxt == f"page:{about.pk}:title":
            entry.msgstr = "À propos de la Coalition"
    report = import_po(po)
    assert about.pk in report.drafts and about.pk not in report.published
    about.refresh_from_db()
    assert about.title_fr != "À propos de la Coalition"  # live page unchanged
    assert about.get_latest_revision_as_object().title_fr == "À propos de la Coalition"


def test_a_partly_translated_stream_is_not_applied_and_is_reported():
    home = HomePage.objects.get()
    clear_french()
    po = export_po("fr")
    first_cta = [e for e in po if e.msgctxt.startswith(f"page:{home.pk}:calls_to_action:0:")]
    for entry in first_cta:
        entry.msgstr = translate(entry.msgid)
    report = import_po(po)
    assert f"page:{home.pk}:calls_to_action" in report.skipped_streams
    assert len(HomePage.objects.get().calls_to_action_fr) == 0
