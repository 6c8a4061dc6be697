"""A small fixed-window rate limit on Django's default cache, shared by every worker when the cache
is (Redis in production; the local-memory cache counts per process).

Why not django-ratelimit: its system check refuses the local-memory cache the project uses by
default with an error, which would stop ``manage.py check``; the few lines below are all we need.
"""

import hashlib

from django.core.cache import cache


def hit(scope, key, limit, window):
    """Counts one attempt for ``key`` in ``scope``; True while at most ``limit`` attempts were made
    in the current ``window`` seconds, False once the limit is exceeded."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count <= limit


def exceeded(scope, key, limit):
    """Whether ``key`` already went past ``limit`` in the current window (without counting)."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return (cache.get(f"ratelimit:{scope}:{digest}") or 0) > limit
