"""Site benchmark (a script, not a test): `make benchmark`.

A throw-away SQLite database (migrations, initial content, 5,000 sample members, and the sample
articles of `make_sample_content` when that command exists), static files collected, then gunicorn
with the production settings (2 workers; --worker-class sync or gthread). For each public page type
it reports: SQL queries and the median in-process render with the page cache off (chrome fragments
warm), the brotli-compressed size, and wrk's requests/s with the page cache (cached) and without it
(uncached), next to the same run's static-file requests/s and the ratio. Load average printed.
Options: --members N, --duration S, --connections N, --worker-class sync|gthread, --keep.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
BIN = Path(PY).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def has_command(env, name):
    out = subprocess.run([PY, "manage.py", "help", "--commands"], cwd=ROOT, env=env, capture_output=True, text=True)
    return name in out.stdout.split()


IN_PROCESS = r"""
import json, statistics, sys, time
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.SITECACHE_PAGE_CACHE = False
client = Client(HTTP_ACCEPT_ENCODING="br")
result = {}
for url in json.loads(sys.argv[1]):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Counted now: the captured queries are a slice of connection.queries_log, which Django empties at
    # the start of every request (reset_queries), so after the timed requests below it read 0.
    count = len(queries)
    times = []
    for _ in range(int(sys.argv[2])):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    result[url] = {"status": response.status_code, "queries": count, "median_ms": statistics.median(times),
                   "bytes_br": len(response.content)}
print(json.dumps(result))
"""


def page_urls(env):
    script = (
        "import json\nfrom django.utils import translation\nfrom wagtail.models import Page\n"
        "translation.activate('en')\nseen = {}\n"
        "for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by('path'):\n"
        "    seen.setdefault(type(page).__name__, page.get_url())\n"
        "print(json.dumps(seen))\n"
    )
    out = subprocess.run([PY, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    urls = json.loads(out.stdout.strip().splitlines()[-1])
    urls["Search"] = "/en/search/?q=protection"
    urls["Members CSV"] = "/en/members.csv"
    return urls


def start_gunicorn(env, port, worker_class, extra):
    environment = {
        **env,
        **extra,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESSLOG": "/dev/null",
        "GUNICORN_LOGLEVEL": "warning",
        "GUNICORN_WORKER_CLASS": worker_class,
    }
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "icrtop/gunicorn.conf.py", "icrtop.wsgi"],
        cwd=ROOT,
        env=environment,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url, duration, connections):
    wrk_bin = shutil.which("wrk")
    if not wrk_bin:
        return None
    out = subprocess.run(
        [wrk_bin, "-t2", f"-c{connections}", f"-d{duration}s", "-H", "Accept-Encoding: br, gzip", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    ).stdout
    match = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    return float(match.group(1)) if match else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--worker-class", default=os.environ.get("GUNICORN_WORKER_CLASS", "gthread"))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="icrtop-site-benchmark-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))}
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "icrtop.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{folder}/benchmark.sqlite3",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "CACHE_DIR": str(folder / "cache"),
            "AXES_ENABLED": "0",
        }
    )
    try:
        print(f"Preparing a database with {args.members} sample members in {folder} ...", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_initial_content")
        # The production settings are the benchmark's, the database is a throw-away one.
        forced = "--i-know-this-is-production=127.0.0.1"
        manage(env, "make_sample_members", str(args.members), forced)
        if has_command(env, "make_sample_content"):
            manage(env, "make_sample_content", forced)
        urls = page_urls(env)
        measured = json.loads(
            subprocess.run(
                [PY, "-c", IN_PROCESS, json.dumps(list(urls.values())), str(args.runs)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        rows = []
        for label, extra in (("cached", {}), ("uncached", {"SITECACHE_PAGE_CACHE": "0"})):
            port = free_port()
            process = start_gunicorn(env, port, args.worker_class, extra)
            try:
                base = f"http://127.0.0.1:{port}"
                static = wrk(base + "/static/css/site.css", args.duration, args.connections)
                for name, url in urls.items():
                    rps = wrk(base + url, args.duration, args.connections)
                    rows.append((label, name, url, rps, static))
            finally:
                stop(process)
        load = os.getloadavg()
        print(f"\nworker class: {args.worker_class}; load average (1, 5 min): {load[0]:.2f} {load[1]:.2f}")
        print(
            "| page | queries | render ms | br bytes | cached req/s | uncached req/s | static req/s | cached/static |"
        )
        print("|---|---|---|---|---|---|---|---|")
        by = {(label, name): (rps, static) for label, name, _url, rps, static in rows}
        for name, url in urls.items():
            m = measured[url]
            cached, static = by[("cached", name)]
            uncached, _ = by[("uncached", name)]
            ratio = f"{cached / static:.2f}" if cached and static else "-"
            print(
                f"| {name} `{url}` | {m['queries']} | {m['median_ms']:.1f} | {m['bytes_br']} | "
                f"{cached or '-'} | {uncached or '-'} | {static or '-'} | {ratio} |"
            )
    finally:
        if args.keep:
            print(f"Kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
