"""Gettext PO files for outside translators.

One PO entry per translatable text:

- ``msgctxt`` names the text: ``<kind>:<id>:<field>`` (``page:5:intro``, ``member:12:description``),
  ``page:<id>:<relation>:<child id>:<field>`` for a page's children (``page:5:events:31:title``), and
  for StreamFields one entry per text leaf (CharBlock, TextBlock, RichTextBlock) with the leaf's
  place in the English stream: ``page:3:calls_to_action:1:call_to_action/link_label``
  (block 1 of the stream, a ``call_to_action``, its ``link_label``). Translators never see JSON.
- ``msgid`` is the English source, ``msgstr`` the current translation (empty when there is none);
  rich text is HTML whose tags and attributes must be kept.

Slugs are not exchanged: an empty translated slug is made from the translated title or name on
import. Import is all-or-nothing: every entry is checked first (the record still exists, its English
source still equals the msgid), and one problem means nothing is written.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

import polib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import to_language, to_locale
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin

from core.slugs import translated_slug
from core.streams import is_blank, stream_leaves, stream_raw
from core.translatable import (
    DEFAULT_LANGUAGE,
    field_label,
    is_site_root,
    other_languages,
    translated_children,
    translated_fields,
)

from .registry import KINDS, KINDS_BY_KEY, object_label
from .staleness import Sources, previous_leaves, record_sources

NOT_EXCHANGED = {"slug"}  # derived from the translated title / name on import
HTML_NOTE = "Rich text (HTML): keep the tags and their attributes exactly as they are; translate the text."


class ExchangeError(Exception):
    """A file that cannot be applied; ``problems`` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --- what is exchanged ------------------------------------------------------------------------


@dataclass
class Text:
    """One exchanged text: where it lives, its English source and its current translation."""

    context: str
    source: str
    translation: str
    comment: str
    is_html: bool = False
    previous: str | None = None  # the English the translation was made from, when it is out of date


@dataclass
class Target:
    """A record whose translations are read or written: a page (as its latest revision, which
    carries its children) or a snippet record."""

    kind: str
    obj: object
    page: Page | None = None
    had_unpublished_changes: bool = False
    changed: set = field(default_factory=set)


def load_target(kind_key, pk, drafts=False):
    """The record to read or write. ``drafts``: a record's waiting draft rather than its published
    copy (the translation view, whose saves are reviewed)."""
    kind = KINDS_BY_KEY.get(kind_key)
    if kind is None:
        return None
    obj = kind.get(pk)
    if obj is None:
        return None
    if kind_key == "page":
        # The latest revision (what editors see, children included, held in memory); a page
        # without revisions is copied the same way, so that its children can be edited in memory.
        latest = (
            obj.get_latest_revision_as_object()
            if obj.latest_revision_id
            else obj.with_content_json(obj.serializable_data())
        )
        # Hold the translated children (timeline events) in memory, so that edits to them are
        # part of the revision saved below.
        for relation in {relation for relation, _child in translated_children(latest)}:
            manager = getattr(latest, relation)
            manager.set(list(manager.all()))
        return Target(kind_key, latest, page=obj, had_unpublished_changes=obj.has_unpublished_changes)
    if drafts and getattr(obj, "has_unpublished_changes", False) and obj.latest_revision_id:
        return Target(kind_key, obj.get_latest_revision_as_object(), had_unpublished_changes=True)
    return Target(kind_key, obj)


def texts_of(target, language, sources=None):
    """Every exchanged text of a record (and of its translated children), English non-empty."""
    sources = sources or Sources()
    obj = target.obj
    prefix = f"{target.kind}:{obj.pk}"
    name = object_label(obj)
    items = list(_field_texts(obj, prefix, name, language, sources))
    for relation, child in translated_children(obj):
        child_prefix = f"{prefix}:{relation}:{child.pk}"
        child_name = f"{name} › {child._meta.verbose_name} “{object_label(child)}”"
        items.extend(_field_texts(child, child_prefix, child_name, language, sources))
    return items


