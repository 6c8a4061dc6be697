"""Project-level views: health check and error pages."""

import logging
import secrets
import sys
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core import scheduler

from .middleware import database_unavailable_response, is_database_outage

logger = logging.getLogger("icrtop.health")


def cache_works():
    """Whether the default cache can be written and read back now (``probe`` of the fail-soft
    backends, which also closes or opens their breaker; a plain round trip for the others)."""
    store = caches["default"]
    probe = getattr(store, "probe", None)
    if probe is not None:
        return probe()
    token = secrets.token_hex(8)
    store.set("healthz:probe", token, 30)
    return store.get("healthz:probe") == token


def backup_state():
    """The nightly backup's state (``core.scheduler.backup_state``), "unknown" when its table cannot be read."""
    try:
        return scheduler.backup_state()
    except DatabaseError:
        return "unknown"


def scheduler_state():
    """ "ok", "stale" (no scheduler went through the jobs for SCHEDULER_STALE_AFTER), "never" or
    "unknown" (its table cannot be read, e.g. before the first migrate)."""
    try:
        if scheduler.last_run() is None:
            return "never"
        return "stale" if scheduler.is_stale() else "ok"
    except DatabaseError:
        return "unknown"


class HealthTransitions:
    """What this process last found wrong in the health check, so that a failure is logged once when
    it starts or changes (a WARNING naming each part) and once when it ends (INFO), not at every poll
    of the monitoring, Docker's health check or a proxy. Per process: each gunicorn worker says it once."""

    def __init__(self):
        self.last = None  # None: nothing checked yet; (): all well
        self.lock = threading.Lock()

    def report(self, problems):
        problems = tuple(problems)
        with self.lock:
            previous, self.last = self.last, problems
        if problems == previous:
            return
        if problems:
            logger.warning("Health check failing: %s", "; ".join(problems))
        elif previous:
            logger.info("Health check ok again (was: %s)", "; ".join(previous))


health_log = HealthTransitions()


def unlogged(response):
    """A 503 of the health check, not logged again by Django's request logger (an ERROR per poll,
    and a Sentry event each time): ``HealthTransitions`` logs the change once."""
    response._has_been_logged = True  # what django.utils.log.log_response checks
    return response


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness in one (docs/operations.md, "Health"). 503 when the database does not
    answer (the site cannot serve). Otherwise 200, with ``"status": "degraded"`` when the cache cannot
    be written and read (the site serves every page uncached) or the scheduler has not run lately
    (mail waits, scheduled pages wait): the proxies keep sending visitors, who are served.
    ``?strict=1`` (for monitoring) answers 503 as soon as one part is not ok. ``?live=1`` (Varnish's
    probe) only says that this server answers: with the database lost the site still shows visitors
    its own 503 page, which Varnish must pass on rather than its own error."""
    started = time.monotonic()
    if request.GET.get("live"):
        return JsonResponse({"status": "live"})
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure to reach the database means "unhealthy"
        connection.close()
        health_log.report([f"database unavailable ({exc.__class__.__name__})"])
        return unlogged(
            JsonResponse({"status": "error", "database": "unavailable", "detail": exc.__class__.__name__}, status=503)
        )
    cache_ok = cache_works()
    jobs = scheduler_state()
    backup = backup_state()
    healthy = cache_ok and jobs == "ok" and backup in (None, "ok")
    parts = {"database": "ok", "cache": "ok" if cache_ok else "unavailable", "scheduler": jobs}
    if backup is not None:
        parts["backup"] = backup
    health_log.report(f"{part} {state}" for part, state in parts.items() if state != "ok")
    response = JsonResponse(
        {"status": "ok" if healthy else "degraded", **parts, "ms": round((time.monotonic() - started) * 1000, 1)},
        status=503 if request.GET.get("strict") and not healthy else 200,
    )
    return unlogged(response) if response.status_code == 503 else response


MAX_REDIRECT_QUERY = 2000  # longer query strings are not carried over (a redirect has a size limit)


def english_address_redirect(request):
    """/fr/about/history/ (an English address under another language's prefix, e.g. an old or
    hand-edited link) redirects to the page's address in that language: /fr/a-propos/histoire/."""
    language = translation.get_language_from_path(request.path_info)
    if not language or language == settings.LANGUAGE_CODE:
        return None
    rest = request.path_info[len(language) + 2 :]
    components = [part for part in rest.split("/") if part]
    site = Site.find_for_request(request)
    if not components or site is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        try:
            page = site.root_page.specific.route(request, components).page
        except Http404:
            return None
        english_url = page.get_url(request)
    english_path = f"/{settings.LANGUAGE_CODE}/{'/'.join(components)}/"
    if not english_url or not english_path.startswith(english_url):
        return None
    suffix = english_path[len(english_url) :]  # a route below a routable page, e.g. a member's slug
    with translation.override(language):
        url = page.get_url(request)
    if not url or url + suffix == request.path_info:
        return None
    url += suffix
    query = request.META.get("QUERY_STRING", "")
    if query and len(query) <= MAX_REDIRECT_QUERY:
        url = f"{url}?{query}"
    return HttpResponseRedirect(url)


def page_not_found(request, exception=None):
    # English addresses under another language's prefix are redirected by
    # ``icrtop.middleware.EnglishAddressRedirectMiddleware`` (it works with DEBUG on too).
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def server_error(request):
    """500 handler. A database outage anywhere in the stack becomes the friendly 503 page."""
    exc = sys.exc_info()[1]
    if exc is not None and is_database_outage(exc):
        return database_unavailable_response(request, exc)
    # The 500 page must not need the database (it may be the thing that failed).
    return render(request, "500.html", status=500)
