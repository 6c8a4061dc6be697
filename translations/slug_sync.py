"""Translated titles do not fill translated slugs in the editor's browser.

wagtail-modeltranslation links every language's title to its slug with Wagtail's title-to-slug script
(``TitleFieldPanel`` targets), which keeps accents and every script ("déclaration-…", an Arabic slug).
The site's rule is the server's (``core.slugs.fill_translated_slugs``, run when the page is saved): an
ASCII transliteration ("declaration-…", "prava-cheloveka"), and no Arabic slug at all. So only the
English title keeps its link to the English slug; the other titles become plain title fields (as the
library makes them when slugs are not translated), an empty translated slug is made on save, and a
slug an editor types is kept; each translated slug field says so in its help text (``slug_help``), since
the slug only appears once the page is saved. Their placeholder names their language ("Page title (French)"), where
Wagtail's title panel put "Page title*", as if the translation were required."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.models import get_page_models

from core.slugs import KEEP_ENGLISH_SLUG, other_languages

TITLE_ONLY = ("apply_if_live", "placeholder", "targets")


def is_translated_title(panel):
    default = f"title_{settings.LANGUAGE_CODE.replace('-', '_')}"
    field = getattr(panel, "field_name", "") or ""
    return isinstance(panel, TitleFieldPanel) and field.startswith("title_") and field != default


def plain_title(panel):
    kwargs = {key: value for key, value in panel.clone_kwargs().items() if key not in TITLE_ONLY}
    code = panel.field_name.removeprefix("title_").replace("_", "-")
    language = dict(settings.LANGUAGES).get(code, code)
    placeholder = format_lazy(_("Page title ({language})"), language=language)
    if kwargs.get("widget") is None:
        kwargs["widget"] = forms.TextInput(attrs={"placeholder": placeholder})
    return FieldPanel(**kwargs)


def unlink(panels):
    """Replace, in place, the translated title panels of ``panels`` and of their children."""
    for index, panel in enumerate(panels):
        if is_translated_title(panel):
            panels[index] = plain_title(panel)
        elif isinstance(getattr(panel, "children", None), list):
            unlink(panel.children)


def slug_help(language):
    """What the editor reads under a translated slug field: how the server makes it (``core.slugs``)."""
    name = dict(settings.LANGUAGES).get(language, language)
    if language in KEEP_ENGLISH_SLUG:
        return format_lazy(_("Leave empty: the address in {language} uses the English slug."), language=name)
    return format_lazy(
        _(
            "Leave empty: when the page is saved, the slug is made from the {language} title, in Latin "
            "letters without accents (“Déclaration sur la prévention” gives “declaration-sur-la-prevention”), "
            "numbered if a sibling page already uses it. A slug you type is kept."
        ),
        language=name,
    )


def explain_translated_slugs(panels):
    """Give, in place, the translated slug panels of ``panels`` (and of their children) the help text."""
    for index, panel in enumerate(panels):
        field = getattr(panel, "field_name", "") or ""
        language = field.removeprefix("slug_").replace("_", "-")
        if field.startswith("slug_") and language in other_languages() and not getattr(panel, "help_text", ""):
            panels[index] = FieldPanel(**{**panel.clone_kwargs(), "help_text": slug_help(language)})
        elif isinstance(getattr(panel, "children", None), list):
            explain_translated_slugs(panel.children)


def leave_translated_slugs_to_the_server():
    for model in get_page_models():
        for attribute in ("content_panels", "promote_panels"):
            if isinstance(getattr(model, attribute, None), list):
                unlink(getattr(model, attribute))
                explain_translated_slugs(getattr(model, attribute))
