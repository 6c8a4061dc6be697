"""The edges of a request: the visitor's address behind the trusted proxies (rate limits, django-axes,
the audit trail, HTTPS), methods a page has no use for, scheme-relative paths, resource and CORS
headers. Through Caddy and Varnish as processes: tests/browser/test_edge_proxy.py."""

import re

import pytest
from django.test import override_settings
from wagtail.models import ModelLogEntry

from core import proxies

from .engagement_helpers import contact_data

pytestmark = pytest.mark.django_db

NETWORKS = proxies.trusted_networks(("127.0.0.1", "172.30.0.0/24"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "visitor"),
    [
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: its header is not read
        ("172.30.0.11", "198.51.100.1, 172.30.0.10", "198.51.100.1"),  # Varnish <- Caddy <- visitor
        ("172.30.0.11", "6.6.6.6, 198.51.100.1, 172.30.0.10", "198.51.100.1"),  # the visitor's own header
        ("172.30.0.11", "", "172.30.0.11"),
        ("172.30.0.11", "not-an-address, 172.30.0.10", "172.30.0.10"),
        ("127.0.0.1", "2001:db8::7", "2001:db8::7"),
        ("127.0.0.1", "::ffff:198.51.100.4", "198.51.100.4"),
    ],
)
def test_client_address_reads_only_what_trusted_proxies_wrote(peer, forwarded, visitor):
    assert proxies.client_address(peer, forwarded, NETWORKS) == visitor


def test_forwarding_headers_from_anybody_else_are_dropped(rf):
    from icrtop.middleware import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen.update(request.META)
        seen["secure"] = request.is_secure()
        from django.http import HttpResponse

        return HttpResponse()

    with override_settings(TRUSTED_PROXIES=["127.0.0.1"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        middleware = TrustedProxyMiddleware(view)
        middleware(
            rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        )
        assert seen["REMOTE_ADDR"] == "203.0.113.9"
        assert "HTTP_X_FORWARDED_FOR" not in seen and seen["secure"] is False
        seen.clear()
        middleware(
            rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        )
        assert seen["REMOTE_ADDR"] == "10.0.0.1" and seen["secure"] is True


def test_rate_limits_count_each_visitor_behind_the_proxy_apart(client, settings):
    settings.ENGAGEMENT_RATE_LIMIT = "2/h"
    url = "/en/contact/write/"

    def post(visitor):
        return client.post(url, contact_data(client, url), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=visitor)

    assert [post("198.51.100.1").status_code for _ in range(3)] == [303, 303, 429]
    assert post("198.51.100.2").status_code == 303, "another visitor behind the same proxy was refused"
    # A visitor cannot escape the limit by writing the header themselves: the proxy appends the real one.
    assert post("1.2.3.4, 198.51.100.1").status_code == 429


def test_the_audit_trail_and_axes_see_the_visitor_behind_the_proxy(client, settings, django_user_model):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_user("proxied", "p@example.org", "a-long-test-password")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "proxied", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    entry = ModelLogEntry.objects.filter(action="icrtop.login_failed").order_by("-pk").first()
    assert entry.data["ip"] == "198.51.100.1"
    locked = client.post(
        "/admin/login/",
        {"username": "proxied", "password": "a-long-test-password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        "/admin/login/",
        {"username": "proxied", "password": "a-long-test-password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert elsewhere.status_code == 302, "one visitor's failures locked the account out everywhere"


# --- methods ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/", "/en/search/", "/en/about/", "/healthz"])
def test_trace_answers_405_and_options_renders_nothing(client, path):
    trace = client.generic("TRACE", path)
    assert trace.status_code == 405
    assert "TRACE" not in trace["Allow"]
    options = client.options(path)
    assert options.status_code == 200 and options.content == b""
    assert options["Allow"] == "GET, HEAD, POST, OPTIONS"
    for method in ("PUT", "DELETE", "PATCH", "PROPFIND"):
        assert client.generic(method, path).status_code == 405, method


def test_the_admin_keeps_the_methods_wagtail_uses(admin_client):
    assert admin_client.generic("TRACE", "/admin/").status_code == 405
    assert admin_client.delete("/admin/pages/1/edit/preview/").status_code != 405


# --- addresses a page builds of itself ---------------------------------------------------------


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/en/"])
def test_a_scheme_relative_path_is_never_echoed_as_an_address(client, path):
    response = client.get("/placeholder/", PATH_INFO=path)  # as sent on the wire, not parsed as a URL
    assert response.status_code == 404
    body = response.content.decode()
    hrefs = re.findall(r'(?:href|content)="([^"]*)"', body)
    assert not [h for h in hrefs if h.startswith(("//", "/\\")) or "://evil.example" in h], hrefs


def test_pages_and_static_files_send_a_resource_policy_and_no_wildcard_cors(client, settings):
    response = client.get("/en/")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert not settings.WHITENOISE_ALLOW_ALL_ORIGINS
    headers = {}
    settings.WHITENOISE_ADD_HEADERS_FUNCTION(headers, "/static/css/site.css", "/static/css/site.css")
    assert headers == {"Cross-Origin-Resource-Policy": "same-origin"}
