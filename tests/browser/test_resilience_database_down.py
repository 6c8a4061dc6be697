"""The database goes away under a running gunicorn, then comes back (PostgreSQL only).

Runs last in the session (see conftest): it stops the private PostgreSQL server that
tests/tools/with-postgres.sh started, and always starts it again, whatever happens.
"""

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

PG_ENV = ("ICRTOP_PG_CTL", "ICRTOP_PGDATA", "ICRTOP_PG_PORT", "ICRTOP_PG_SOCKET_DIR")
pytestmark = pytest.mark.skipif(
    not all(os.environ.get(name) for name in PG_ENV),
    reason="needs the private PostgreSQL server of tests/tools/with-postgres.sh (SQLite has no server to stop)",
)

PUBLIC_PATHS = ["/en/", "/en/about/", "/en/about/history/", "/en/members/", "/fr/", "/ar/contact/"]
ONE_SECOND = 1.0  # correctness bound: a visitor must not wait on a dead database


def pg_ctl(*args):
    command = [os.environ["ICRTOP_PG_CTL"], "-D", os.environ["ICRTOP_PGDATA"], *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", os.environ.get("ICRTOP_PG_USER") or "postgres", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def stop_postgres():
    result = pg_ctl("-m", "fast", "-w", "stop")
    assert result.returncode == 0, result.stderr


def start_postgres():
    log = Path(os.environ["ICRTOP_PG_SOCKET_DIR"]) / "server-restart.log"
    options = (
        f"-p {os.environ['ICRTOP_PG_PORT']} -k {os.environ['ICRTOP_PG_SOCKET_DIR']} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    return pg_ctl("-w", "-l", str(log), "-o", options, "start")


def postgres_is_running():
    return pg_ctl("status").returncode == 0


def timed_get(live_site, path):
    started = time.monotonic()
    status, headers, body = live_site.get(path, headers={"Accept-Language": "en"}, timeout=10)
    return status, headers, body, time.monotonic() - started


def test_a_lost_database_gives_a_friendly_503_and_the_site_recovers_by_itself(live_site):
    gunicorn_pid = live_site.process.pid
    status, _, home, _ = timed_get(live_site, "/en/")
    assert status == 200
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1).decode()
    for _ in range(6):  # let both workers hold a persistent connection that will go stale
        for path in PUBLIC_PATHS:
            assert timed_get(live_site, path)[0] == 200, path

    stop_postgres()
    try:
        assert not postgres_is_running()
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
        if not postgres_is_running():
            result = start_postgres()
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
