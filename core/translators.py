"""What translators may change, enforced by the admin forms themselves (pages and records alike).

A *translator-only* user (a member of the Translators group who may not publish the object: editors
who also translate keep their own rights) may change only the non-English copies of translatable
fields (``intro_fr``, ``name_ar``…, read from modeltranslation's registry). Every other field of the
form, and of its inline items (timeline events), is disabled: the browser shows it read-only, and
Django ignores whatever a forged POST sends for it (a disabled field always keeps its initial value).
Items cannot be added, removed or reordered.

Several apps use it (``pages``, ``members``, ``offices``, ``core``'s own taxonomies), so it lives here;
``core`` imports no other project app.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

TRANSLATORS_GROUP = "Translators"
# Translated by wagtail-modeltranslation but computed from the slugs, never typed by anyone.
COMPUTED_FIELDS = {"url_path"}
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


def translatable_fields(model):
    """The translated field names of ``model`` (``intro``, ``name``…), or an empty set."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return set()
    return set(options.all_fields) - COMPUTED_FIELDS


def translation_columns(model):
    """The form fields a translator may change: every non-English copy of a translated field."""
    return {
        build_localized_fieldname(name, code)
        for name in translatable_fields(model)
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


class TranslatorRestrictionMixin:
    """For Wagtail admin model forms (``base_form_class``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translator_only = is_translator_only(self.for_user, self.instance)
        if self.translator_only:
            self.restrict_for_translator()
        if self.instance.pk:
            from .translation_sources import mark_stale_fields

            mark_stale_fields(self)

    def restrict_for_translator(self):
        restrict_form(self, type(self.instance))
        for name, formset in self.formsets.items():
            if name in FREE_FORMSETS:
                continue
            for child_form in formset.forms:
                restrict_form(child_form, formset.model)

    def clean(self):
        cleaned_data = super().clean()
        if self.translator_only:
            for name, formset in self.formsets.items():
                if name in FREE_FORMSETS:
                    continue
                for child_form in formset.forms:
                    if child_form.instance.pk is None and child_form.has_changed():
                        self.add_error(None, forms.ValidationError(_("Translators cannot add items.")))
                        return cleaned_data
        return cleaned_data


class TranslatorRestrictedAdminForm(TranslatorRestrictionMixin, WagtailAdminModelForm):
    """``base_form_class`` of the translated records (members, regions, sectors, topics, offices)."""


class TranslatorRestrictedPageForm(TranslatorRestrictionMixin, WagtailAdminPageForm):
    """``base_form_class`` of the page types."""
