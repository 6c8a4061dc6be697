"""HTTP caching, compression and the anonymous page cache. Three separate classes, in this order
(outermost first, see ``MIDDLEWARE`` in the settings):

``PageCacheMiddleware``
    Serves anonymous GET/HEAD requests from the page cache (Django's cache: the disk cache shared by
    the processes of one machine, or Redis; both fail soft, see core/cache_backends.py) and stores
    the responses that ``HttpCachePolicyMiddleware`` marked public. The key holds the content
    generation, the host, the full path with its query (the language is in the path) and the
    negotiated encoding, so a hit is served already compressed.
``CompressionMiddleware``
    brotli for clients that accept it, gzip otherwise (Django's, with its "Heal the BREACH" random
    padding), for HTML, XML, JSON, CSV, iCalendar and other text responses.
``django.middleware.http.ConditionalGetMiddleware`` (Django's)
    ETag on every cacheable response, ``304 Not Modified`` for a matching ``If-None-Match``.
``HttpCachePolicyMiddleware``
    Decides who may store a response: public (``max-age`` for browsers, ``s-maxage`` for shared
    caches) only for an anonymous GET/HEAD of a public page that sets no cookie and used no CSRF
    token; ``private, no-store`` for signed-in users, the admin and previews.
"""

import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.text import compress_sequence, compress_string

from core import generation

from . import conf, metrics

COMPRESSIBLE_TYPES = {
    "text/html",
    "text/plain",
    "text/xml",
    "text/csv",
    "text/calendar",
    "text/vcard",
    "text/x-vcard",
    "text/markdown",
    "application/xhtml+xml",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/json",
    "application/ld+json",
    "application/activity+json",
    "application/manifest+json",
    "image/svg+xml",
}
_accept_re = re.compile(r"\s*([a-z*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.IGNORECASE)
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


def negotiate_encoding(request):
    """``"br"``, ``"gzip"`` or ``""`` for the request's ``Accept-Encoding`` (brotli preferred)."""
    accepted = {}
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        match = _accept_re.match(part)
        if not match:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            quality = 0.0
        accepted[match.group(1).lower()] = quality
    for coding in ("br", "gzip"):
        if accepted.get(coding, accepted.get("*", 0)) > 0:
            return coding
    return ""


def cache_control_directives(response):
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}


def has_session_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_public_request(request):
    """A request whose answer may be shared: anonymous GET/HEAD outside the admin, not a preview."""
    return (
        conf.enabled()
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(conf.never_cache_prefixes())
        and not has_session_cookie(request)
        and not getattr(request, "is_preview", False)
    )


class HttpCachePolicyMiddleware:
    """Sets ``Cache-Control`` (and trims ``Vary``) by who asked and what the response holds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        return self.apply_policy(request, response)

    @staticmethod
    def apply_policy(request, response):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if request.path_info.startswith(conf.never_cache_prefixes()) or getattr(request, "is_preview", False):
            add_never_cache_headers(response)
            return response
        if signed_in:
            add_never_cache_headers(response)  # private, no-store: an editor's page is theirs alone
            return response
        if request.method not in ("GET", "HEAD"):
            return response
        directives = cache_control_directives(response)
        if directives & PRIVATE_DIRECTIVES:
            return response  # the view said so (never_cache, a form page)
        if response.cookies or has_session_cookie(request):
            # A response that sets a cookie (a CSRF token, a session) is per visitor.
            add_never_cache_headers(response)
            return response
        if (response.status_code != 200 and not getattr(response, "shared", False)) or response.streaming:
            return response  # a redirect is shared only when its view says so (``core.paths``)
        patch_cache_control(response, public=True, max_age=conf.browser_max_age(), s_maxage=conf.shared_max_age())
        # Anonymous answers do not depend on cookies (signed-in visitors are never served from a
        # shared cache: the session cookie bypasses it), and the language is in the address.
        vary = [item.strip() for item in cc_delim_re.split(response.get("Vary", "")) if item.strip()]
        vary = [item for item in vary if item.lower() not in {"cookie", "accept-language"}]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        return response


class CompressionMiddleware:
    """brotli or gzip for text responses (static files are precompressed by WhiteNoise)."""

    min_length = 200
    brotli_quality = 5  # fast enough for uncached pages; hits are served already compressed
    max_random_bytes = 100  # Django's gzip "Heal the BREACH" padding

    def __init__(self, get_response):
        self.get_response = get_response
        self.types = set(getattr(settings, "SITECACHE_COMPRESS_TYPES", COMPRESSIBLE_TYPES))

    def __call__(self, request):
        response = self.get_response(request)
        return self.compress(request, response)

    def compress(self, request, response):
        if response.has_header("Content-Encoding") or response.status_code in (204, 304):
            return response
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type not in self.types:
            return response
        if not response.streaming and len(response.content) < self.min_length:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = negotiate_encoding(request)
        if not coding:
            return response
        if response.streaming:
            if response.is_async:
                return response
            if coding == "br":
                response.streaming_content = _brotli_sequence(response.streaming_content, self.brotli_quality)
            else:
                response.streaming_content = compress_sequence(
                    response.streaming_content, max_random_bytes=self.max_random_bytes
                )
            if response.has_header("Content-Length"):
                del response["Content-Length"]
        else:
            if coding == "br":
                import brotli

                compressed = brotli.compress(response.content, mode=brotli.MODE_TEXT, quality=self.brotli_quality)
            else:
                compressed = compress_string(response.content, max_random_bytes=self.max_random_bytes)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        response["Content-Encoding"] = coding
        return response


def _brotli_sequence(sequence, quality):
    import brotli

    compressor = brotli.Compressor(mode=brotli.MODE_TEXT, quality=quality)
    for chunk in sequence:
        data = compressor.process(chunk)
        if data:
            yield data
    yield compressor.finish()


class PageCacheMiddleware:
    """The anonymous full-page cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not conf.page_cache_enabled() or not is_public_request(request):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        coding = negotiate_encoding(request)
        # The key is fixed before rendering: a page rendered from rows older than a concurrent
        # change is stored under the old generation and never read again.
        key = generation.key("page", request.scheme, host, request.get_full_path(), coding)
        store = generation.cache()
        entry = store.get(key)
        if entry is not None:
            metrics.count(metrics.HIT)
            return self.hit(request, entry)
        metrics.count(metrics.MISS)  # also when the cache is down: every page is then rendered
        response = self.get_response(request)
        if self.storable(request, response):
            store.set(key, self.freeze(response), conf.page_timeout())
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def storable(request, response):
        if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
            return False
        directives = cache_control_directives(response)
        return "public" in directives and "s-maxage" in directives and not directives & PRIVATE_DIRECTIVES

    @staticmethod
    def freeze(response):
        headers = [(name, value) for name, value in response.items() if name.lower() not in {"set-cookie", "date"}]
        return (response.status_code, headers, response.content)

    @staticmethod
    def hit(request, entry):
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        if request.method == "HEAD":
            length = response.get("Content-Length")
            response.content = b""
            if length:
                response["Content-Length"] = length
        conditional = get_conditional_response(request, etag=response.get("ETag"), response=response)
        return conditional
