"""Security settings and behaviour: deploy checks, headers on every kind of page, login throttling,
uploads. The same headers are checked again through gunicorn under the production settings in
tests/browser/test_production_headers.py."""

import io
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/en/", "/en/about/", "/en/responsibility-to-protect/", "/en/members/", "/ar/contact/"]


def csp(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# --- manage.py check --deploy ---------------------------------------------------------------


def test_production_settings_pass_the_deploy_checks_without_a_warning(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="icrtop.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="www.icrtop.org",
        CSRF_TRUSTED_ORIGINS="https://www.icrtop.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        EMAIL_URL="smtp://localhost:25",  # a mail server (this machine's: a note, not a warning)
    )
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("SECURE_HSTS_SECONDS", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Only notes (INFOS: no Sentry, mail to this machine's SMTP server), never a warning or an error.
    output = result.stdout + result.stderr
    assert "WARNINGS:" not in output and "ERRORS:" not in output, output
    assert "(core.I003) SENTRY_DSN is not set" in output


# --- headers --------------------------------------------------------------------------------


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_public_policy(response):
    policy = csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_have_the_strict_policy_and_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_common_headers(response)
    assert_public_policy(response)


def test_public_pages_carry_no_inline_script_without_the_nonce(client):
    response = client.get("/en/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    for script in re.findall(rb"<script\b[^>]*>", response.content):
        data_block = b'type="application/ld+json"' in script  # JSON-LD is data, never executed
        allowed = data_block or b" src=" in script or (nonce and f'nonce="{nonce.group(1)}"'.encode() in script)
        assert allowed, f"inline <script> without the page's CSP nonce: {script!r}"
    assert not re.search(rb"\son[a-z]+\s*=", response.content), "inline event handler attribute"
    assert b" style=" not in response.content, "inline style attribute (blocked by style-src)"


def test_the_404_page_has_the_same_headers(client):
    response = client.get("/en/nowhere-at-all/")
    assert response.status_code == 404
    assert_common_headers(response)
    assert_public_policy(response)


def test_the_database_outage_page_has_the_same_headers(client):
    with (
        mock.patch("pages.models.HomePage.get_context", side_effect=OperationalError("gone")),
        mock.patch("icrtop.middleware.database_answers", return_value=False),
    ):
        response = client.get("/en/")
    assert response.status_code == 503
    assert_common_headers(response)
    assert_public_policy(response)


def test_the_admin_has_its_own_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = csp(response)
    assert policy == {key: [str(v) for v in values] for key, values in settings.ADMIN_CONTENT_SECURITY_POLICY.items()}
    assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_hsts_on_https_requests(client):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")
def test_session_and_csrf_cookies_are_secure_and_httponly(client, superuser):
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a-long-test-password", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_no_wagtail_update_check_and_no_gravatar():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


# --- django-axes: password guessing ---------------------------------------------------------


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_after_repeated_failures_with_a_friendly_page(client, superuser):
    def attempt(password):
        return client.post("/admin/login/", {"username": "editor", "password": password}, REMOTE_ADDR="203.0.113.9")

    for _ in range(2):
        response = attempt("wrong-guess")
        assert response.status_code == 200  # the normal form with its error
        assert b"errornote" in response.content or b"error" in response.content
    locked = attempt("wrong-guess")
    assert locked.status_code == 429
    assert b"<h1" in locked.content and b"Too many failed login attempts" in locked.content
    assert b"Traceback" not in locked.content
    assert_common_headers(locked)
    # Locked: even the right password is refused now...
    assert attempt("a-long-test-password").status_code == 429
    # ...until an administrator unlocks it (manage.py axes_reset / axes_reset_username editor).
    from django.core.management import call_command

    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert attempt("a-long-test-password").status_code == 302


def test_axes_is_on_in_the_base_settings():
    from icrtop.settings import base

    assert "axes" in base.INSTALLED_APPS and "axes.middleware.AxesMiddleware" in base.MIDDLEWARE
    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert not hasattr(base, "AXES_ENABLED") or base.AXES_ENABLED
    assert base.AXES_FAILURE_LIMIT == 5


# --- uploads --------------------------------------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


def png_bytes(width=10, height=10, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(admin_client, name, content, content_type="image/png"):
    return admin_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type), "collection": 1},
    )


def upload_document(admin_client, name, content, content_type):
    return admin_client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type), "collection": 1},
    )


def form_errors(response):
    return response.context["form"].errors.get("file") if response.context and "form" in response.context else None


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("drawing.svg", SVG, "image/svg+xml"), ("page.html", HTML, "text/html"), ("page.png.html", HTML, "text/html")],
)
def test_svg_and_html_are_refused_as_images(admin_client, name, content, content_type):
    response = upload_image(admin_client, name, content, content_type)
    assert response.status_code == 200 and form_errors(response), "upload should be refused with a message"
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("drawing.svg", SVG, "image/svg+xml"), ("page.html", HTML, "text/html"), ("page.htm", HTML, "text/html")],
)
def test_svg_and_html_are_refused_as_documents(admin_client, name, content, content_type):
    response = upload_document(admin_client, name, content, content_type)
    assert response.status_code == 200 and form_errors(response), "upload should be refused with a message"
    assert get_document_model().objects.count() == 0


def test_a_real_image_is_accepted(admin_client):
    response = upload_image(admin_client, "logo.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="logo.png").exists()


def test_images_over_the_size_limit_are_refused(admin_client):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    big = png_bytes() + b"\0" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
    response = upload_image(admin_client, "big.png", big)
    assert response.status_code == 200
    assert "too large" in str(form_errors(response)).lower() or "too big" in str(form_errors(response)).lower()


def test_images_over_the_pixel_limit_are_refused(admin_client):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    response = upload_image(admin_client, "huge.png", png_bytes(8000, 6000, mode="1"))  # 48 megapixels
    assert response.status_code == 200
    assert "pixels" in str(form_errors(response)).lower()


def test_documents_over_the_size_limit_are_refused(admin_client):
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    assert 0 < limit <= 50 * 1024 * 1024
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024):
        response = upload_document(admin_client, "report.pdf", b"%PDF-1.4\n" + b"0" * 2048, "application/pdf")
    assert response.status_code == 200
    assert form_errors(response)
    assert get_document_model().objects.count() == 0


def test_documents_are_served_through_wagtail_not_from_media(admin_client, client):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    response = upload_document(admin_client, "report.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.url.startswith("/documents/")
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert re.search(r'filename="report(_\w+)?\.pdf"', served["Content-Disposition"])
    assert served["X-Content-Type-Options"] == "nosniff"
    # The file itself is not reachable around the view (privacy collections would be bypassed).
    assert client.get(f"/media/{document.file.name}").status_code == 404