def _field_texts(obj, prefix, name, language, sources):
    model = type(obj)
    for field_name in translated_fields(model):
        if field_name in NOT_EXCHANGED:
            continue
        label = field_label(model, field_name)
        english_column = build_localized_fieldname(field_name, DEFAULT_LANGUAGE)
        column = build_localized_fieldname(field_name, language)
        model_field = model._meta.get_field(english_column)
        previous = sources.stale(obj, field_name, language)
        if isinstance(model_field, StreamField):
            previous_texts = previous_leaves(previous) if previous is not None else {}
            stream_block = model_field.stream_block
            current = {path: text for path, _h, _k, text, _html in stream_leaves(stream_block, stream_raw(obj, column))}
            for path, _h, _k, text, is_html in stream_leaves(stream_block, stream_raw(obj, english_column)):
                if is_blank(text):
                    continue
                leaf_previous = None
                if previous is not None and current.get(path) and previous_texts.get(path) != text:
                    leaf_previous = previous_texts.get(path, "")
                yield Text(
                    f"{prefix}:{field_name}:{path}",
                    text,
                    current.get(path, ""),
                    f"{name} — {label} ({path})" + (f"\n{HTML_NOTE}" if is_html else ""),
                    is_html,
                    leaf_previous,
                )
        else:
            english = getattr(obj, english_column, None)
            if is_blank(english):
                continue
            is_html = isinstance(model_field, RichTextField)
            yield Text(
                f"{prefix}:{field_name}",
                str(english),
                str(getattr(obj, column, None) or ""),
                f"{name} — {label}" + (f"\n{HTML_NOTE}" if is_html else ""),
                is_html,
                previous,
            )


# --- export ----------------------------------------------------------------------------------


def check_language(language):
    if language not in other_languages():
        raise ExchangeError([f"Unknown language {language!r}: choose among {', '.join(other_languages())}."])


def export_po(language):
    """A ``polib.POFile`` with every translatable text of the site for ``language``."""
    check_language(language)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "ICRtoP website content",
        "POT-Creation-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Language": to_locale(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": DEFAULT_LANGUAGE,
    }
    sources = Sources()
    with translation.override(DEFAULT_LANGUAGE):
        for kind in KINDS:
            for obj in kind.objects():
                target = load_target(kind.key, obj.pk)
                for text in texts_of(target, language, sources):
                    flags = ["html-text"] if text.is_html else []
                    extra = {}
                    if text.previous is not None:
                        # Out of date: the English changed after the translation was made. The
                        # translator compares with the previous English, updates, removes "fuzzy".
                        flags.insert(0, "fuzzy")
                        extra["previous_msgid"] = text.previous
                    po.append(
                        polib.POEntry(
                            msgctxt=text.context,
                            msgid=text.source,
                            msgstr=text.translation,
                            comment=text.comment,
                            flags=flags,
                            **extra,
                        )
                    )
    return po


# --- import ----------------------------------------------------------------------------------


def read_po(path_or_text):
    """Parse a PO file; a malformed one raises ExchangeError with the parser's reason."""
    try:
        return polib.pofile(path_or_text, wrapwidth=0)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ExchangeError([f"Not a readable PO file: {exc}"]) from exc


def file_language(po, language=None):
    declared = po.metadata.get("Language", "").strip()
    declared = to_language(declared) if declared else ""
    if language and declared and declared != language:
        raise ExchangeError([f"The file is for language {declared!r}, not {language!r}."])
    language = language or declared
    if not language:
        raise ExchangeError(["The file names no language: add a 'Language' header or pass --language."])
    check_language(language)
    return language


@dataclass
class ImportReport:
    language: str
    applied: int = 0
    unchanged: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    records: int = 0
    published: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    skipped_streams: list = field(default_factory=list)


