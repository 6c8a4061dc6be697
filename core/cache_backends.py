"""Cache backends that fail soft: a cache that cannot be reached, answers too slowly or cannot be
written (Redis down or stalled, a full disk) reads as a miss and writes nothing, so the site serves
uncached pages instead of errors.

- ``RedisCache``: Django's Redis backend with short socket timeouts (``CACHE_SOCKET_TIMEOUT``, 0.5 s)
  and no retries, so a stalled server costs one request half a second, not every request forever.
- ``DiskCache``: diskcache's ``DjangoCache`` (SQLite-indexed files shared by every process of one
  machine: it stays fast with hundreds of thousands of entries, culls by size, and its ``add`` and
  ``incr`` are atomic across processes, so rate limits stay exact).

Both share ``FailSoftMixin``: an error of the cache server or of the disk is caught, logged once and
opens a circuit breaker for ``CACHE_RETRY_SECONDS`` (5 s) in this process: meanwhile every operation
returns at once as a miss. Then one request tries again; when the cache answers, the breaker closes
(logged), ``recovered`` is sent, and the content generation is bumped (``core.generation``), since a
change made while the cache could not be written was not counted. No restart is needed.

Why not django-redis's ``IGNORE_EXCEPTIONS``: it swallows errors per call, so a stalled server still
costs every call its socket timeout (a page makes dozens); the breaker here costs one. And the same
behaviour is needed for the disk cache, which django-redis does not cover.

Code that must know whether a write was counted (the rate limits, ``core.ratelimit``) wraps its calls
in ``with raising(cache):``, which raises ``CacheUnavailable`` instead of returning a miss.
"""

import contextlib
import logging
import os
import secrets
import sqlite3
import threading
import time
import urllib.parse

import django.dispatch
from diskcache import DjangoCache, FanoutCache, Timeout
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger("icrtop.cache")

# Sent (with ``alias``) when a cache that was unavailable answers again.
recovered = django.dispatch.Signal()

_breakers = {}
_breakers_lock = threading.Lock()
_raising = threading.local()


class CacheUnavailable(Exception):
    """The cache could not be read or written (only inside ``with raising(cache):``)."""


class Breaker:
    """The state of one cache in this process: up, or down since a moment, with the next try."""

    def __init__(self, name, retry_seconds):
        self.name = name
        self.retry_seconds = retry_seconds
        self.down_since = None
        self.next_try = 0.0
        self.lock = threading.Lock()

    @property
    def is_down(self):
        return self.down_since is not None

    def allows(self):
        """Whether an operation may try the cache now: always while it is up; once every
        ``retry_seconds`` (one caller, the others are told no) while it is down."""
        if self.down_since is None:
            return True
        with self.lock:
            now = time.monotonic()
            if now >= self.next_try:
                self.next_try = now + self.retry_seconds
                return True
        return False

    def failure(self, exc):
        with self.lock:
            now = time.monotonic()
            self.next_try = now + self.retry_seconds
            if self.down_since is not None:
                return
            self.down_since = now
        logger.warning(
            "Cache %r unavailable (%s: %s): serving without it, trying again every %s s.",
            self.name,
            exc.__class__.__name__,
            exc,
            self.retry_seconds,
        )

    def success(self):
        """Marks the cache up; True if it was down (the caller then announces the recovery)."""
        if self.down_since is None:
            return False
        with self.lock:
            if self.down_since is None:
                return False
            down_for = time.monotonic() - self.down_since
            self.down_since = None
        logger.warning("Cache %r is available again after %.1f s.", self.name, down_for)
        return True


def breaker_for(name, retry_seconds):
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = Breaker(name, retry_seconds)
        return _breakers[name]


@contextlib.contextmanager
def raising(cache):
    """Within the block, an unavailable cache raises ``CacheUnavailable`` instead of reading as a
    miss (for callers that must not mistake an outage for an empty cache). A no-op for caches that
    cannot fail (local memory)."""
    if not isinstance(cache, FailSoftMixin):
        yield
        return
    previous = getattr(_raising, "active", False)
    _raising.active = True
    try:
        yield
    finally:
        _raising.active = previous


