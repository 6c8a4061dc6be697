"""Template tags for the site chrome: navigation, language links, footer offices."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info
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
