"""The production settings in real processes, as compose runs them (docs/operations.md, "Errors, logs
and metrics"): Prometheus scrapes a web container over plain HTTP on the private network and gets the
counts of every gunicorn worker; with LOG_FORMAT=json every line gunicorn itself writes (access and
error log) is a JSON object too."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "scrape-" + secrets.token_hex(16)


def production_env(tmp_path, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_", "SENTRY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="icrtop.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="www.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        CACHE_DIR=str(tmp_path / "cache"),
        METRICS_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"),
        **extra,
    )
    return env


REQUESTS = """
import django, json, sys
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = []
for path, headers in json.loads(sys.argv[1]):
    response = client.get(path, **headers)
    answers.append([response.status_code, response.content.decode("utf-8", "replace")])
print(json.dumps(answers))
"""


def requests_in_a_process(env, *requests):
    """``requests`` ([path, headers]) answered by one process of the production settings, as a
    gunicorn worker would."""
    result = subprocess.run(  # noqa: S603 - this virtualenv's Python on our own code
        [sys.executable, "-c", REQUESTS, json.dumps(requests)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def metric(text, name):
    return sum(float(line.split()[-1]) for line in text.splitlines() if line.startswith(name + " "))


def test_prometheus_scrapes_a_web_container_over_http_and_gets_every_workers_counts(tmp_path):
    env = production_env(tmp_path)
    (tmp_path / "prometheus").mkdir()
    visit = ["/robots.txt", {"HTTP_HOST": "www.example.org", "secure": True}]
    # Two workers answer visitors: each writes its counts into PROMETHEUS_MULTIPROC_DIR.
    requests_in_a_process(env, visit, visit)
    requests_in_a_process(env, visit, visit, visit)
    # Prometheus asks a third over plain HTTP with the container's address as host (what its DNS
    # discovery of "web" gives): no HTTPS redirect, no host check.
    internal = {"HTTP_HOST": "172.30.0.130:8000"}
    scrape, wrong, missing = requests_in_a_process(
        env,
        ["/metrics", {**internal, "HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}],
        ["/metrics", {**internal, "HTTP_AUTHORIZATION": "Bearer wrong"}],
        ["/metrics", internal],
    )
    assert scrape[0] == 200, scrape
    assert "# TYPE django_http_requests_before_middlewares_total counter" in scrape[1]
    # 5 visits in two other processes, and the scrape itself.
    assert metric(scrape[1], "django_http_requests_before_middlewares_total") == 6
    # The page cache (shared by the processes): the first visit rendered, the four others were hits.
    assert metric(scrape[1], 'icrtop_page_cache_requests_total{result="miss"}') == 1
    assert metric(scrape[1], 'icrtop_page_cache_requests_total{result="hit"}') == 4
    for status, body in (wrong, missing):
        assert status == 404 and "# TYPE" not in body
    # Varnish's probe and Docker's health check ask /healthz the same way.
    [[status, body]] = requests_in_a_process(env, ["/healthz", {"HTTP_HOST": "localhost"}])
    assert status == 200 and json.loads(body)["database"] == "ok"


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_writes_json_lines_with_json_logs_on(tmp_path):
    port = free_port()
    env = production_env(tmp_path, LOG_FORMAT="json", GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="2")
    env.pop("PROMETHEUS_MULTIPROC_DIR")
    out, err = (tmp_path / "out.log").open("w"), (tmp_path / "err.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - gunicorn from this virtualenv with the site's settings
        [sys.executable, "-m", "gunicorn", "-c", "icrtop/gunicorn.conf.py", "icrtop.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=err,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
                    assert response.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and server.poll() is None, (tmp_path / "err.log").read_text()
                time.sleep(0.3)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        out.close()
        err.close()
    lines = [line for name in ("out.log", "err.log") for line in (tmp_path / name).read_text().splitlines() if line]
    entries = [json.loads(line) for line in lines]  # every line, or this fails naming it
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert any(entry["path"] == "/healthz" and entry["status"] == "200" for entry in access), access
    errors = [entry for entry in entries if entry["logger"] == "gunicorn.error"]
    assert any("Booting worker" in entry["message"] for entry in errors), errors
    assert any("Shutting down" in entry["message"] for entry in errors), errors
