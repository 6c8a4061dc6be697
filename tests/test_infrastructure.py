"""Health check, error pages, settings for production."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database_and_is_never_cached(client):
    # Every state of /healthz (database, cache, scheduler): tests/test_operations.py.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_database_outage_gives_the_friendly_503_page(client):
    with (
        mock.patch("pages.models.HomePage.get_context", side_effect=OperationalError("gone")),
        mock.patch("icrtop.middleware.database_answers", return_value=False),
    ):
        response = client.get("/en/")
    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content
    assert response["Retry-After"] == "30"


def test_a_query_error_while_the_database_answers_is_not_called_an_outage():
    from icrtop.middleware import is_database_outage

    assert is_database_outage(OperationalError("near syntax error")) is False


def test_404_page_is_friendly_and_translatable(client):
    response = client.get("/fr/nulle-part/")
    assert response.status_code == 404
    assert b'<html lang="fr"' in response.content


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "icrtop.settings.production", "ALLOWED_HOSTS": "example.org"})
    env.update(overrides)
    return env


def run_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(production_env())
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_placeholder_secret_key():
    result = run_check(production_env(SECRET_KEY="dev-only-insecure-key-do-not-use-in-production"))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_check(production_env(SECRET_KEY="x" * 20 + "a-real-looking-random-secret-value-0123456789"))
    assert result.returncode == 0, result.stderr


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    body = sitemap.content.decode()
    assert "<loc>http://localhost/en/responsibility-to-protect/</loc>" in body
    assert "<loc>http://localhost/fr/" in body and "<loc>http://localhost/ar/" in body
    assert 'hreflang="x-default" href="http://localhost/en/about/history/"' in body


def test_an_english_address_under_another_language_redirects_to_the_translated_page(client):
    response = client.get("/fr/about/history/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/fr/a-propos/histoire/?x=1"
    assert client.get("/es/members/").headers["Location"] == "/es/miembros/"


def test_a_member_profile_under_an_english_address_redirects_too(client):
    from members.models import MemberOrganisation

    slug = MemberOrganisation.objects.get(acronym="HRW").slug
    response = client.get(f"/fr/members/{slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/membres/{slug}/"


def test_unknown_addresses_under_a_language_still_give_the_404(client):
    assert client.get("/fr/about/nowhere/").status_code == 404
    assert client.get("/fr/a-propos/nulle-part/").status_code == 404
