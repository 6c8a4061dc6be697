"""Template tags for the site chrome: navigation, language links, footer offices."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from core import generation
from core.paths import same_site_path
from core.streams import is_blank
from core.translatable import units_of

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The home page's live children that editors marked "show in menus"."""
    request = context.get("request")
    root = _site_root(request)
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "path", "")
    items = []
    if root is not None:
        # The menu's pages carry every language's columns: one cached list serves all six languages
        # until the next change anywhere (sitecache's generation).
        menu = generation.cached(
            ("main_nav", root.pk),
            lambda: list(Page.objects.child_of(root).live().public().in_menu().order_by("path")),
        )
        for item in menu:
            if current_path == item.path:
                state = "page"
            elif current_path.startswith(item.path):
                state = "true"  # a page inside this section
            else:
                state = ""
            items.append({"page": item, "current": state})
    return {
        "request": request,
        "root": root,
        "root_current": root is not None and current_path == root.path,
        "items": items,
    }


# Each language named in itself, as the switcher shows it. Django's ``name_local`` says
# "français", "español", "العربيّة" and "简体中文"; the site follows the UN's own usage.
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "zh-hans": "中文",
    "ru": "Русский",
}


def language_name(code):
    return LANGUAGE_NAMES.get(code) or get_language_info(code)["name_local"]


@register.filter
def language_in_running_text(code):
    """A language of the site inside a sentence, in the active language ("les courriels seront en
    français", Russian "русский"): the names the resources library uses for a document's languages."""
    english = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh-hans": "Chinese", "ru": "Russian"}
    if code not in english:
        return language_name(code)
    return translation.pgettext("language in running text", english[code])


def _page_url_in(page, language, request, suffix=""):
    """The page's address in ``language`` (translated slugs), plus a routable page's sub-path."""
    with translation.override(language):
        url = page.get_url(request=request)
    if url is None:
        return None
    suffix = suffix or ""
    if suffix and url.endswith("/"):
        suffix = suffix.lstrip("/")
    return url + suffix


def _page_urls(page, request, suffix):
    return {code: _page_url_in(page, code, request, suffix) for code, _name in settings.LANGUAGES}


def _is_missing_page(request):
    """A page address that Wagtail could not serve (we are rendering its 404): other languages
    have no such page either, so the switcher leads to their home pages."""
    try:
        return resolve(request.path_info).url_name == "wagtail_serve"
    except Resolver404:
        return True


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each site language: its code, its own name, the current page's address in it (``url``
    keeps the query string, so directory filters survive a switch; ``bare_url`` has none, for the
    canonical and hreflang links), and whether it is the active one."""
    request = context.get("request")
    page = context.get("page")
    suffix = context.get("routable_suffix", "")
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    current = translation.get_language()
    page_urls = None
    if page is not None and getattr(page, "pk", None):
        if getattr(request, "is_preview", False):
            page_urls = _page_urls(page, request, suffix)  # a draft's slugs may differ from the live ones
        else:
            # Each language's address of a page changes only with a publish, move or slug change.
            page_urls = generation.cached(
                ("language_links", getattr(_site_root(request), "pk", None), page.pk, suffix),
                lambda: _page_urls(page, request, suffix),
            )
    links = []
    path = same_site_path(request.path) if request is not None else "/"
    for code, _name in settings.LANGUAGES:
        url = None
        if page_urls is not None:
            url = page_urls.get(code)
        elif request is not None and _is_missing_page(request):
            url = path if code == current else None
        elif request is not None:
            url = translate_url(path, code)
            if code != current and url == path:
                url = None  # not a translatable address: that language's home page
        url = url or f"/{code}/"
        links.append(
            {
                "code": code,
                "name_local": language_name(code),
                "bidi": get_language_info(code)["bidi"],
                "url": f"{url}?{query}" if query else url,
                "bare_url": url,
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if isinstance(url, str) and url.startswith(("/", "\\")):
        url = same_site_path(url)
    return request.build_absolute_uri(url) if request is not None else url


@register.inclusion_tag("includes/footer_offices.html", takes_context=True)
def footer_offices(context):
    from offices.models import public_offices

    request = context.get("request")
    return {"request": request, "offices": public_offices(request)}


def is_fallback(obj, field):
    """True when ``obj.field`` shows the English text because the active language's is empty."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if obj is None or language == settings.LANGUAGE_CODE:
        return False
    localized = build_localized_fieldname(field, language)
    if not hasattr(obj, localized):
        return False
    return is_blank(getattr(obj, localized)) and not is_blank(
        getattr(obj, build_localized_fieldname(field, settings.LANGUAGE_CODE), None)
    )


@register.simple_tag
def fallback_attrs(obj, field):
    """` lang="en" dir="ltr"` on an element whose text fell back to English, so that screen readers
    pronounce it right (also inside Arabic pages); nothing otherwise. Usage:
    ``<p{% fallback_attrs page "intro" %}>{{ page.intro }}</p>``"""
    if is_fallback(obj, field):
        return format_html(' lang="{}" dir="ltr" data-fallback', settings.LANGUAGE_CODE)
    return ""


