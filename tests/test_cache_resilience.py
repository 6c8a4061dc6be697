"""A cache that is down, stalled or full degrades the site to uncached pages, never to errors
(core/cache_backends.py); rate limits stay exact on the shared cache and keep counting in memory
while it is down (core/ratelimit.py); the default cache is shared by every process of a machine.
With real servers: tests/browser/test_resilience_cache.py (Redis killed and stalled under load, a
full disk) and tests/browser/test_dev_shared_cache.py (a change from another process under make run)."""

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import caches

from core import cache_backends, generation, ratelimit

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

PAGES = ["/en/", "/fr/", "/ar/", "/en/about/", "/en/members/", "/en/search/?q=crisis", "/en/contact/"]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url, **options):
    return {
        "default": {
            "BACKEND": "core.cache_backends.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"SOCKET_TIMEOUT": 0.2, "RETRY_SECONDS": 60, **options},
        }
    }


@pytest.fixture
def fresh_breakers():
    cache_backends._breakers.clear()
    yield
    cache_backends._breakers.clear()


@pytest.fixture
def redis_down(settings, fresh_breakers):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    settings.SITECACHE_PAGE_CACHE = True


class SilentServer:
    """A TCP server that accepts connections and never answers: a stalled Redis (kill -STOP)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        self.sock.close()
        for conn in self.accepted:
            conn.close()


def test_every_page_renders_while_redis_is_unreachable(client, redis_down):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get("X-Page-Cache") != "hit", path


def test_healthz_says_the_cache_is_down_but_the_site_serves(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_healthz_reports_a_working_cache(client):
    assert client.get("/healthz").json()["cache"] == "ok"


def test_a_failing_cache_is_tried_once_per_retry_period_and_logged_once(client, redis_down, caplog):
    from redis.connection import Connection

    attempts = []
    original = Connection.connect

    def counting_connect(self, *args, **kwargs):
        attempts.append(1)
        return original(self, *args, **kwargs)

    with (
        caplog.at_level(logging.WARNING, logger="icrtop.cache"),
        mock.patch.object(Connection, "connect", counting_connect),
    ):
        for path in PAGES:
            assert client.get(path).status_code == 200
    assert len(attempts) == 1, "every cache call tried the server again"
    assert [r.message for r in caplog.records if "unavailable" in r.message][:1], "the outage was not logged"
    assert len([r for r in caplog.records if "unavailable" in r.message]) == 1


def test_a_stalled_redis_costs_one_socket_timeout_not_one_per_call(client, settings, fresh_breakers):
    server = SilentServer()
    try:
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{server.port}/0")
        settings.SITECACHE_PAGE_CACHE = True
        started = time.monotonic()
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        # Each page makes dozens of cache calls; at 0.2 s each that would be many seconds per page.
        assert time.monotonic() - started < 6
        assert client.get("/healthz").json()["cache"] == "unavailable"
    finally:
        server.close()


def test_a_change_while_the_cache_is_down_saves_and_bumps_nothing_that_raises(admin_client, redis_down):
    from pages.models import StandardPage

    page = StandardPage.objects.live().first()
    page.title_en = "Changed while the cache is down"
    page.save_revision().publish()
    assert admin_client.get(page.url).status_code == 200
    assert "Changed while the cache is down" in admin_client.get(page.url).content.decode()


def test_rate_limits_keep_counting_in_memory_while_the_cache_is_down(redis_down):
    assert [ratelimit.hit("outage-test", "198.51.100.7", 2, 60) for _ in range(4)] == [True, True, False, False]
    assert ratelimit.hit("outage-test", "198.51.100.8", 2, 60)


def test_a_form_posted_while_the_cache_is_down_is_stored_not_refused(client, redis_down):
    from engagement.models import ContactMessage

    from .engagement_helpers import contact_data

    response = client.post("/en/contact/write/", contact_data(client))
    assert response.status_code == 303
    assert ContactMessage.objects.count() == 1


def test_the_cache_recovers_without_a_restart_and_bumps_the_generation(client, settings, tmp_path, fresh_breakers):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be: the cache cannot open")
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.DiskCache",
            "LOCATION": str(blocker),
            "OPTIONS": {"RETRY_SECONDS": 0.1},
        }
    }
    settings.SITECACHE_PAGE_CACHE = True
    assert client.get("/en/").status_code == 200
    assert client.get("/healthz").json()["cache"] == "unavailable"
    blocker.unlink()
    time.sleep(0.15)
    assert client.get("/healthz").json()["cache"] == "ok"
    before = generation.current()
    time.sleep(0.15)
    assert client.get("/en/").status_code == 200
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    assert generation.current() >= before


def test_recovery_bumps_the_generation_so_entries_from_before_the_outage_are_never_read(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "core.cache_backends.DiskCache", "LOCATION": str(tmp_path / "c")}}
    store = caches["default"]
    before = generation.current()
    store.breaker.failure(OSError("simulated outage"))
    store.breaker.next_try = 0
    assert store.get("anything") is None  # the probe: the cache answers again
    assert not store.breaker.is_down
    assert generation.current() > before


def test_a_full_disk_reads_as_a_miss(tmp_path):
    """A real "file too large" (RLIMIT_FSIZE: SQLite answers "database or disk is full", as on a full
    disk) in a process of its own. Nothing raises; and what was stored before is not read either while
    nothing can be written (a change could not bump the generation), so every page renders afresh."""
    script = r"""
