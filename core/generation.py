"""The site's content generation: one counter in the shared cache that every cached page, chrome
fragment and facet count includes in its key.

Any change that can show on a public page bumps it (``sitecache.signals``), so the next request in
every language, on every app server sharing the cache, misses and renders fresh. Nothing is deleted:
the old entries are never read again and expire (or are evicted) on their own.
"""

import hashlib
import threading
import time

from asgiref.local import Local
from django.conf import settings
from django.core.cache import caches
from django.db import transaction

GENERATION_KEY = "sitecache:generation"
_pending = threading.local()
_request = Local()  # per thread, and per asyncio task under ASGI


def cache():
    return caches[getattr(settings, "SITECACHE_CACHE_ALIAS", "default")]


def current():
    """The current generation (in an empty cache it starts from the clock, ``_fresh_start``).

    Within a request it is read once (``request_started`` to ``request_finished``): every fragment of
    one page comes from the same generation, and a page costs one read of the counter, not one per
    fragment. A change made by the request itself bumps it and reads it again."""
    memo = getattr(_request, "generation", None)
    if memo is not None:
        return memo
    value = cache().get(GENERATION_KEY)
    if value is None:
        # add() is atomic: two servers starting at once agree on the first value.
        cache().add(GENERATION_KEY, _fresh_start(), timeout=None)
        value = cache().get(GENERATION_KEY) or _fresh_start()
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def request_started_handler(**kwargs):
    _request.active = True
    _request.generation = None


def request_finished_handler(**kwargs):
    _request.active = False
    _request.generation = None


def _bump():
    _request.generation = None
    try:
        cache().incr(GENERATION_KEY)
    except ValueError:  # no counter (an emptied cache, or the counter evicted): start afresh
        start = _fresh_start()
        if cache().add(GENERATION_KEY, start, timeout=None):
            return
        cache().incr(GENERATION_KEY)


def _fresh_start():
    """The first value of a new counter: the clock in microseconds. A counter lost to eviction (a full
    file or Redis cache drops entries) must not start again below values already used, or entries
    stored under an old generation would be read again; counting from the clock, a new counter starts
    above every value the old one reached (it would have needed more than a change per microsecond)."""
    return time.time_ns() // 1000


def bump(after_commit=None):
    """Make every cached page and fragment stale now, and again once the current transaction commits.

    The immediate bump covers readers in this connection; the bump after the commit closes the
    window in which another server could render the old rows under the new generation. Several
    changes in one transaction share the second bump. ``after_commit`` (a callable) runs once after
    the commit too (the frontend-cache purge)."""
    _bump()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        if after_commit:
            after_commit()
        return
    state = getattr(_pending, "callbacks", None)
    if state is None:
        state = _pending.callbacks = {}
        transaction.on_commit(_run_after_commit)
    if after_commit is not None:
        state.setdefault(getattr(after_commit, "key", id(after_commit)), after_commit)


def _run_after_commit():
    callbacks = getattr(_pending, "callbacks", None) or {}
    _pending.callbacks = None
    _bump()
    for callback in callbacks.values():
        callback()


def bump_after_cache_outage(alias=None, **kwargs):
    """Receiver of ``core.cache_backends.recovered``: a change made while the cache could not be
    written did not bump the counter, so every process that saw the outage bumps it once when the
    cache answers again (entries stored before the outage are then never read)."""
    _bump()


def key(*parts):
    """A cache key under the current generation: ``key("nav", "fr", 3)``."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f"sitecache:{current()}:{digest}"


def cached(parts, compute, timeout=None):
    """``compute()``'s value, cached under the current generation and ``parts``.

    ``timeout`` (seconds) bounds what depends on the clock alone; it may be a callable that gets the
    computed value and returns the seconds (for example until the next shown event ends)."""
    cache_key = key(*parts)
    value = cache().get(cache_key)
    if value is None:
        value = compute()
        if callable(timeout):
            timeout = timeout(value)
        cache().set(
            cache_key, value, getattr(settings, "SITECACHE_FRAGMENT_TIMEOUT", 3600) if timeout is None else timeout
        )
    return value
