"""Addresses a page builds of itself (language links, ``og:url``, canonical links), and the clean
address of a query with empty parameters."""

from urllib.parse import unquote_plus

from django.http import HttpResponseRedirect
from django.utils.encoding import escape_uri_path


def same_site_path(path):
    """``path`` with exactly one leading slash. A requested path may begin with ``//evil.example/``
    (or ``/\\evil.example/``), which a browser, and ``request.build_absolute_uri``, read as another
    host: a page must never echo that back as its own address."""
    return "/" + str(path or "").lstrip("/\\")


def page_address(page, request):
    """``page``'s full address on the host and scheme the visitor used (open data files and feed
    entries): never the Site record's placeholder host (``http://localhost``) when the site answers at
    another address. A page of another Site keeps that Site's address."""
    url = page.get_url(request) or ""
    if request is None or not url.startswith("/"):
        return url
    return request.build_absolute_uri(same_site_path(url))


def without_empty_parameters(query_string):
    """``query_string`` without its parameters whose value is empty or blank (``level=&region=`` from a
    filter form submitted with "All" chosen) nor empty pieces (``&&``); the others stay exactly as they
    were written, in their order."""
    kept = []
    for part in str(query_string or "").split("&"):
        name, has_value, value = part.partition("=")
        if not name or not has_value:
            continue
        try:
            blank = not unquote_plus(value, errors="strict").strip()
        except UnicodeDecodeError:
            blank = False  # not UTF-8: left for the page to reject as it does any odd value
        if not blank:
            kept.append(part)
    return "&".join(kept)


class CleanAddressRedirect(HttpResponseRedirect):
    """A redirect to the same address without empty parameters. Like the page it leads to, it is the
    same for every visitor: ``sitecache`` gives it the public pages' ``Cache-Control``."""

    shared = True


def redirect_without_empty_parameters(request):
    """A redirect (302) to the requested address without its empty parameters, or None when it has
    none (or the request is not a GET or HEAD). A filter form submitted without JavaScript sends every
    field, chosen or not (``?level=&region=&country=``); the address visitors keep, share and see in
    the language links is the clean one, and the page cache holds one copy of it."""
    if request.method not in ("GET", "HEAD"):
        return None
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return None
    clean = without_empty_parameters(query)
    if clean == query:
        return None
    path = same_site_path(escape_uri_path(request.path))
    return CleanAddressRedirect(f"{path}?{clean}" if clean else path)
