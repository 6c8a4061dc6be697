"""Public endpoints: CSP violation reports and security.txt (RFC 9116)."""

import datetime
import hashlib
import json
import logging
import urllib.parse

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core.audit import client_ip
from core.ratelimit import address_key, hit

from .models import CSPReport

logger = logging.getLogger(__name__)

REPORT_CONTENT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
POLICIES = {code for code, _label in CSPReport.POLICIES}


def _without_query(uri):
    """A reported address without its query string or fragment (they may hold what a visitor typed)."""
    uri = str(uri or "")[:2000]
    parts = urllib.parse.urlsplit(uri)
    if not parts.scheme and not parts.netloc:
        return uri[:500]  # "inline", "eval", "self"...
    return urllib.parse.urlunsplit(parts._replace(query="", fragment=""))[:500]


def _violations(payload):
    """Normalised violations from either format: report-uri's {"csp-report": {...}} or the
    Reporting API's [{"type": "csp-violation", "body": {...}}, ...]."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        body = payload["csp-report"]
        yield {
            "document_uri": body.get("document-uri"),
            "directive": body.get("effective-directive") or body.get("violated-directive"),
            "blocked_uri": body.get("blocked-uri"),
            "source_file": body.get("source-file"),
            "line_number": body.get("line-number"),
            "sample": body.get("script-sample"),
            "disposition": body.get("disposition"),
        }
    elif isinstance(payload, list):
        for report in payload[:20]:
            if not isinstance(report, dict) or report.get("type") != "csp-violation":
                continue
            body = report.get("body") if isinstance(report.get("body"), dict) else {}
            yield {
                "document_uri": body.get("documentURL") or report.get("url"),
                "directive": body.get("effectiveDirective"),
                "blocked_uri": body.get("blockedURL"),
                "source_file": body.get("sourceFile"),
                "line_number": body.get("lineNumber"),
                "sample": body.get("sample"),
                "disposition": body.get("disposition"),
            }


def _store(policy, violation):
    now = timezone.now()
    line = violation.get("line_number")
    fields = {
        "policy": policy,
        "disposition": str(violation.get("disposition") or "")[:10],
        "document_uri": _without_query(violation.get("document_uri")),
        "directive": str(violation.get("directive") or "")[:100],
        "blocked_uri": _without_query(violation.get("blocked_uri")),
        "source_file": _without_query(violation.get("source_file")),
        "line_number": line if isinstance(line, int) and 0 <= line < 2**31 else None,
    }
    fingerprint = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
    # Deduplicated: a violation seen before only counts one more.
    if CSPReport.objects.filter(fingerprint=fingerprint).update(count=F("count") + 1, last_seen=now):
        return "counted"
    hour_ago = now - datetime.timedelta(hours=1)
    if CSPReport.objects.filter(first_seen__gte=hour_ago).count() >= settings.CSP_REPORT_MAX_NEW_PER_HOUR:
        return "dropped"  # a flood of distinct reports: keep what we have
    try:
        with transaction.atomic():
            CSPReport.objects.create(
                fingerprint=fingerprint, sample=str(violation.get("sample") or "")[:200], last_seen=now, **fields
            )
    except IntegrityError:  # the same report arrived twice at once
        CSPReport.objects.filter(fingerprint=fingerprint).update(count=F("count") + 1, last_seen=now)
        return "counted"
    CSPReport.objects.filter(last_seen__lt=now - datetime.timedelta(days=settings.CSP_REPORT_KEEP_DAYS)).delete()
    return "stored"


@csrf_exempt
def csp_report(request):
    """Browsers POST violation reports here (report-uri / report-to of both policies). Answers 204;
    413 for a body over CSP_REPORT_MAX_BYTES, 429 past CSP_REPORT_RATE_LIMIT a minute per address,
    400 for what is not a report. Nothing here is ever shown to visitors."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not hit("csp-report", address_key(client_ip(request)), settings.CSP_REPORT_RATE_LIMIT, 60):
        return _plain(429)
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return _plain(413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return _plain(413)
    if request.content_type not in REPORT_CONTENT_TYPES:
        return _plain(400)
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _plain(400)
    policy = request.GET.get("policy", "")
    if policy not in POLICIES:
        policy = "public"
    violations = list(_violations(payload))
    if not violations:
        return _plain(400)
    for violation in violations:
        _store(policy, violation)
    return _plain(204)


def _plain(status):
    response = HttpResponse(status=status, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def security_txt_contacts(request):
    if settings.SECURITY_TXT_CONTACT:
        return settings.SECURITY_TXT_CONTACT
    from pages.models import ContactPage

    page = ContactPage.objects.live().public().first()
    with override(settings.LANGUAGE_CODE):
        path = page.url if page is not None else None
    return [request.build_absolute_uri(path or "/")]


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): how to report a vulnerability."""
    lines = [f"Contact: {contact}" for contact in security_txt_contacts(request)]
    lines += [
        f"Expires: {settings.SECURITY_TXT_EXPIRES}",
        f"Preferred-Languages: {settings.SECURITY_TXT_PREFERRED_LANGUAGES}",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
