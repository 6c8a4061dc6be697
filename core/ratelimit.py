"""Rate limits (the public forms, two-factor codes, CSP reports): a fixed window per key, counted in
the default cache (Redis, or the disk cache shared by the processes of one machine). ``add`` and
``incr`` are atomic there, so a burst of simultaneous requests is let through exactly ``limit`` times.

When the shared cache is unavailable (``core.cache_backends``), the count goes on in this process's
memory: the limits still hold, per process (at most processes × limit while the outage lasts), and
nobody gets an error or a refusal they did not earn. Once the cache is back it counts again.

Keys are what the caller passes; ``address_key`` groups IPv6 addresses by their /64 network (one
household or device usually holds a whole /64).
"""

import hashlib
import ipaddress
import re

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from .cache_backends import CacheUnavailable, raising

_fallback = LocMemCache("icrtop-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """``"5/h"`` -> ``(5, 3600)``; ``"100/15m"`` -> ``(100, 900)``."""
    match = _RATE.match(str(rate))
    if not match:
        raise ValueError(f"Not a rate: {rate!r} (use N/s, N/m, N/h, N/d or N/15m)")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNIT_SECONDS[unit]


def address_key(address):
    """The key of a client address: IPv4 as is, IPv6 by its /64 network."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return str(address or "")
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _store():
    return caches["default"]


def _cache_key(scope, key):
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def _count(store, cache_key, window):
    if store.add(cache_key, 1, timeout=window):
        return 1
    try:
        count = store.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        store.add(cache_key, 1, timeout=window)
        return 1
    return count


def hit(scope, key, limit, window):
    """Counts one attempt for ``key`` in ``scope``; True while at most ``limit`` attempts were made
    in the current ``window`` seconds, False once the limit is exceeded."""
    cache_key = _cache_key(scope, key)
    store = _store()
    try:
        with raising(store):
            count = _count(store, cache_key, window)
    except CacheUnavailable:
        count = _count(_fallback, cache_key, window)
    return count <= limit
