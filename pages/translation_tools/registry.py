"""What is translatable: the records translators work on and their translated fields.

The list of fields is not written twice: it is read from modeltranslation's registry
(``pages/translation.py``, ``members/translation.py``, ``offices/translation.py``), so a field
registered there appears in the status report and in the PO files by itself.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.admin_url_finder import AdminURLFinder

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

# Translated by wagtail-modeltranslation but computed from the slugs, never typed by anyone.
COMPUTED_FIELDS = {"url_path"}


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]


def is_blank(value):
    """None, blank text, or an empty StreamField / list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        return not source.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


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


@dataclass(frozen=True)
class Kind:
    """A kind of record translators work on."""

    key: str
    label: object  # lazy string

    @cached_property
    def model(self):
        from wagtail.models import Page

        from members.models import MemberOrganisation, Region, Sector
        from offices.models import Office

        return {
            "page": Page,
            "member": MemberOrganisation,
            "region": Region,
            "sector": Sector,
            "office": Office,
        }[self.key]

    def objects(self):
        """The records of this kind, in a stable order (pages: tree order, specific)."""
        model = self.model
        if self.key == "page":
            pages = model.objects.filter(depth__gt=1).order_by("path").specific()
            # Sample pages (events, resources… flagged is_sample) are never exported as real content.
            return [page for page in pages if not getattr(page, "is_sample", False)]
        queryset = model._default_manager.all()
        if self.key == "member":
            queryset = queryset.filter(is_sample=False)
        return list(queryset.order_by("pk"))

    def get(self, pk):
        """One record by primary key (pages: specific), or None."""
        obj = self.model._default_manager.filter(pk=pk).first()
        if obj is not None and self.key == "page":
            obj = obj.specific
        return obj


KINDS = [
    Kind("page", _("Pages")),
    Kind("member", _("Members")),
    Kind("region", _("Regions")),
    Kind("sector", _("Sectors")),
    Kind("office", _("Offices")),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def object_label(obj):
    """How a record is named in reports and PO comments: its English name or title."""
    for field in ("title", "name"):
        english = value_in(obj, field, DEFAULT_LANGUAGE)
        if not is_blank(english):
            return str(english)
    return str(obj)


def edit_url(obj, user=None):
    """The admin edit view of ``obj`` (None when it has none, or ``user`` may not edit it)."""
    return AdminURLFinder(user).get_edit_url(obj)
