"""What translators may change, enforced by the admin forms themselves (pages and records alike).

A *translator-only* user (a member of the Translators group who may not publish the object: editors
who also translate keep their own rights) may change only the non-English copies of translatable
fields (``intro_fr``, ``name_ar``…, read from modeltranslation's registry). Every other field of the
form, and of its inline items (signatories, attachments, timeline events…), is disabled: the browser
shows it read-only, and Django ignores whatever a forged POST sends for it (a disabled field always
keeps its initial value).

Items cannot be added, removed, reordered or changed. A browser does not send disabled controls, so
an item's id, order and deletion mark never arrive: each item formset is *locked* (``LockedItems``) to
the items the object has, in their order. Its n-th form edits the n-th item, as the form showed it,
whatever ids or counts a POST names; saving keeps exactly those items (a draft's item that has no row
yet included), with the translations the forms changed. A form beyond them that brings text is refused
(``TranslatorRestriction.clean``).

Every page type and record edits through ``core.admin_forms`` (``SitePageForm``,
``SiteAdminModelForm``); ``TRANSLATOR_RESTRICTION`` is the form extension this app registers there
(``TranslationsConfig.ready``), so ``core`` and the record apps know nothing of translators.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.admin_forms import FormExtension
from core.staff_roles import TRANSLATORS
from core.translatable import translated_fields

TRANSLATORS_GROUP = TRANSLATORS
# Formsets translators may use as anybody would: their own comments on a page.
FREE_FORMSETS = {"comments"}


def in_translators_group(user):
    if user is None or not user.is_authenticated:
        return False
    cache = getattr(user, "_translator_group_cache", None)
    if cache is None:
        cache = Group.objects.filter(name=TRANSLATORS_GROUP, user=user).exists()
        user._translator_group_cache = cache
    return cache


def can_publish(user, obj):
    """Whether ``user`` may publish ``obj`` (a page, or a record of a draft-state model)."""
    permissions_for_user = getattr(obj, "permissions_for_user", None)
    if permissions_for_user is not None:  # a page
        return permissions_for_user(user).can_publish()
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def is_translator_only(user, obj):
    """A member of the Translators group who may not publish ``obj``."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    return in_translators_group(user) and not can_publish(user, obj)


def translation_columns(model):
    """The form fields a translator may change: every non-English copy of a translated field."""
    return {
        build_localized_fieldname(name, code)
        for name in translated_fields(model)
        for code, _label in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }


def restrict_form(form, model):
    """Disable every field of ``form`` but the translations of ``model``'s translated fields."""
    allowed = translation_columns(model)
    for name, field in form.fields.items():
        if name not in allowed:
            field.disabled = True
            field.required = False


class TranslatorRestriction(FormExtension):
    """Applied to every admin form of the site (``core.admin_forms``, registered by
    ``TranslationsConfig.ready``): a translator-only user's form keeps only the translations editable.
    The form says so in ``form.translator_only``."""

    def prepare(self, form):
        form.translator_only = is_translator_only(form.for_user, form.instance)
        if form.translator_only:
            restrict_for_translator(form)

    def clean(self, form, cleaned_data):
        if getattr(form, "translator_only", False) and adds_items(form):
            form.add_error(None, forms.ValidationError(_("Translators cannot add items.")))


class LockedItems:
    """Mixed into a translator-only user's item formsets (``lock_items``): the items are those the
    object had when the form was built (``locked_items``, in their order), whatever a POST says."""

    locked_items = ()

    def initial_form_count(self):
        return len(self.locked_items)

    def total_form_count(self):
        # Every item, and any form a (forged) POST adds beyond them: ``adds_items`` looks at those.
        return max(super().total_form_count(), len(self.locked_items))

    def _construct_form(self, i, **kwargs):
        if i >= len(self.locked_items):
            return super()._construct_form(i, **kwargs)
        # The i-th item itself, not the row a posted id names (a browser posts no disabled id, and a
        # draft's new item has none): the model formsets' own lookup by id is skipped.
        kwargs["instance"] = self.locked_items[i]
        return BaseFormSet._construct_form(self, i, **kwargs)

    def save(self, commit=True):
        """The object keeps exactly its items, with the translations their forms changed."""
        self.new_objects, self.deleted_objects = [], []
        self.changed_objects = [(form.instance, form.changed_data) for form in self.initial_forms if form.has_changed()]
        for form in self.initial_forms:
            form.save(commit=False)  # the item's own items and relations, if it has any
        manager = getattr(self.instance, self.rel_name)
        manager.set(self.locked_items)
        if commit:
            manager.commit()
        return [instance for instance, _changed in self.changed_objects]


def lock_items(formset):
    """Make ``formset`` (an item formset, bound or not, whose forms are not built yet) a ``LockedItems``
    one over the items it was built with."""
    formset.locked_items = list(formset.get_queryset())
    formset.__class__ = type(f"Locked{type(formset).__name__}", (LockedItems, type(formset)), {})


def item_formsets(form):
    return [formset for name, formset in getattr(form, "formsets", {}).items() if name not in FREE_FORMSETS]


def adds_items(form):
    """Whether a form beyond the locked items (of ``form`` or of its items) brings anything."""
    for formset in item_formsets(form):
        if any(child_form.has_changed() for child_form in formset.extra_forms):
            return True
        if any(adds_items(child_form) for child_form in formset.initial_forms):
            return True
    return False


def restrict_for_translator(form):
    """Disable every field of ``form`` and of its items (and theirs) but the translations, and lock
    the items. ``form.translator_only`` tells the templates to show no Add, Move or Delete buttons
    (``templates/wagtailadmin/panels/inline_panel*.html``)."""
    form.translator_only = True
    restrict_form(form, type(form.instance))
    for formset in item_formsets(form):
        lock_items(formset)
        for child_form in formset.forms:
            restrict_for_translator(child_form)


TRANSLATOR_RESTRICTION = TranslatorRestriction()
