"""How often the page cache answers, for Prometheus (docs/operations.md, "Errors, logs and metrics").

Counted only when metrics are on (``METRICS_TOKEN``), as ``icrtop_page_cache_requests_total`` with one
label, ``result``: ``hit`` (served from the page cache) or ``miss`` (looked up, not found, rendered).
Nothing per page or per visitor. With ``PROMETHEUS_MULTIPROC_DIR`` (compose) prometheus_client keeps
each worker's counts in that folder and a scrape sums them, like django-prometheus' own metrics."""

import functools

from django.conf import settings

HIT, MISS = "hit", "miss"


@functools.cache
def page_cache_requests():
    """The counter, registered once per process (prometheus_client refuses a second registration)."""
    from prometheus_client import Counter

    counter = Counter(
        "icrtop_page_cache_requests",
        "Anonymous page requests looked up in the site's page cache: hit (served from it) or miss (rendered).",
        ["result"],
    )
    for result in (HIT, MISS):
        counter.labels(result=result)  # both series exist from the start, at 0
    return counter


def count(result):
    if getattr(settings, "METRICS_TOKEN", ""):
        page_cache_requests().labels(result=result).inc()