@register.simple_tag
def untranslated_fields(obj, *fields):
    """The fields of ``obj`` shown in English for want of a translation (for the page's notice)."""
    return [field for field in fields if is_fallback(obj, field)]


@register.simple_tag
def fallback_text(obj, field):
    """The field's text, wrapped in ``<span lang="en" dir="ltr">`` when it fell back to English
    (for text inside a translated sentence, e.g. ``{% blocktranslate %}`` arguments)."""
    value = getattr(obj, field, "") if obj is not None else ""
    if is_fallback(obj, field):
        return format_html('<span lang="{}" dir="ltr" data-fallback>{}</span>', settings.LANGUAGE_CODE, value)
    return format_html("{}", value)


# Fields a visitor does not read on the page itself (they are in <head> or the address).
NOT_SHOWN_ON_PAGE = {"slug", "seo_title", "search_description"}


@register.simple_tag
def page_untranslated(page):
    """Whether any text shown on ``page`` (its own fields and its translated children, such as
    timeline events) falls back to English: the page then shows the "not yet translated" notice."""
    if page is None or translation.get_language() == settings.LANGUAGE_CODE:
        return False
    return any(is_fallback(unit.obj, unit.field) for unit in units_of(page) if unit.field not in NOT_SHOWN_ON_PAGE)


@register.simple_tag
def seo_meta(page):
    """The ``<title>`` and meta description texts of ``page`` in the active language, and whether
    each fell back to English (then the template marks it ``lang="en"``).

    In a translated language the page's own translated title wins over an English-only SEO title."""
    result = {"title": "", "title_fallback": False, "description": "", "description_fallback": False}
    if page is None or not getattr(page, "pk", None):
        return result
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        result["title"] = page.seo_title or page.title
        result["description"] = page.search_description or ""
        return result

    def localized(field, code):
        return getattr(page, build_localized_fieldname(field, code), None) or ""

    title = localized("seo_title", language) or localized("title", language)
    if title.strip():
        result["title"] = title
    else:
        result["title"] = localized("seo_title", settings.LANGUAGE_CODE) or localized("title", settings.LANGUAGE_CODE)
        result["title_fallback"] = bool(result["title"])
    description = localized("search_description", language)
    if description.strip():
        result["description"] = description
    else:
        result["description"] = localized("search_description", settings.LANGUAGE_CODE)
        result["description_fallback"] = bool(result["description"])
    return result


@register.simple_tag
def child_pages(page):
    """The live, public pages under ``page`` in tree order (a section's sub-navigation), specific
    (their cards show their own fields), read once per content generation: the children are the live
    tree's, whatever revision of ``page`` is shown, and any page change bumps the generation."""
    if page is None or not getattr(page, "pk", None):
        return []
    return generation.cached(
        ("child_pages", page.pk), lambda: list(page.get_children().live().public().specific().order_by("path"))
    )


@register.simple_tag
def list_of(objects, field, common_nouns=False):
    """The objects' ``field`` joined the active language's way (“a, b and c”, Arabic comma and “و”,
    Chinese 、), each marked ``lang="en"`` when it fell back to English. Usage:
    ``{% list_of member.sectors.all "name" %}``. ``common_nouns``: names that are capitalised only
    as headings (sectors) go on in lower case after the first («Droits de l’homme et désarmement»);
    an acronym ("LGBTI rights") keeps its capitals."""
    from core.templatetags.design_tags import format_list_html

    items = []
    for index, obj in enumerate(objects):
        if common_nouns and index and obj is not None:
            value = str(getattr(obj, field, "") or "")
            if len(value) > 1 and value[0].isupper() and value[1].islower() and not is_fallback(obj, field):
                items.append(format_html("{}", value[0].lower() + value[1:]))
                continue
        items.append(fallback_text(obj, field))
    return format_list_html(items)


# Pages and addresses other parts of the site may provide; the footer links each one that exists and
# leaves out the rest. Add a page type's model name or a URL name here to link it.
FOOTER_PAGE_TYPES = {
    "newsletter": ("newsletterpage", "newslettersignuppage"),
    "privacy": ("privacynoticepage", "privacypage"),
    "join": ("membershipapplicationpage",),
    # The UN texts tracker: a top-level tool kept out of the header's menu (already long on a phone) but
    # listed with the sections in the footer, so that it is found from every page.
    "un_texts": ("untextindexpage",),
}
FOOTER_URL_NAMES = {
    "newsletter": ("newsletter", "newsletter_signup", "engagement:newsletter", "engagement:newsletter_signup"),
    "privacy": ("privacy", "privacy_notice", "engagement:privacy", "engagement:privacy_notice"),
}


