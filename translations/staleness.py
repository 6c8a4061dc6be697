"""Out-of-date translations.

For every translated field of every record (pages, their timeline events, members, regions, sectors,
topics, offices) and every language, ``TranslationSource`` keeps the English the translation was made
from. It is written when a record is saved with its full content (a page when it is published, a record
when it is published) and the translation is new or changed. When the English changes later and the
translation does not, the translation is *out of date*: the status report, ``translation_status
--json``, the edit form and ``export_translations`` (fuzzy, with the previous English) show it;
a new translation, or an import that confirms the current one, clears it.

A translation that existed before this was recorded counts as made from the English of that moment.

``connect()`` (called by ``TranslationsConfig.ready``) keeps the records up to date on every save and
delete of a translated model; ``OUT_OF_DATE_MARKS`` is the ``core.admin_forms`` extension that marks
the out-of-date fields of every admin edit form.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import StreamField
from wagtail.models import Page

from core.admin_forms import FormExtension
from core.streams import is_blank, stream_texts
from core.translatable import DEFAULT_LANGUAGE, other_languages, translated_fields

from .models import TranslationSource


def content_type_of(obj):
    """Pages are keyed as pages whatever their type (saved as ``Page`` or as a specific type)."""
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model)


def _is_stream(obj, column):
    return isinstance(obj._meta.get_field(column), StreamField)


def text_of(obj, field, language):
    """The text of one language's copy: plain text, or JSON of a StreamField's text blocks."""
    column = build_localized_fieldname(field, language)
    if _is_stream(obj, column):
        texts = stream_texts(obj, column)
        return json.dumps(texts, ensure_ascii=False, sort_keys=True) if texts else ""
    value = getattr(obj, column, None)
    if is_blank(value):
        return ""
    return str(getattr(value, "source", value))


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _records(obj):
    return {
        (record.field, record.language): record
        for record in TranslationSource.objects.filter(content_type=content_type_of(obj), object_id=obj.pk)
    }


def record_sources(obj, update_fields=None, force=None):
    """Record the English of each new or changed translation of ``obj``. ``force``: {(field,
    language)} to record even when the translation is unchanged (a translator confirmed it)."""
    if obj.pk is None:
        return
    fields = translated_fields(type(obj))
    if not fields:
        return
    force = force or set()
    records = _records(obj)
    content_type = content_type_of(obj)
    for field in sorted(fields):
        if update_fields is not None and not any(
            build_localized_fieldname(field, code) in update_fields for code, _n in settings.LANGUAGES
        ):
            continue
        english = text_of(obj, field, DEFAULT_LANGUAGE)
        for language in other_languages():
            record = records.get((field, language))
            translated = text_of(obj, field, language)
            if not translated or not english:
                if record is not None:
                    record.delete()  # missing, not out of date
                continue
            translated_digest = digest(translated)
            if record is None:
                TranslationSource.objects.create(
                    content_type=content_type,
                    object_id=obj.pk,
                    field=field,
                    language=language,
                    source=english,
                    translation_digest=translated_digest,
                )
            elif record.translation_digest != translated_digest or (field, language) in force:
                record.source = english
                record.translation_digest = translated_digest
                record.save(update_fields=["source", "translation_digest", "recorded_at"])


class Sources:
    """The recorded sources of many records, read in one query: ``stale(obj, field, language)``."""

    def __init__(self):
        self.records = {
            (r.content_type_id, r.object_id, r.field, r.language): r for r in TranslationSource.objects.all()
        }

    def record(self, obj, field, language):
        return self.records.get((content_type_of(obj).pk, obj.pk, field, language))

    def stale(self, obj, field, language):
        """The English the translation was made from, when it differs from today's (else None)."""
        record = self.record(obj, field, language)
        if record is None or not text_of(obj, field, language):
            return None
        english = text_of(obj, field, DEFAULT_LANGUAGE)
        if not english or record.source == english:
            return None
        return record.source


def stale_translations(obj, sources=None):
    """{(field, language): previous English} for the out-of-date translations of ``obj``."""
    if obj.pk is None:
        return {}
    sources = sources or Sources()
    found = {}
    for field in translated_fields(type(obj)):
        for language in other_languages():
            previous = sources.stale(obj, field, language)
            if previous is not None:
                found[(field, language)] = previous
    return found


def previous_leaves(previous):
    """{path: text} of a recorded StreamField source (``{}`` for a plain field's)."""
    try:
        data = json.loads(previous)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def mark_stale_fields(form):
    """Say beside each out-of-date field of an edit form (and of its inline items) that the English
    changed after the translation was made."""
    holders = [(form, form.instance)]
    for formset in getattr(form, "formsets", {}).values():
        holders.extend((child, child.instance) for child in formset.forms if child.instance.pk)
    sources = None
    for holder_form, obj in holders:
        if obj.pk is None or not translated_fields(type(obj)):
            continue
        sources = sources or Sources()
        for (field, language), previous in stale_translations(obj, sources).items():
            column = build_localized_fieldname(field, language)
            form_field = holder_form.fields.get(column)
            if form_field is None:
                continue
            note = _("Out of date: the English text changed after this translation was made.")
            if not _is_stream(obj, column):
                note += " " + _("The English was: “%(previous)s”") % {"previous": previous[:300]}
            form_field.help_text = f"{form_field.help_text} {note}".strip() if form_field.help_text else note
            form_field.out_of_date = True


class OutOfDateMarks(FormExtension):
    """Applied to every admin form of the site (``core.admin_forms``): the edit form of a saved page
    or record says which of its translations are out of date."""

    def prepare(self, form):
        if form.instance.pk:
            mark_stale_fields(form)


OUT_OF_DATE_MARKS = OutOfDateMarks()


def _saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or sender not in translator.get_registered_models():
        return
    record_sources(instance, update_fields=update_fields)


def _deleted(sender, instance, **kwargs):
    if sender in translator.get_registered_models() and instance.pk is not None:
        TranslationSource.objects.filter(content_type=content_type_of(instance), object_id=instance.pk).delete()


def connect():
    post_save.connect(_saved, dispatch_uid="translations.staleness.saved")
    post_delete.connect(_deleted, dispatch_uid="translations.staleness.deleted")
