"""What translators may change, enforced by the admin forms themselves (pages and records alike).

A *translator-only* user (a member of the Translators group who may not publish the object: editors
who also translate keep their own rights) may change only the non-English copies of translatable
fields (``intro_fr``, ``name_ar``…, read from modeltranslation's registry). Every other field of the
form, and of its inline items (timeline events), is disabled: the browser shows it read-only, and
Django ignores whatever a forged POST sends for it (a disabled field always keeps its initial value).
Items cannot be added, removed or reordered.

Every page type and record edits through ``core.admin_forms`` (``SitePageForm``,
``SiteAdminModelForm``); ``TRANSLATOR_RESTRICTION`` is the form extension this app registers there
(``TranslationsConfig.ready``), so ``core`` and the record apps know nothing of translators.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.admin_forms import FormExtension
from core.translatable import translated_fields

TRANSLATORS_GROUP = "Translators"
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
        if not getattr(form, "translator_only", False):
            return
        for name, formset in form.formsets.items():
            if name in FREE_FORMSETS:
                continue
            for child_form in formset.forms:
                if child_form.instance.pk is None and child_form.has_changed():
                    form.add_error(None, forms.ValidationError(_("Translators cannot add items.")))
                    return


def restrict_for_translator(form):
    """Disable every field of ``form`` and of its inline items but the translations."""
    restrict_form(form, type(form.instance))
    for name, formset in form.formsets.items():
        if name in FREE_FORMSETS:
            continue
        for child_form in formset.forms:
            restrict_form(child_form, formset.model)


TRANSLATOR_RESTRICTION = TranslatorRestriction()
