"""The database goes away under a running gunicorn, then comes back (PostgreSQL).

The site runs on a PostgreSQL server of this test's own (``PrivatePostgres``), so stopping it
disturbs no other test, whichever worker runs them; the test always starts it again.
"""

import json
import os
import re
import time
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from .server import LiveSite, PrivatePostgres

PUBLIC_PATHS = ["/en/", "/en/about/", "/en/about/history/", "/en/members/", "/fr/", "/ar/contact/"]
ONE_SECOND = 1.0  # correctness bound: a visitor must not wait on a dead database


@pytest.fixture
def server():
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        message = "PostgreSQL server binaries missing (Debian package 'postgresql'; tests/tools/system-packages.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must not skip")
        pytest.skip(message)
    server = PrivatePostgres()
    result = server.start()
    assert result.returncode == 0, result.stderr
    yield server
    server.remove()


@pytest.fixture
def live_site(server):
    site = LiveSite(server_url=server.url, database_name="icrtop_outage")
    try:
        yield site.start()
    finally:
        site.stop()


def timed_get(live_site, path):
    started = time.monotonic()
    status, headers, body = live_site.get(path, headers={"Accept-Language": "en"}, timeout=10)
    return status, headers, body, time.monotonic() - started


def test_a_lost_database_gives_a_friendly_503_and_the_site_recovers_by_itself(server, live_site):
    gunicorn_pid = live_site.process.pid
    status, _, home, _ = timed_get(live_site, "/en/")
    assert status == 200
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1).decode()
    for _ in range(6):  # let both workers hold a persistent connection that will go stale
        for path in PUBLIC_PATHS:
            assert timed_get(live_site, path)[0] == 200, path

    result = server.stop()
    assert result.returncode == 0, result.stderr
    try:
        assert not server.is_running()
        # Pages already in the page cache are still served while the database is down.
        status, headers, _body, elapsed = timed_get(live_site, "/en/")
        assert status == 200 and headers["X-Page-Cache"] == "hit" and elapsed < ONE_SECOND
        # An address nothing is cached for needs the database (Wagtail routes it through the page tree):
        # a friendly 503. (A known page at a new query string may still render: its route and chrome
        # are cached per content generation.)
        for number, path in enumerate(PUBLIC_PATHS * 2):  # twice: each worker meets the outage
            status, headers, body, elapsed = timed_get(live_site, f"{path}not-routed-yet-{number}/")
            assert status == 503, f"{path}: {status}\n{body[:500]!r}\n{live_site.log_tail()}"
            assert elapsed < ONE_SECOND, f"{path} took {elapsed:.2f}s with the database down"
            text = body.decode()
            language = path.split("/")[1]
            with translation.override(language):  # the page speaks the language of the address
                title = gettext("Temporarily unavailable")
            assert f'<html lang="{language}"' in text, text[:500]
            assert f"<h1>{title}</h1>" in text and "<main" in text, text[:500]
            assert headers["Retry-After"] == "30"
            assert "no-store" in headers["Cache-Control"]
            assert "'unsafe-inline'" not in headers.get("Content-Security-Policy", "script-src 'unsafe-inline'")
            assert headers["X-Content-Type-Options"] == "nosniff"

        status, _, css, elapsed = timed_get(live_site, stylesheet)
        assert status == 200 and b".skip-link" in css, "static files must serve without the database"
        assert elapsed < ONE_SECOND

        status, _, body, elapsed = timed_get(live_site, "/healthz")
        assert status == 503 and elapsed < ONE_SECOND
        assert json.loads(body)["database"] == "unavailable"
    finally:
        if not server.is_running():
            result = server.start()
            assert result.returncode == 0, result.stderr

    # Back: the same gunicorn answers normally again, no restart.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and timed_get(live_site, "/healthz")[0] != 200:
        time.sleep(0.2)
    for path in PUBLIC_PATHS * 2:
        status, _, body, _ = timed_get(live_site, path)
        assert status == 200, f"{path} did not recover: {status}\n{live_site.log_tail()}"
    assert timed_get(live_site, "/healthz")[0] == 200
    assert live_site.process.poll() is None and live_site.process.pid == gunicorn_pid