import json, os, resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
import django
from django.conf import settings
settings.configure(CACHES={"default": {"BACKEND": "core.cache_backends.DiskCache", "LOCATION": sys.argv[1],
                                        "OPTIONS": {"RETRY_SECONDS": 0}}})
django.setup()
from django.core.cache import cache
cache.set("first", "kept")
failed = sum(1 for i in range(1500) if not cache.set(f"k{i}", os.urandom(3000)))
print(json.dumps({"failed": failed, "first": cache.get("first"), "probe": cache.probe(),
                  "add": cache.add("new-key", 1), "incr": cache.incr("new-key")}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "cache")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["failed"] > 0, "the limit was never reached"
    assert outcome["first"] is None
    assert outcome["probe"] is False
    assert outcome["incr"] is None


def test_rate_limits_are_exact_under_concurrency():
    """40 processes post at the same moment against a limit of 5: exactly 5 pass (the old file cache
    let 8 through). Runs on the suite's default cache: the disk cache, or Redis under make
    test-postgres."""
    caches["default"].get("warm-up")  # the folder and its shards exist before the processes start
    start = time.time() + 1.5
    key = f"burst-{os.getpid()}-{time.time_ns()}"
    children = []
    for _ in range(40):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            code = 1
            try:
                time.sleep(max(0, start - time.time()))
                allowed = ratelimit.hit("concurrency-test", key, 5, 60)
                os.write(write, b"1" if allowed else b"0")
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        children.append((pid, read))
    answers = []
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            answers.append(pipe.read())
        os.waitpid(pid, 0)
    assert len(answers) == 40 and all(answers), answers
    assert answers.count(b"1") == 5


def test_the_default_cache_is_one_for_every_process_of_the_machine():
    """make run (dev settings) and production without REDIS_URL: the disk cache, in the checkout's
    .cache/ (git-ignored) or the temporary directory."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_DIR", "DJANGO_SETTINGS_MODULE"}}
    script = "from django.conf import settings; import json; print(json.dumps(settings.CACHES['default']))"
    for module, location in (("icrtop.settings.dev", str(ROOT / ".cache")),):
        out = subprocess.run(
            [sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; {script}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        config = json.loads(out.stdout.strip().splitlines()[-1])
        assert config["BACKEND"] == "core.cache_backends.DiskCache"
        assert config["LOCATION"] == location
    assert "/.cache/" in (ROOT / ".gitignore").read_text().split()


def test_parse_rate_and_address_keys():
    assert ratelimit.parse_rate("5/h") == (5, 3600)
    assert ratelimit.parse_rate("100/15m") == (100, 900)
    with pytest.raises(ValueError):
        ratelimit.parse_rate("five an hour")
    assert ratelimit.address_key("2001:db8:1:2:3:4:5:6") == ratelimit.address_key("2001:db8:1:2:ffff::1")
    assert ratelimit.address_key("2001:db8:1:2::1") != ratelimit.address_key("2001:db8:1:3::1")
    assert ratelimit.address_key("::ffff:198.51.100.7") == "198.51.100.7"
