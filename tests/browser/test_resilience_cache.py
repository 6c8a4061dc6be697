"""A cache outage under load: gunicorn (production settings) on a Redis server of the test's own, which
is killed, started again, then stalled (SIGSTOP) and resumed while a few clients keep asking for
pages, cached and uncached, and /healthz. Not one 5xx, no request left hanging; /healthz tells the
truth; the page cache works again after each recovery without a restart. Then the default disk cache
on a disk that fills up (RLIMIT_FSIZE: SQLite's "database or disk is full"). The figures of each run
are written to test-artifacts/resilience-cache.json."""

from __future__ import annotations

import json
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from .server import ROOT, LiveSite, free_port, require_program

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
ARTIFACTS = ROOT / "test-artifacts"
PAGES = ["/en/", "/fr/", "/ar/", "/en/about/", "/en/members/", "/healthz"]


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port (like tests/tools/with-redis.sh)."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="icrtop-redis-own-"))
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - Debian's redis-server, our own throw-away instance
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder)]
            + ["--save", "", "--appendonly", "no"],
            stdout=(self.folder / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stall(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def get(site, path, timeout=15):
    return site.get(path, {"Accept-Encoding": "br"}, timeout=timeout)


class Load:
    """A few clients asking for pages without pause; every answer is recorded with its phase."""

    def __init__(self, site, clients=6):
        self.site = site
        self.phase = "before"
        self.results = []  # (phase, status or error, seconds)
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(clients)]

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            path = PAGES[n % len(PAGES)] if n % 3 else f"/en/search/?q=load{secrets.token_hex(3)}"
            phase, started = self.phase, time.monotonic()
            try:
                status = get(self.site, path)[0]
            except OSError as error:
                status = f"{error.__class__.__name__}: {error}"
            self.results.append((phase, status, time.monotonic() - started))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def summary(self):
        phases = {}
        for phase, status, seconds in self.results:
            entry = phases.setdefault(phase, {"requests": 0, "5xx": 0, "errors": 0, "latencies": []})
            entry["requests"] += 1
            if isinstance(status, str):
                entry["errors"] += 1
            elif status >= 500:
                entry["5xx"] += 1
            entry["latencies"].append(seconds)
        for entry in phases.values():
            latencies = sorted(entry.pop("latencies"))
            entry["median_ms"] = round(statistics.median(latencies) * 1000, 1)
            entry["p95_ms"] = round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1)
            entry["max_ms"] = round(latencies[-1] * 1000, 1)
        return phases


def healthz(site):
    return json.loads(get(site, "/healthz")[2])


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def record(name, data):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "resilience-cache.json"
    existing = json.loads(path.read_text()) if path.exists() else {}
    existing[name] = data
    path.write_text(json.dumps(existing, indent=2))
    print(name, json.dumps(data))


def test_redis_killed_and_stalled_under_load_gives_no_error(tmp_path):
    require_program(REDIS_SERVER, "redis-server")
    redis = PrivateRedis()
    redis.start()
    site = LiveSite(database_name="icrtop_cache_outage", extra_env={"REDIS_URL": redis.url, "CACHE_RETRY_SECONDS": "1"})
    try:
        site.start()
        for path in PAGES:
            get(site, path)
        assert get(site, "/en/")[1]["X-Page-Cache"] == "hit"
        assert healthz(site)["cache"] == "ok"
        with Load(site) as load:
            time.sleep(3)
            load.phase = "redis killed"
            redis.kill()
            time.sleep(2)
            down = healthz(site)
            assert (down["status"], down["database"], down["cache"]) == ("degraded", "ok", "unavailable"), down
            time.sleep(3)
            load.phase = "redis restarted"
            redis.start()
            assert wait_for(lambda: healthz(site)["cache"] == "ok"), "no recovery without a restart"
            time.sleep(3)
            load.phase = "redis stalled"
            redis.stall()
            time.sleep(2)
            stalled = healthz(site)
            time.sleep(3)
            load.phase = "redis resumed"
            redis.resume()
            assert wait_for(lambda: healthz(site)["cache"] == "ok")
            time.sleep(3)
        summary = load.summary()
        record("redis", summary)
        assert stalled["cache"] == "unavailable" and stalled["status"] == "degraded"
        for phase, entry in summary.items():
            assert entry["5xx"] == 0 and entry["errors"] == 0, (phase, entry)
            assert entry["requests"] >= 3, (
                phase,
                entry,
            )  # the load went on in every phase (a busy 2-core CI machine serves few)
        # The page cache works again: a page is stored and then served from Redis.
        get(site, "/es/")
        assert wait_for(lambda: get(site, "/es/")[1].get("X-Page-Cache") == "hit")
    finally:
        site.stop()
        redis.stop()


def test_a_full_disk_under_the_default_cache_serves_uncached_pages():
    limit = 150_000  # bytes per file: each of diskcache's SQLite files fills up after a few pages
    site = LiveSite(
        database_name="icrtop_cache_full",
        extra_env={"REDIS_URL": "", "CACHE_RETRY_SECONDS": "1", "GUNICORN_ACCESSLOG": "/dev/null"},
        command_prefix=["prlimit", f"--fsize={limit}"],
    )
    try:
        site.start()
        statuses = []
        for n in range(160):
            path = PAGES[n % len(PAGES)] if n % 2 else f"/en/search/?q=fill{n}"
            statuses.append(get(site, path)[0])
        assert all(status < 500 for status in statuses), statuses
        assert healthz(site)["cache"] == "unavailable", "the cache files never filled up"
        with Load(site, clients=4) as load:
            load.phase = "disk full"
            time.sleep(6)
        summary = load.summary()
        record("disk full", summary)
        assert summary["disk full"]["5xx"] == 0 and summary["disk full"]["errors"] == 0, summary
        response = get(site, "/en/")
        assert response[0] == 200 and response[1].get("X-Page-Cache") != "hit"
        files = [path for path in Path(site.workdir / "cache").rglob("*") if path.is_file()]
        assert files and max(path.stat().st_size for path in files) <= limit
    finally:
        site.stop()
