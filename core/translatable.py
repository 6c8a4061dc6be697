"""What is translatable, read from modeltranslation's registry: the translated fields of a model and
every translatable text of a page or record (its own fields and its translated children's).

The list of fields is not written twice: it comes from the apps' ``translation.py`` files
(``pages/translation.py``, ``members/translation.py``, ``offices/translation.py``…), so a field
registered there is known here by itself. Used by the site chrome (``pages``' "not yet translated"
notice) and by the translation tools (``translations``).
"""

from dataclasses import dataclass

from django.conf import settings
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

# Translated by wagtail-modeltranslation but computed from the slugs, never typed by anyone.
COMPUTED_FIELDS = {"url_path"}


def other_languages():
    """Every site language but English, in the settings' order."""
    return [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]


def translated_fields(model):
    """The translatable fields of ``model`` in the model's own field order (pages: title, slug,
    SEO title and search description first), or [] when the model is not registered."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    names = set(options.all_fields) - COMPUTED_FIELDS
    ordered = [field.name for field in model._meta.get_fields() if field.name in names]
    return ordered + sorted(names - set(ordered))


def value_in(obj, field, language):
    return getattr(obj, build_localized_fieldname(field, language), None)


def field_label(model, field):
    try:
        return str(model._meta.get_field(field).verbose_name)
    except Exception:  # noqa: BLE001 - any odd field simply shows its name
        return field


@dataclass(frozen=True)
class Unit:
    """One translatable field of one object (a page, a timeline event of a page, a member…)."""

    obj: object
    field: str
    label: str

    @property
    def english(self):
        return value_in(self.obj, self.field, DEFAULT_LANGUAGE)

    def value(self, language):
        return value_in(self.obj, self.field, language)


def translated_children(obj):
    """The child objects of a page (or any cluster) whose model is translated, e.g. the history
    page's timeline events, as (relation name, child) pairs."""
    children = []
    for relation in get_all_child_relations(obj):
        if translated_fields(relation.related_model):
            accessor = relation.get_accessor_name()
            for child in getattr(obj, accessor).all():
                children.append((accessor, child))
    return children


def is_site_root(obj):
    """The home page (depth 2): its slug never appears in an address, so it is not translated."""
    return getattr(obj, "depth", None) is not None and hasattr(obj, "url_path") and obj.depth <= 2


def units_of(obj):
    """Every translatable field of ``obj`` and of its translated children."""
    fields = translated_fields(type(obj))
    if is_site_root(obj):
        fields = [field for field in fields if field != "slug"]  # never part of an address
    units = [Unit(obj, field, field_label(type(obj), field)) for field in fields]
    for position, (_accessor, child) in enumerate(translated_children(obj), start=1):
        child_name = str(child._meta.verbose_name)
        for field in translated_fields(type(child)):
            label = f"{child_name} {position}: {field_label(type(child), field)}"
            units.append(Unit(child, field, label))
    return units