class FailSoftMixin:
    """Catches ``errors`` in every cache operation (see the module docstring)."""

    errors = (OSError,)

    def _setup_fail_soft(self, name, params):
        retry = float(params["OPTIONS"].pop("RETRY_SECONDS", 5))
        self.breaker = breaker_for(name, retry)
        self.cache_name = name

    def _call(self, operation, fallback, *args, **kwargs):
        strict = getattr(_raising, "active", False)
        breaker = self.breaker
        if not breaker.allows():
            if strict:
                raise CacheUnavailable(breaker.name)
            return fallback
        probing = breaker.is_down
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except self.errors as exc:
            breaker.failure(exc)
            if strict:
                raise CacheUnavailable(breaker.name) from exc
            return fallback
        if breaker.success():
            recovered.send(sender=self.__class__, alias=self.cache_name)
        if probing and not strict:
            # An answer read while the cache was thought down may predate a change that could not
            # bump the generation then; the recovery above has bumped it, so treat it as a miss.
            return fallback
        return result

    def probe(self):
        """Writes and reads back a value, bypassing the breaker (the health check); True if the
        cache works. A success closes the breaker, a failure opens it."""
        token = secrets.token_hex(8)
        key = "healthz:probe"
        try:
            super().set(key, token, 30)
            works = super().get(key) == token
        except self.errors as exc:
            self.breaker.failure(exc)
            return False
        if not works:
            self.breaker.failure(RuntimeError("a value written could not be read back"))
            return False
        if self.breaker.success():
            recovered.send(sender=self.__class__, alias=self.cache_name)
        return True

    @property
    def available(self):
        return not self.breaker.is_down

    def get(self, key, default=None, version=None, **kwargs):
        return self._call("get", default, key, default, version, **kwargs)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        return self._call("set", False, key, value, timeout, version, **kwargs)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        return self._call("add", False, key, value, timeout, version, **kwargs)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        return self._call("touch", False, key, timeout, version, **kwargs)

    def delete(self, key, version=None, **kwargs):
        return self._call("delete", False, key, version, **kwargs)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None, **kwargs):
        # None (not ValueError, "no such key"): callers that re-create a missing key would loop.
        return self._call("incr", None, key, delta, version, **kwargs)

    def decr(self, key, delta=1, version=None, **kwargs):
        return self._call("decr", None, key, delta, version, **kwargs)

    def clear(self):
        return self._call("clear", None)


class RedisCache(FailSoftMixin, DjangoRedisCache):
    """Django's Redis backend, failing soft, with short socket timeouts and no retries."""

    errors = (RedisError, OSError)

    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        parts = urllib.parse.urlsplit(str(server).split(",")[0])
        self._setup_fail_soft(f"redis://{parts.hostname}:{parts.port or 6379}{parts.path}", params)
        options = params["OPTIONS"]
        timeout = float(options.pop("SOCKET_TIMEOUT", 0.5))
        options.setdefault("socket_timeout", timeout)
        options.setdefault("socket_connect_timeout", timeout)
        # redis-py retries a failed command with growing pauses; here a failure must cost little.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)


class DiskCache(FailSoftMixin, DjangoCache):
    """diskcache's DjangoCache, failing soft (a full disk, a file that cannot be opened)."""

    errors = (sqlite3.Error, OSError, Timeout)

    def __init__(self, directory, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        self._setup_fail_soft(str(directory), params)
        BaseCache.__init__(self, params)
        self._directory, self._params = str(directory), params
        self._pid = None
        self._cache = None
        self._open()

    def _open(self):
        """Opens the shards; a forked worker opens its own SQLite connections, never its parent's."""
        self._pid = os.getpid()
        try:
            self._cache = FanoutCache(
                self._directory,
                self._params.get("SHARDS", 8),
                self._params.get("DATABASE_TIMEOUT", 0.010),
                **self._params["OPTIONS"],
            )
        except self.errors as exc:  # the folder cannot be made or opened: no cache for now
            self.breaker.failure(exc)
            self._cache = None

    def _call(self, operation, fallback, *args, **kwargs):
        if self._cache is None or self._pid != os.getpid():
            if self.breaker.allows():
                self._open()
            if self._cache is None:
                if getattr(_raising, "active", False):
                    raise CacheUnavailable(self.breaker.name)
                return fallback
        return super()._call(operation, fallback, *args, **kwargs)

    def probe(self):
        if self._cache is None or self._pid != os.getpid():
            self._open()
            if self._cache is None:
                return False
        return super().probe()

    def close(self, **kwargs):
        # Django closes every cache after each request; the SQLite connections stay open per thread
        # instead (opening eight of them would cost more than the request's cache reads).
        pass