def import_po(po, language=None, publish=True, dry_run=False, submit_user=None):
    """Apply a PO file's translations, all or nothing. Raises ExchangeError listing every problem
    (nothing is written then); returns an ImportReport. With ``submit_user`` (the translation view)
    every changed record gets a revision by that user, submitted for moderation: nothing is published."""
    language = file_language(po, language)
    report = ImportReport(language)
    problems = []
    targets = {}
    # stream edits: (target key, holder object, field) -> {path: translation}
    stream_edits = {}
    plain_edits = []
    confirmed = []  # (holder, field): a translation the file confirms for today's English

    with translation.override(DEFAULT_LANGUAGE):
        for entry in po:
            if entry.obsolete:
                continue
            where = f"msgctxt {entry.msgctxt!r}"
            if entry.fuzzy:
                report.fuzzy += 1
                continue
            if not entry.msgstr.strip():
                report.untranslated += 1
                continue
            parsed = _parse_context(entry.msgctxt)
            if parsed is None:
                problems.append(f"{where}: not a text of this site (expected kind:id:field…).")
                continue
            kind, pk, rest = parsed
            key = (kind, pk)
            if key not in targets:
                targets[key] = load_target(kind, pk, drafts=submit_user is not None)
            target = targets[key]
            if target is None:
                problems.append(f"{where}: the {kind} with id {pk} no longer exists.")
                continue
            holder, field_name, path = _locate(target, rest)
            if holder is None:
                problems.append(f"{where}: this item of the {kind} no longer exists.")
                continue
            if field_name not in translated_fields(type(holder)) or field_name in NOT_EXCHANGED:
                problems.append(f"{where}: {field_name!r} is not a translatable field.")
                continue
            english_column = build_localized_fieldname(field_name, DEFAULT_LANGUAGE)
            model_field = holder._meta.get_field(english_column)
            if isinstance(model_field, StreamField):
                if not path:
                    problems.append(f"{where}: a StreamField text needs its block path.")
                    continue
                english_raw = stream_raw(holder, english_column)
                leaves = {p: text for p, _h, _k, text, _html in stream_leaves(model_field.stream_block, english_raw)}
                if path not in leaves:
                    problems.append(f"{where}: the English text changed (this block is no longer there).")
                    continue
                if leaves[path] != entry.msgid:
                    problems.append(f"{where}: the English text changed since the export; export again.")
                    continue
                stream_edits.setdefault((key, id(holder), field_name), (target, holder, {}))[2][path] = entry.msgstr
            else:
                if path:
                    problems.append(f"{where}: {field_name!r} has no blocks.")
                    continue
                english = getattr(holder, english_column, None)
                if str(english or "") != entry.msgid:
                    problems.append(f"{where}: the English text changed since the export; export again.")
                    continue
                plain_edits.append((target, holder, field_name, entry.msgstr))

        if problems:
            raise ExchangeError(problems)

        for target, holder, field_name, text in plain_edits:
            column = build_localized_fieldname(field_name, language)
            if (getattr(holder, column, None) or "") == text:
                report.unchanged += 1
                confirmed.append((holder, field_name))  # still right for today's English
                continue
            setattr(holder, column, text)
            target.changed.add(holder)
            report.applied += 1
            _fill_slug(holder, field_name, text, language)

        for (_key, _holder_id, field_name), (target, holder, translations) in stream_edits.items():
            english_column = build_localized_fieldname(field_name, DEFAULT_LANGUAGE)
            column = build_localized_fieldname(field_name, language)
            stream_block = holder._meta.get_field(english_column).stream_block
            current = {p: text for p, _h, _k, text, _html in stream_leaves(stream_block, stream_raw(holder, column))}
            rebuilt = stream_raw(holder, english_column)
            missing = []
            for path, leaf_holder, leaf_key, text, _html in stream_leaves(stream_block, rebuilt):
                value = translations.get(path) or current.get(path)
                if is_blank(value) and not is_blank(text):
                    missing.append(path)
                else:
                    leaf_holder[leaf_key] = value or ""
            if missing:
                # An incomplete stream would show English text marked as translated: keep the
                # translator's work in the file and apply the field once every text is there.
                report.skipped_streams.append(f"{target.kind}:{target.obj.pk}:{field_name}")
                continue
            if _without_ids(stream_raw(holder, column)) == _without_ids(rebuilt):
                report.unchanged += len(translations)
                confirmed.append((holder, field_name))
                continue
            setattr(holder, column, rebuilt)
            target.changed.add(holder)
            report.applied += len(translations)

        changed_targets = [t for t in targets.values() if t is not None and t.changed]
        report.records = len(changed_targets)
        if dry_run:
            return report
        try:
            with transaction.atomic():
                for target in changed_targets:
                    if submit_user is not None:
                        _submit(target, submit_user, report)
                    else:
                        _save(target, publish, report)
                # An out-of-date mark is cleared by a file whose entry (msgid = today's English,
                # not fuzzy) keeps the translation as it is.
                for holder, field_name in confirmed if submit_user is None else ():
                    record_sources(holder, force={(field_name, language)})
        except ValidationError as exc:
            raise ExchangeError([f"{target.kind}:{target.obj.pk}: {message}" for message in exc.messages]) from exc
    return report


