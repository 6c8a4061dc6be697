"""Where a search result sits on the site: its trail ("Home › About the Coalition › History"), read from
its address, as the breadcrumbs of the page itself read.

The pages whose address is a beginning of a result's address are its trail: a page's parents, the
history page of a timeline entry (``…/history/#event-3``), the member directory of a profile
(``…/members/<slug>/``). One query finds them for a whole results page, in the active language (each
language's addresses are its own slugs), once per content generation.
"""

from urllib.parse import urlsplit

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core import generation
from pages.templatetags.site_tags import is_fallback


def _relative_parts(url, language):
    """The address's path segments after the language prefix: "/ar/about/history/#x" -> ["about", "history"]."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if segments and segments[0] == language:
        segments = segments[1:]
    return segments


def _load(base, urls, language):
    wanted = {base}
    for url in urls:
        parts = _relative_parts(url, language)
        for end in range(1, len(parts) + 1):
            wanted.add(base + "".join(f"{part}/" for part in parts[:end]))
    pages = Page.objects.live().public().filter(url_path__in=wanted)
    return {
        page.url_path: {"title": page.title, "url": page.get_url(), "fallback": is_fallback(page, "title")}
        for page in pages
    }


def _site(request):
    """The request's site and its home page's path in the active language (once per content generation:
    the search asks for it on every results page)."""
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    return None if site is None else (site.pk, site.root_page.url_path)


def trails(documents, request=None):
    """{document's url: [{"title", "url", "fallback"}, …]} from the home page to the result's section (the
    result's own page left out; ``fallback``: the title is shown in English)."""
    if not documents:
        return {}
    language = translation.get_language()
    host = request.get_host() if request is not None else ""
    site = generation.cached(("search_site", host, language), lambda: _site(request), timeout=None)
    if site is None:
        return {}
    site_pk, base = site
    urls = sorted({document.url for document in documents})
    found = generation.cached(
        ("search_trails", site_pk, language, *urls), lambda: _load(base, urls, language), timeout=None
    )
    result = {}
    for url in urls:
        parts = _relative_parts(url, language)
        is_page = not urlsplit(url).fragment  # a timeline entry or an office is a part of its page
        trail = []
        for end in range(0, len(parts) + 1):
            if is_page and end == len(parts):
                break  # the result's own address: a page, or a record shown at that address
            path = base + "".join(f"{part}/" for part in parts[:end])
            if path in found:
                crumb = dict(found[path])
                if end == 0:
                    crumb["title"] = _("Home")
                trail.append(crumb)
        result[url] = trail
    return result
