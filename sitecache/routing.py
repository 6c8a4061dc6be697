"""Wagtail's site lookup, page route and view-restriction check, cached per content generation.

For every page address Wagtail finds the site by host name (one query), then walks the page tree one
slug at a time, loading each page twice (its base row, then its specific row with every language's
columns), then loads the page's ancestors and their view restrictions (two queries). On a text page
that was a third of an uncached render; on a crisis page, three levels deep, half of it.

``RouteCacheMiddleware.process_view`` runs just before Wagtail's ``serve`` view and hands it what an
earlier request found, through the attributes Wagtail itself caches them on
(``request._wagtail_site``, ``request._wagtail_route_for_request``). The route is stored whole:
the specific page (pickled, so each request gets its own copy) with a routable page's view and
arguments. The key holds the content generation, the site, the active language (slugs are
translated) and the path, so any publish, unpublish, move, slug change, deletion, site change or
view-restriction change (each bumps the generation, ``sitecache.signals``) routes afresh.

An address Wagtail answers with 404 is not stored. Nothing here depends on the visitor: routing
reads no cookie or user, and the view restrictions themselves are still checked by Wagtail for every
request of a page that has any.
"""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from core import generation

from . import conf

_MISSING = object()


def _no_restrictions():
    return PageViewRestriction.objects.none()


def _site(request):
    """The request's site, from the cache when an earlier request found it."""
    try:
        hostname, _port = split_domain_port(request.get_host())
        port = request.get_port()
    except (DisallowedHost, KeyError):
        return Site.find_for_request(request)
    store = generation.cache()
    key = generation.key("site", hostname, port)
    site = store.get(key, _MISSING)
    if site is _MISSING:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - stored with the site: every page's menu reads it
            store.set(key, site, conf.fragment_timeout())
        return site
    request._wagtail_site = site
    return site


def _is_unrestricted(page):
    """Whether no view restriction applies to the page (Wagtail's own test, aliases included)."""
    return not page.get_view_restrictions().exists()


def prime(request, path):
    """Sets Wagtail's request caches from the route cache, filling it on a miss."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = request._wagtail_site if hasattr(request, "_wagtail_site") else _site(request)
    if site is None:
        return
    store = generation.cache()
    key = generation.key("route", site.pk, translation.get_language(), path)
    entry = store.get(key)
    if entry is not None:
        route, unrestricted = entry
        if unrestricted:
            # Wagtail's check_view_restrictions hook asks the page; nothing applies to this one.
            route[0].get_view_restrictions = _no_restrictions
        request._wagtail_route_for_request = route
        return
    route = Page.route_for_request(request, path)
    if route is None:
        return  # a 404: not stored
    unrestricted = _is_unrestricted(route[0])
    store.set(key, (route, unrestricted), conf.fragment_timeout())
    if unrestricted:
        route[0].get_view_restrictions = _no_restrictions


class RouteCacheMiddleware:
    """Primes Wagtail's ``serve`` view with the cached site and route (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not conf.route_cache_enabled() or request.path_info.startswith(conf.never_cache_prefixes()):
            return None
        if view_func is wagtail_views.serve:
            prime(request, view_kwargs.get("path", view_args[0] if view_args else ""))
        return None
