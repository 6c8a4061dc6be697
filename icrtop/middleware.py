"""Project-wide middleware: security headers, the admin's own CSP, and a calm answer when the
database is down."""

import logging

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from wagtail.models import Page

from core import proxies

logger = logging.getLogger(__name__)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class TrustedProxyMiddleware:
    """First of all: the visitor's address into ``REMOTE_ADDR`` when the request came through a
    trusted proxy (``TRUSTED_PROXIES``), and every forwarding header dropped when it did not
    (``core.proxies``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = proxies.trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if proxies.is_trusted(peer, self.networks):
            meta["icrtop.proxy_addr"] = peer
            meta["REMOTE_ADDR"] = proxies.client_address(peer, meta.get("HTTP_X_FORWARDED_FOR", ""), self.networks)
        else:
            for name in proxies.FORWARDING_HEADERS:
                meta.pop(name, None)
        return self.get_response(request)


class InternalEndpointsMiddleware:
    """``/healthz`` and ``/metrics`` answered before the host check, the HTTPS redirect and the
    language redirect: they are asked for over plain HTTP on the private network, by addresses no
    visitor uses (Varnish's probe through Caddy's balancer, Docker's health check, Prometheus at
    ``http://<web container>:8000/metrics``), and neither builds a link from the Host header.
    A wrong or missing metrics token gets a plain 404 (docs/operations.md, "Errors, logs and
    metrics")."""

    def __init__(self, get_response):
        from icrtop import observability, views

        self.get_response = get_response
        self.endpoints = {"/healthz": views.healthz, "/metrics": observability.metrics}

    def __call__(self, request):
        view = self.endpoints.get(request.path_info)
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)  # other methods: 405 or OPTIONS further down, as every page
        return view(request)


class HttpMethodMiddleware:
    """Methods the site has no use for answer 405 before anything renders (TRACE would echo a
    request, PUT or DELETE on a page would render it); OPTIONS answers the allowed methods with an
    empty body. The admin also takes PUT, PATCH and DELETE (Wagtail's scripts use them)."""

    PUBLIC = ("GET", "HEAD", "POST")
    ADMIN = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = self.ADMIN if request.path_info.startswith(ADMIN_PREFIXES) else self.PUBLIC
        if request.method in allowed:
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Allow"] = ", ".join((*allowed, "OPTIONS"))
            response["Content-Length"] = "0"
        else:
            response = HttpResponseNotAllowed([*allowed, "OPTIONS"])
        response["Cache-Control"] = "no-store"
        return response


class SecurityHeadersMiddleware:
    """Adds the headers Django has no setting for (Permissions-Policy, Cross-Origin-Resource-Policy,
    and Reporting-Endpoints for the CSP's ``report-to``)."""

    def __init__(self, get_response):
        self.get_response = get_response
        endpoints = getattr(settings, "CSP_REPORTING_ENDPOINTS", {})
        self.reporting_endpoints = ", ".join(f'{name}="{url}"' for name, url in endpoints.items())

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        if self.reporting_endpoints:
            response.setdefault("Reporting-Endpoints", self.reporting_endpoints)
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp, with a separate policy for the Wagtail admin.

    Public pages keep the strict policy from ``CONTENT_SECURITY_POLICY`` (no inline script without a
    nonce). The admin's editors need inline scripts (date pickers, Draftail), so ``/admin/`` gets
    ``ADMIN_CONTENT_SECURITY_POLICY`` instead of a weaker policy for everybody.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIXES):
            if not report_only:
                parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
            elif getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
                # The trial of a stricter policy (ADMIN_CSP_TRIAL=1): reported, never enforced.
                parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY
            parts.nonce = None  # a nonce would make browsers ignore 'unsafe-inline'
        elif is_admin_preview(request):
            # Wagtail renders a preview through a simulated request to the page's public address;
            # the admin shows it in its live preview panel, an <iframe>: only the admin may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def is_admin_preview(request):
    """A request Wagtail simulates to render a preview (never a visitor's request)."""
    return getattr(request, "is_dummy", False) and getattr(request, "is_preview", False)


class EnglishAddressRedirectMiddleware:
    """A 404 for an English address under another language's prefix (``/fr/about/history/``)
    becomes a redirect to the page's translated address (``/fr/a-propos/histoire/``). A middleware
    rather than the 404 handler, so that it works with DEBUG on (``make run``) as in production."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            from .views import english_address_redirect

            redirect = english_address_redirect(request)
            if redirect is not None:
                return redirect
        return response


def database_answers():
    """Whether a fresh, separate connection to the default database answers ``SELECT 1`` (the
    request's own connection may be inside a broken transaction)."""
    probe = connections.create_connection("default")
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False
    finally:
        try:
            probe.close()
        except DatabaseError:
            logger.debug("closing the probe connection failed", exc_info=True)


def is_database_outage(exc):
    """An OperationalError/InterfaceError is an outage only if the database really does not answer
    (a bad query also raises OperationalError; that one is a bug and stays a 500)."""
    return isinstance(exc, (OperationalError, InterfaceError)) and not database_answers()


def database_unavailable_response(request, exc):
    """A friendly 503 that renders without touching the database."""
    logger.error("Database unavailable: %s", exc)
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()  # the next request opens a fresh connection: recovery needs no restart
        except DatabaseError:
            logger.debug("closing a dead connection failed", exc_info=True)
    response = HttpResponse(render_to_string("503.html", {"request": request}), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database into a friendly 503 page instead of a 500.

    Static files are served by WhiteNoise before this middleware and keep working. Outages raised
    outside views (in other middleware) are caught by ``icrtop.views.server_error``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable_response(request, exception)
        return None


class SerializedPageWritesMiddleware:
    """Two admin posts that write the same page run one after the other, never at once.

    Wagtail's autosave posts the page form in the background while the editor works. A click on
    "Publish" while an autosave was under way sent two writes of one page at the same moment: two new
    pages raced for one place in the tree (a unique ``path``), or two saves of the same signatories
    for one unique row, and the loser answered 500. Here each such post runs in a transaction that
    first locks the page's row (the parent's, for a new page: ``SELECT ... FOR UPDATE`` on PostgreSQL;
    SQLite's transactions are immediate, ``DATABASES``' ``transaction_mode``). The second post waits,
    then sees what the first did: a new page's form says its slug is taken (or, for the editor's own
    autosave draft, replaces it: ``core.autosave``), an edit saves over the first.

    Last in ``MIDDLEWARE``: every other middleware's ``process_view`` (CSRF, two-factor) has run."""

    VIEWS = {"wagtailadmin_pages:add": "parent_page_id", "wagtailadmin_pages:edit": "page_id"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        argument = self.VIEWS.get(request.resolver_match.view_name)
        if argument is None or argument not in view_kwargs:
            return None
        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=view_kwargs[argument]).values_list("pk", flat=True))
            return view_func(request, *view_args, **view_kwargs)