def _first_url(names):
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _recorded_page(key):
    """A live page that ``load_initial_content`` created under ``key`` (wherever an editor moved it)."""
    from pages.models import InitialContentRecord

    ids = InitialContentRecord.objects.filter(key=key).values("object_id")
    return Page.objects.live().public().filter(pk__in=ids).first()


def _footer_records(root, site):
    """The footer's pages and the site's social accounts (every language's columns): read once per
    content generation, shared by the six languages."""
    from core.models import SocialAccounts

    sections = list(Page.objects.child_of(root).live().public().in_menu().order_by("path")) if root else []
    # One query for the pages of known types (the first of each type in tree order).
    typed = {}
    names = [name for models in FOOTER_PAGE_TYPES.values() for name in models]
    for page in (
        Page.objects.live()
        .public()
        .filter(content_type__model__in=("contactpage", *names))
        .select_related("content_type")
        .order_by("path")
    ):
        typed.setdefault(page.content_type.model, page)

    def first_of(model_names):
        return next((typed[name] for name in model_names if name in typed), None)

    # Read without creating (for_site() would write a row during a visitor's GET).
    accounts = SocialAccounts.objects.filter(site=site).first() if site is not None else None
    return {
        "sections": sections,
        "contact": first_of(("contactpage",)),
        **{key: first_of(models) for key, models in FOOTER_PAGE_TYPES.items()},
        "accessibility": _recorded_page("page:accessibility"),
        "accounts": accounts,
    }


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """The footer's columns: the main sections (and the UN texts tracker), "Get involved" (joining,
    newsletter, contact) and "About this site" (privacy notice, accessibility statement), and the
    coalition's social accounts (site settings). Links whose page or address does not exist (yet) are
    left out."""
    request = context.get("request")
    root = _site_root(request)
    site = Site.find_for_request(request) if request is not None else None
    records = generation.cached(
        ("footer_links", getattr(root, "pk", None), getattr(site, "pk", None)), lambda: _footer_records(root, site)
    )
    newsletter, privacy, accounts = records["newsletter"], records["privacy"], records["accounts"]
    sections = records["sections"]
    if records["un_texts"] is not None and records["un_texts"] not in sections:
        sections = [*sections, records["un_texts"]]
    return {
        "request": request,
        "sections": sections,
        "newsletter_url": newsletter.get_url(request) if newsletter else _first_url(FOOTER_URL_NAMES["newsletter"]),
        "contact": records["contact"],
        "join": records["join"],
        "privacy_url": privacy.get_url(request) if privacy else _first_url(FOOTER_URL_NAMES["privacy"]),
        "accessibility": records["accessibility"],
        "social": accounts.accounts() if accounts is not None else [],
    }


@register.simple_tag(takes_context=True)
def get_involved_links(context):
    """The footer's "Get involved" pages (joining, the newsletter, contact) for a form page's aside:
    ``[{"url", "page" (None for a newsletter address without its page), "current"}]``."""
    links = footer_links(context)
    request, current = context.get("request"), context.get("page")
    items = []
    for page in (links["join"], None, links["contact"]):
        url = links["newsletter_url"] if page is None else page.get_url(request)
        if url:
            is_current = current is not None and url == current.get_url(request)
            items.append({"url": url, "page": page, "current": is_current})
    return items


@register.simple_tag
def section_pages(page):
    """The section a text page belongs to, for the sidebar: ``{"parent": …, "pages": [...]}`` where
    ``parent`` is the page itself when it has live children (a section's first page, such as "About"),
    else its parent (unless that is the home page: top-level pages without children have no section)."""
    if page is None or not getattr(page, "pk", None):
        return {"parent": None, "pages": []}

    def load():
        children = list(page.get_children().live().public().order_by("path"))
        if children:
            return {"parent_pk": page.pk, "parent": None, "pages": children}
        parent = page.get_parent()
        if parent is None or parent.depth <= 2:
            return {"parent_pk": None, "parent": None, "pages": []}
        pages = list(parent.get_children().live().public().order_by("path"))
        return {"parent_pk": parent.pk, "parent": parent, "pages": pages}

    # Every language's columns are in the cached pages: one entry per page until the next change.
    section = generation.cached(("section_pages", page.pk), load)
    # A section's first page is the page being shown (its draft in a preview), not a cached copy.
    parent = section["parent"] or (page if section["parent_pk"] == page.pk else None)
    return {"parent": parent, "pages": section["pages"]}


@register.simple_tag
def page_ancestors(page):
    """The page's ancestors (root first) for the breadcrumbs, read once per content generation."""
    if not getattr(page, "pk", None):  # no page, or a new page's preview: nothing to cache under
        return list(page.get_ancestors()) if getattr(page, "path", None) else []
    return generation.cached(("page_ancestors", page.pk, page.path), lambda: list(page.get_ancestors()))


@register.simple_tag
def page_parent(page):
    """The page's parent (a detail page's link to its listing), from its ancestors: no query of its own."""
    ancestors = page_ancestors(page)
    return ancestors[-1] if ancestors else page.get_parent()
