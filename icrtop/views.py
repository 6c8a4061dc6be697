"""Project-level views: health check and error pages."""

import sys
import time

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .middleware import database_unavailable_response, is_database_outage


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness in one: 200 when the database answers, 503 when it does not."""
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure to reach the database means "unhealthy"
        connection.close()
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": exc.__class__.__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "ms": round((time.monotonic() - started) * 1000, 1)})


def page_not_found(request, exception=None):
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