def _parse_context(context):
    """(kind, id, the rest) from ``kind:id:…``, or None."""
    parts = (context or "").split(":", 2)
    if len(parts) < 3 or parts[0] not in KINDS_BY_KEY or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


def _locate(target, rest):
    """(holder, field, stream path) for the part of a msgctxt after ``kind:id:``; holder is None
    when a child named there no longer exists."""
    first, _sep, after = rest.partition(":")
    if first in translated_fields(type(target.obj)):
        return target.obj, first, after
    child_pk, _sep, after = after.partition(":")
    if not child_pk.isdigit():
        return target.obj, first, after
    field_name, _sep, path = after.partition(":")
    return _child(target.obj, first, int(child_pk)), field_name, path


def _child(obj, relation, child_pk):
    return next((child for rel, child in translated_children(obj) if rel == relation and child.pk == child_pk), None)


def _without_ids(raw):
    if isinstance(raw, list):
        return [_without_ids(item) for item in raw]
    if isinstance(raw, dict):
        return {k: _without_ids(v) for k, v in raw.items() if k != "id"}
    return raw


def _fill_slug(holder, field_name, text, language):
    """A translated title (pages) or name (regions, sectors) gives an empty translated slug."""
    if field_name not in ("title", "name"):
        return
    if is_site_root(holder):
        return  # its slug is never in an address (and changing it would leave stale cached root paths)
    if "slug" not in translated_fields(type(holder)):
        return
    column = build_localized_fieldname("slug", language)
    if is_blank(getattr(holder, column, None)):
        slug = translated_slug(text, language)[: holder._meta.get_field(column).max_length]
        setattr(holder, column, slug or None)  # None: the page keeps falling back to the English slug


def _submit(target, user, report):
    """A revision by ``user``, submitted to the record's workflow (unless one is already under way,
    which then reviews this latest revision)."""
    obj = target.obj
    if target.kind == "page":
        obj.full_clean()
    else:
        obj.full_clean(exclude=[f.name for f in obj._meta.concrete_fields if f.name not in _columns(obj)])
    revision = obj.save_revision(user=user, log_action=True)
    workflow = obj.get_workflow() if hasattr(obj, "get_workflow") else None
    if workflow is not None and not obj.workflow_in_progress:
        workflow.start(obj, user)
    report.drafts.append(obj.pk)
    return revision


def _columns(obj):
    return [
        build_localized_fieldname(name, language)
        for name in translated_fields(type(obj))
        for language, _n in settings.LANGUAGES
    ]


def _save(target, publish, report):
    obj = target.obj
    if target.kind == "page":
        obj.full_clean()
        revision = obj.save_revision(log_action=True)
        if publish and not target.had_unpublished_changes:
            revision.publish()
            report.published.append(obj.pk)
        else:
            report.drafts.append(obj.pk)
        return
    columns = [
        build_localized_fieldname(name, language)
        for name in translated_fields(type(obj))
        for language, _n in settings.LANGUAGES
    ]
    exclude = [f.name for f in obj._meta.concrete_fields if f.name not in columns]
    obj.full_clean(exclude=exclude)
    obj.save()
    if isinstance(obj, RevisionMixin):
        obj.save_revision(log_action=True, changed=False)  # written live: not a draft
