"""The site cache's settings, each with a default (override them in the settings module)."""

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def enabled():
    return getattr(settings, "SITECACHE_ENABLED", True)


def cache_alias():
    return getattr(settings, "SITECACHE_CACHE_ALIAS", "default")


def browser_max_age():
    """How long a browser may reuse a page without asking (it then revalidates with its ETag)."""
    return getattr(settings, "SITECACHE_BROWSER_MAX_AGE", 60)


def shared_max_age():
    """How long a shared cache (Varnish, a CDN) may serve a page; publishing purges it earlier."""
    return getattr(settings, "SITECACHE_SHARED_MAX_AGE", 600)


def page_timeout():
    """How long the page cache keeps a page. Changes invalidate at once; the timeout only bounds
    what depends on the clock alone (for example "upcoming events" after an event has passed)."""
    return getattr(settings, "SITECACHE_PAGE_TIMEOUT", 600)


def fragment_timeout():
    return getattr(settings, "SITECACHE_FRAGMENT_TIMEOUT", 3600)


def never_cache_prefixes():
    return tuple(getattr(settings, "SITECACHE_NEVER_CACHE_PREFIXES", ADMIN_PREFIXES))


def ignored_models():
    """``app_label`` or ``app_label.ModelName`` entries whose changes never show on a public page
    (form submissions, logs): saving them does not invalidate anything."""
    return {entry.lower() for entry in getattr(settings, "SITECACHE_IGNORED_MODELS", [])}


def watched_apps():
    """App labels whose model changes invalidate the cache; ``None`` means every project app (the
    apps whose code lives in this repository) plus Wagtail's images, documents, sites and
    settings."""
    return getattr(settings, "SITECACHE_WATCHED_APPS", None)


def page_cache_enabled():
    """Whether ``PageCacheMiddleware`` stores and serves whole pages (headers are set regardless)."""
    return enabled() and getattr(settings, "SITECACHE_PAGE_CACHE", True)


def route_cache_enabled():
    """Whether Wagtail's site lookup, page route and view-restriction check are cached per content
    generation (``sitecache.routing``)."""
    return enabled() and getattr(settings, "SITECACHE_ROUTE_CACHE", True)
