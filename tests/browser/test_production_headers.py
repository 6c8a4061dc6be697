"""Security headers and cookies as gunicorn serves them under the production settings.

Requests carry ``X-Forwarded-Proto: https`` as the TLS-terminating proxy would (the production
settings trust that header), so Django applies its HTTPS-only headers (HSTS).
"""

import re

import pytest

from .test_editor import log_in

HTTPS = {"X-Forwarded-Proto": "https", "Accept-Language": "en"}
PUBLIC_PATHS = ["/en/", "/en/about/", "/ar/", "/en/members/", "/en/contact/"]


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_common_headers(headers, path):
    assert headers["X-Content-Type-Options"] == "nosniff", path
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"], path
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload", path
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", path


@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/en/no-such-page/"])
def test_public_and_error_pages_send_the_strict_policy(live_site, path):
    status, headers, _ = live_site.get(path, headers=HTTPS)
    assert status == (404 if "no-such" in path else 200)
    assert_common_headers(headers, path)
    assert headers["X-Frame-Options"] == "DENY"
    csp = csp_directives(headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"], csp
    assert csp["script-src"][0] == "'self'"
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["style-src"]


def test_the_admin_gets_its_own_policy_and_secure_cookies(live_site):
    status, headers, body = live_site.get("/admin/login/", headers=HTTPS)
    assert status == 200
    assert_common_headers(headers, "/admin/login/")
    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]  # the admin previews pages in frames of its own
    assert csp["object-src"] == ["'none'"] and csp["default-src"] == ["'self'"]
    assert "'nonce-" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    cookies = headers.get_all("Set-Cookie")
    csrf = next(c for c in cookies if c.startswith("csrftoken="))
    assert re.search(r";\s*Secure", csrf) and re.search(r";\s*HttpOnly", csrf) and "SameSite=Lax" in csrf, csrf


def test_the_session_cookie_is_secure_httponly_and_samesite(page, live_site):
    log_in(page, live_site, live_site.editor_username, live_site.editor_password)
    cookies = {c["name"]: c for c in page.context.cookies()}
    session = cookies["sessionid"]
    assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Lax", session
    csrf = cookies["csrftoken"]
    assert csrf["secure"] and csrf["httpOnly"], csrf


def test_no_public_page_breaks_its_own_policy(page):
    """Chromium reports every CSP violation: the public pages have none (no inline script or style)."""
    for path in PUBLIC_PATHS:
        page.goto(path)
    assert page.csp_errors == []
