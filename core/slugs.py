"""Slugs in every language, and redirects when an address changes.

A translated title gives its page a slug in that language (``fill_translated_slugs``, run whenever a
page is cleaned: the edit form, a revision, a publish, an import), so a French page lives at
``/fr/actualites/titre-francais/`` rather than under its English slug. A slug an editor set is kept.
When a page's address in a language changes (a slug given or changed, in any language), the old
address redirects to the page (``redirect_changed_addresses``: a Wagtail redirect per language, for the
page and its live descendants), as Wagtail itself does only for the language active while saving.
"""

from anyascii import anyascii
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

# A consonant-only transliteration of Arabic ("أفريقيا" -> "fryqy") helps nobody, and toneless pinyin
# ("我们的历史" -> "womendelishi") is hard to read and ambiguous: Arabic and Chinese pages keep the
# English slug (modeltranslation falls back to it when theirs is empty), as the initial content and the
# UN's own Arabic and Chinese sites do.
KEEP_ENGLISH_SLUG = {"ar", "zh-hans"}


def translated_slug(text, language=None):
    """ "Prévention des conflits" -> "prevention-des-conflits", "Права человека" -> "prava-cheloveka";
    "" for a language that keeps the English slug (Arabic, Chinese)."""
    if language in KEEP_ENGLISH_SLUG:
        return ""
    return slugify(anyascii(text or "")) or slugify(text or "", allow_unicode=True)


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def sibling_slugs(page, parent, language):
    """The slugs the other children of ``parent`` answer to in ``language`` (their own, or the
    English one they fall back to)."""
    column, english = build_localized_fieldname("slug", language), build_localized_fieldname("slug", "en")
    siblings = parent.get_children()
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    return {own or fallback for own, fallback in siblings.values_list(column, english)}


def numbered_slug(base, taken, max_length=None):
    """``base``, or ``base-2``, ``base-3``… (within ``max_length``), whichever is not in ``taken``."""
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = f"{base[: max_length - len(suffix)] if max_length else base}{suffix}", number + 1
    return slug


def fill_translated_slugs(page):
    """Give ``page`` a slug in each language whose title is translated and whose slug is empty,
    unique among its siblings in that language. The site's home page is left alone (its slug is
    never in an address)."""
    parent = page.get_parent() if (page.path or getattr(page, "_cached_parent_obj", None)) else None
    if parent is None or parent.depth < 2:
        return
    for language in other_languages():
        column = build_localized_fieldname("slug", language)
        title = getattr(page, build_localized_fieldname("title", language), None)
        if getattr(page, column, None) or not (title or "").strip():
            continue
        base = translated_slug(title, language)[: page._meta.get_field(column).max_length - 4]
        if not base:
            continue
        setattr(page, column, numbered_slug(base, sibling_slugs(page, parent, language)))


# --- redirects --------------------------------------------------------------------------------


def url_path_columns():
    return [build_localized_fieldname("url_path", code) for code, _name in settings.LANGUAGES]


ADDRESS_FIELDS = {
    "slug",
    "url_path",
    *url_path_columns(),
    *(build_localized_fieldname("slug", code) for code, _name in settings.LANGUAGES),
}


def url_paths(page):
    """{language: the page's url_path in that language} (an empty column falls back to English)."""
    english = getattr(page, build_localized_fieldname("url_path", settings.LANGUAGE_CODE), "") or ""
    return {
        code: getattr(page, build_localized_fieldname("url_path", code), "") or english
        for code, _name in settings.LANGUAGES
    }


def remember_addresses(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of a page: its addresses in every language as the database has them (not for a
    save that writes no address, such as a revision's bookkeeping)."""
    if raw or not isinstance(instance, Page):
        return
    instance._addresses_before = None
    if not instance.pk:
        return
    if update_fields is not None and not set(update_fields) & ADDRESS_FIELDS:
        return
    old = Page.objects.filter(pk=instance.pk).only("live", *url_path_columns()).first()
    instance._addresses_before = (old.live, url_paths(old)) if old is not None else None


def redirect_changed_addresses(sender, instance, created=False, raw=False, **kwargs):
    """``post_save`` of a page: once committed (descendants' paths are updated by then), every
    language whose address changed redirects the old one to the page."""
    before = getattr(instance, "_addresses_before", None)
    instance._addresses_before = None
    if raw or created or before is None:
        return
    was_live, old_paths = before
    changed = {code: path for code, path in old_paths.items() if path != url_paths(instance).get(code)}
    if was_live and changed:
        transaction.on_commit(lambda: create_redirects(instance.pk, changed))


def create_redirects(page_pk, old_paths):
    """Wagtail's own redirect maker, run once per language whose address changed."""
    from wagtail.contrib.redirects.signal_handlers import create_redirects as wagtail_create_redirects

    if not getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True):
        return
    page = Page.objects.filter(pk=page_pk).specific().first()
    if page is None or not page.live:
        return
    for language, old_path in old_paths.items():
        with translation.override(language):
            sites = Site.objects.filter(
                id__in=[option.site_id for option in page._get_relevant_site_root_paths(cache_object=page)]
            ).exclude(root_page=page)
            page_old = type(page)()
            page_old.__dict__.update(page.__dict__)
            setattr(page_old, build_localized_fieldname("url_path", language), old_path)
            wagtail_create_redirects(page=page, page_old=page_old, sites=sites)
