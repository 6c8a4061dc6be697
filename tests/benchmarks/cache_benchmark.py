"""Cache benchmark (a script, not a test): `make benchmark-cache`.

Times the operations the site makes on its cache (``get`` of a stored entry, ``set``, and a rate
limit's ``add`` + ``incr``) on the default backend without Redis (``core.cache_backends.DiskCache``,
diskcache's SQLite-indexed files) as it fills up: empty, then at each of --sizes entries (default
10,000 and 100,000; values of --value-bytes, 1 KB, about an HTML fragment). With --file-cache, the same
for Django's file cache (the backend used before, which lists its folder on every write) up to
--file-cache-entries (default 10,000: filling it takes minutes). With REDIS_URL set, the same for
Redis (``core.cache_backends.RedisCache``) too. Everything in a throw-away folder (Redis: entries
under their own prefix, for 10 minutes).
"""

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(operation, count):
    """Milliseconds of ``count`` calls of ``operation(n)``: (median, 95th percentile)."""
    times = []
    for n in range(count):
        started = time.perf_counter()
        operation(n)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def fill(cache, start, stop, value):
    """Entries ``start`` to ``stop`` (set_many in batches: the filling is not what is timed)."""
    for first in range(start, stop, 500):
        cache.set_many({f"fill:{n}": value for n in range(first, min(first + 500, stop))}, 600)


def timings(cache, size, value, runs):
    """(median, p95) of a get of a stored entry, a set, and a rate limit's add + incr."""
    run = secrets.token_hex(4)

    def limit(n):
        key = f"rl:{run}:{n % 50}"
        if not cache.add(key, 1, 600):
            cache.incr(key)

    return (
        timed(lambda n: cache.get(f"fill:{n * 7919 % size}" if size else "probe"), runs),
        timed(lambda n: cache.set(f"new:{run}:{n}", value, 600), runs),
        timed(limit, runs),
    )


def measure(name, cache, sizes, value, runs):
    print(f"\n{name}")
    print(f"{'entries':>9} {'get ms':>14} {'set ms':>14} {'add+incr ms':>14}   (median / p95)")
    filled = 0
    for size in [0, *sizes]:
        started = time.perf_counter()
        fill(cache, filled, size, value)
        filling = time.perf_counter() - started
        filled = size
        cache.set("probe", value, 600)
        assert cache.get(f"fill:{size - 1}" if size else "probe") == value, f"{name}: a stored entry reads as a miss"
        cells = " ".join(f"{m:6.3f} / {p:5.3f}" for m, p in timings(cache, size, value, runs))
        print(f"{size:>9,} {cells}   (filled in {filling:.1f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=[10_000, 100_000])
    parser.add_argument("--value-bytes", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--file-cache", action="store_true")
    parser.add_argument("--file-cache-entries", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "icrtop.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache.backends.filebased import FileBasedCache

    from core.cache_backends import DiskCache, RedisCache

    value = secrets.token_bytes(args.value_bytes)
    folder = tempfile.mkdtemp(prefix="icrtop-cache-benchmark-")
    print(f"Values of {args.value_bytes} bytes; {args.runs} timed calls per operation and size.")
    try:
        disk = DiskCache(f"{folder}/disk", {"OPTIONS": {"size_limit": 2**32}})
        measure(
            "Disk cache (core.cache_backends.DiskCache, the default without REDIS_URL)",
            disk,
            args.sizes,
            value,
            args.runs,
        )
        if args.file_cache:
            files = FileBasedCache(f"{folder}/files", {"OPTIONS": {"MAX_ENTRIES": 10**7}})
            sizes = [size for size in args.sizes if size <= args.file_cache_entries] or [args.file_cache_entries]
            measure("Django's file cache (FileBasedCache, before)", files, sizes, value, min(args.runs, 300))
        if os.environ.get("REDIS_URL"):
            # Its own key prefix; the entries expire after 10 minutes (nothing else is flushed).
            redis = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"benchmark-{secrets.token_hex(4)}"})
            measure("Redis (core.cache_backends.RedisCache)", redis, args.sizes, value, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
