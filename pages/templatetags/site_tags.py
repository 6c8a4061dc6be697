"""Template tags for the site chrome: navigation, language links, footer offices."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

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
        for item in Page.objects.child_of(root).live().public().in_menu().order_by("path"):
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


def _page_url_in(page, language, request, suffix=""):
    with translation.override(language):
        url = page.get_url(request=request)
    if url is None:
        return None
    return url + suffix.lstrip("/") if suffix and url.endswith("/") else url + suffix


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each site language: its code, its own name, the current page's address in it, and
    whether it is the active one. Keeps the query string (directory filters survive a switch)."""
    request = context.get("request")
    page = context.get("page")
    suffix = context.get("routable_suffix", "")
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if page is not None and getattr(page, "pk", None):
            url = _page_url_in(page, code, request, suffix)
        elif request is not None:
            url = translate_url(request.path, code)
        else:
            url = f"/{code}/"
        if url and query:
            url = f"{url}?{query}"
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "url": url or f"/{code}/",
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.inclusion_tag("includes/footer_offices.html", takes_context=True)
def footer_offices(context):
    from offices.models import Office

    return {"request": context.get("request"), "offices": Office.objects.for_public_display()}


def _is_blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


def is_fallback(obj, field):
    """True when ``obj.field`` shows the English text because the active language's is empty."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if obj is None or language == settings.LANGUAGE_CODE:
        return False
    localized = build_localized_fieldname(field, language)
    if not hasattr(obj, localized):
        return False
    return _is_blank(getattr(obj, localized)) and not _is_blank(
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
