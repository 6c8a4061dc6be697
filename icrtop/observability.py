"""Errors and metrics seen by the people running the site, all opt-in from the environment
(docs/operations.md, "Errors, logs and metrics"):

- Sentry (``SENTRY_DSN``): the web servers and the scheduler (every ``manage.py`` process) report
  errors; no personal data collected by the SDK (``data_collection``, what ``send_default_pii=False``
  was) and ``scrub_event`` removes what could identify a visitor: form
  fields, cookies, headers, IP addresses and e-mail addresses, wherever they appear in the event.
- JSON logs (``LOG_FORMAT=json``): one JSON object per line (``JsonFormatter``).
- Prometheus (``METRICS_TOKEN``): django-prometheus' request, database and cache metrics at
  ``/metrics``, answered only to ``Authorization: Bearer <METRICS_TOKEN>``; 404 to everybody else,
  and Caddy never forwards ``/metrics`` (deploy/caddy/Caddyfile): the scraper reaches each web server
  on the private network, over plain HTTP (``icrtop.middleware.InternalEndpointsMiddleware``)."""

import datetime
import hmac
import json
import logging
import re

from django.conf import settings
from django.http import HttpResponseNotFound
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

FILTERED = "[Filtered]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6 = re.compile(r"(?<![\w:])[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\w:])")
# Request headers kept in an event: nothing that identifies a visitor or carries a secret.
SAFE_HEADERS = {"accept", "accept-language", "accept-encoding", "content-type", "content-length", "host", "referer"}


def _ipv6(match):
    # "::" or all eight groups: an IPv6 address; a time of day such as 12:30:45 is left alone.
    text = match.group(0)
    return FILTERED if "::" in text or text.count(":") == 7 else text


def scrub_text(text):
    """A string with its e-mail and IP addresses replaced by ``[Filtered]``."""
    return IPV6.sub(_ipv6, IPV4.sub(FILTERED, EMAIL.sub(FILTERED, text)))


def scrub_value(value):
    """Every string inside ``value`` (dicts, lists, tuples) scrubbed."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: scrub_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_value(item) for item in value]
    return value


def scrub_event(event, hint=None):
    """Sentry's ``before_send``: the event without form fields, query values, cookies, identifying
    headers, the user's address, or any e-mail or IP address in messages, stack variables and
    breadcrumbs. What is left says where the error happened, not who met it."""
    request = event.get("request")
    if isinstance(request, dict):
        if request.get("data"):
            request["data"] = FILTERED  # form fields: names of applicants, messages, addresses
        if request.get("query_string"):
            request["query_string"] = FILTERED
        request.pop("cookies", None)
        request.pop("env", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in SAFE_HEADERS}
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for key in ("message", "logentry", "exception", "breadcrumbs", "extra", "contexts", "threads", "tags"):
        if key in event:
            event[key] = scrub_value(event[key])
    return event


def init_sentry(dsn, environment="production", release=None, traces_sample_rate=0.0):
    """Start Sentry's SDK for this process (called by the settings when ``SENTRY_DSN`` is set)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        # The SDK's successor of send_default_pii=False (deprecated in 2.x): no user identity, no
        # request bodies, no local variables of stack frames (they hold applicants' names too).
        data_collection={"user_info": False, "http_bodies": [], "stack_frame_variables": False},
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces_sample_rate,
    )


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and the traceback."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # gunicorn's access line, also as fields: method, path, status and duration.
            atoms = record.args
            entry.update(method=atoms.get("m"), path=atoms.get("U"), status=atoms.get("s"), ms=atoms.get("M"))
        return json.dumps(entry, ensure_ascii=False, default=str)


@never_cache
@require_GET
def metrics(request):
    """Prometheus' text format for a scraper that sends the token; 404 for everybody else (also when
    metrics are off), so the address gives nothing away. Answered by
    ``icrtop.middleware.InternalEndpointsMiddleware`` before the host check and the HTTPS redirect.
    With ``PROMETHEUS_MULTIPROC_DIR`` (compose) every gunicorn worker's counts are summed."""
    token = getattr(settings, "METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        return HttpResponseNotFound(b"Not found", content_type="text/plain")
    from django_prometheus.exports import ExportToDjangoView

    return ExportToDjangoView(request)
