"""The edge of the production topology as processes: Caddy (deploy/caddy/Caddyfile, HTTPS with its own
local CA on loopback) -> Varnish (deploy/varnish/default.vcl) -> gunicorn.

- Slow clients (a few dozen connections trickling their headers or their bodies) tie up Caddy and
  Varnish, never gunicorn: normal requests that need gunicorn keep answering meanwhile.
- The visitor's address passes through both proxies (TRUSTED_PROXIES): two visitors behind them are
  counted apart by the rate limits and the audit trail, and a visitor's own X-Forwarded-For is ignored.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from .server import ROOT, LiveSite, free_port, require_program
from .test_topology import VARNISHD, Varnish

CADDY = shutil.which("caddy") or "/usr/bin/caddy"
ARTIFACTS = ROOT / "test-artifacts"


class Caddy:
    """Debian's caddy with the deployment's Caddyfile, on free loopback ports, state in a folder."""

    def __init__(self, upstream_port, workdir: Path, web_port=None, media=None):
        """``media``: (the object store's host:port, the media bucket) for /media/images/*."""
        self.port = free_port()
        self.workdir = workdir
        self.process = None
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("CADDY", "XDG_"))},
            "HOME": str(workdir),
            "XDG_DATA_HOME": str(workdir / "data"),
            "XDG_CONFIG_HOME": str(workdir / "config"),
            "SITE_ADDRESS": f"https://localhost:{self.port}",
            "CADDY_TLS": "internal",
            "CADDY_HTTP_PORT": str(free_port()),
            "CADDY_HTTPS_PORT": str(self.port),
            "UPSTREAM": f"127.0.0.1:{upstream_port}",
            # The balancer in front of the web servers (compose: port 8080, "web" by DNS).
            "BALANCER_PORT": str(free_port()),
            "WEB_HOST": "localhost",
            "WEB_PORT": str(web_port or upstream_port),
        }
        if media:
            self.env.update(MEDIA_UPSTREAM=media[0], MEDIA_BUCKET=media[1])

    def start(self, ready="/healthz"):
        self.process = subprocess.Popen(  # noqa: S603 - Debian's caddy with the repository's Caddyfile
            [CADDY, "run", "--config", str(ROOT / "deploy" / "caddy" / "Caddyfile"), "--adapter", "caddyfile"],
            env=self.env,
            cwd=self.workdir,
            stdout=(self.workdir / "caddy.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.workdir / "caddy.log").read_text()[-3000:])
            try:
                if self.request("GET", ready)[0] == 200:
                    return
            except (OSError, ssl.SSLError):
                pass
            time.sleep(0.3)
        raise RuntimeError("caddy did not answer:\n" + (self.workdir / "caddy.log").read_text()[-3000:])

    @property
    def root_certificate(self):
        return self.workdir / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"

    def context(self):
        context = ssl.create_default_context(cafile=str(self.root_certificate))
        return context

    def connection(self, source="127.0.0.1", timeout=20):
        """An HTTPS connection that checks Caddy's certificate against its own root, from ``source``
        (a loopback address: 127.0.0.2 is another visitor than 127.0.0.3)."""
        return http.client.HTTPSConnection(
            "localhost", self.port, context=self.context(), timeout=timeout, source_address=(source, 0)
        )

    def request(self, method, path, body=None, headers=None, source="127.0.0.1", timeout=20):
        conn = self.connection(source, timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def edge():
    """gunicorn (production settings, TRUSTED_PROXIES loopback, HTTPS redirect on) behind Varnish
    behind Caddy."""
    require_program(CADDY, "caddy")
    require_program(VARNISHD, "varnish")
    workdir = Path(tempfile.mkdtemp(prefix="icrtop-edge-"))
    site = LiveSite(
        database_name="icrtop_edge",
        extra_env={
            "TRUSTED_PROXIES": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "1",
            "ENGAGEMENT_RATE_LIMIT": "2/h",
            "AXES_FAILURE_LIMIT": "3",
        },
    )
    varnish = caddy = None
    try:
        site.start()
        varnish = Varnish(site.port, workdir)
        varnish.start()
        caddy = Caddy(varnish.port, workdir, web_port=site.port)
        caddy.start()
        yield site, caddy
    finally:
        for server in (caddy, varnish):
            if server:
                server.stop()
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def test_the_balancer_finds_the_web_servers_by_name_and_visitors_cannot_purge(edge):
    """compose's Varnish has one backend, Caddy's balancer, which looks the web servers up by name
    (compose: "web", here "localhost") and so follows `--scale web=N`; Varnish's probe asks /healthz
    with a host name no visitor uses. A PURGE sent by a visitor stops at Caddy: Varnish would see it
    coming from Caddy's address."""
    site, caddy = edge
    balancer = http.client.HTTPConnection("127.0.0.1", int(caddy.env["BALANCER_PORT"]), timeout=20)
    try:
        balancer.request("GET", "/healthz", headers={"Host": "localhost"})
        response = balancer.getresponse()
        assert response.status == 200 and json.loads(response.read())["database"] == "ok"
    finally:
        balancer.close()
    for method in ("PURGE", "BAN"):
        assert caddy.request(method, "/en/")[0] == 405


# --- slow clients ----------------------------------------------------------------------------------


def raw_tls(port):
    """A TLS connection to Caddy on which the caller writes the HTTP request by hand."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=30), server_hostname="localhost")


def trickle_headers(port, stop, opened):
    """A client that sends a request line, then one header line every 3 s, and never finishes."""
    while not stop.is_set():
        try:
            with raw_tls(port) as conn:
                conn.sendall(b"GET /en/search/?q=slow HTTP/1.1\r\nHost: localhost\r\n")
                opened.append(1)
                while not stop.wait(3):
                    conn.sendall(f"X-Slow-{secrets.token_hex(2)}: 1\r\n".encode())
        except OSError:
            pass  # Caddy closed it (its header time limit): connect again, as an attacker would


def trickle_body(port, stop, opened):
    """A client that sends complete headers of a POST, then its body one byte every 2 s."""
    while not stop.is_set():
        try:
            with raw_tls(port) as conn:
                conn.sendall(
                    b"POST /en/newsletter/ HTTP/1.1\r\nHost: localhost\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n"
                )
                opened.append(1)
                while not stop.wait(2):
                    conn.sendall(b"a")
        except OSError:
            pass


def test_slow_clients_never_stop_normal_requests(edge):
    site, caddy = edge
    stop = threading.Event()
    opened = []
    kinds = [trickle_headers] * 40 + [trickle_body] * 10
    attackers = [threading.Thread(target=kind, args=(caddy.port, stop, opened), daemon=True) for kind in kinds]
    for thread in attackers:
        thread.start()
    time.sleep(3)  # every slow connection is open before the probes start
    probes, failures, latencies = 0, [], []
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline:
            # Paths Varnish never answers itself: each probe needs a gunicorn worker.
            for path in ("/healthz", f"/en/search/?q=probe{secrets.token_hex(3)}"):
                started = time.monotonic()
                try:
                    status, _headers, _body = caddy.request("GET", path, timeout=10)
                except OSError as error:
                    failures.append(f"{path}: {error}")
                    continue
                latencies.append(time.monotonic() - started)
                probes += 1
                if status != 200:
                    failures.append(f"{path}: {status}")
            time.sleep(0.2)
    finally:
        stop.set()
    summary = {
        "slow_connections_opened": len(opened),
        "probes_answered": probes,
        "probe_failures": len(failures),
        "probe_median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "probe_max_ms": round(max(latencies) * 1000, 1) if latencies else None,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "edge-slow-clients.json").write_text(json.dumps(summary, indent=2))
    print("slow clients:", summary)
    assert len(opened) >= 50, summary
    assert not failures, failures[:10]
    assert probes >= 20, summary


# --- the visitor's address --------------------------------------------------------------------------


class Visitor:
    """A browser-like client on its own loopback address, through Caddy (cookies, CSRF, HTTPS)."""

    def __init__(self, caddy, source):
        self.caddy, self.source, self.cookies = caddy, source, {}

    def request(self, method, path, data=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://localhost:{self.caddy.port}"
        status, response_headers, text = self.caddy.request(method, path, body, headers, source=self.source)
        for header in response_headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return status, response_headers, text

    def sign_up(self, email, headers=None):
        status, _h, body = self.request("GET", "/en/newsletter/")
        assert status == 200, status
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', body))
        data = {**fields, "email": email, "language": "en", "consent": "on", "homepage": ""}
        return self.request("POST", "/en/newsletter/", data, headers)[0]


def test_the_visitors_address_passes_both_proxies(edge):
    site, caddy = edge
    first, second = Visitor(caddy, "127.0.0.2"), Visitor(caddy, "127.0.0.3")
    assert [first.sign_up(f"a{n}@example.org") for n in range(2)] == [303, 303]
    # The third from the same visitor is refused, even with an X-Forwarded-For of their own making.
    assert first.sign_up("a3@example.org", headers={"X-Forwarded-For": "198.51.100.9"}) == 429
    assert second.sign_up("b1@example.org") == 303, "a second visitor behind the proxies was refused"

    # HTTPS is seen through both proxies: no redirect loop although SECURE_SSL_REDIRECT is on.
    status, headers, _body = Visitor(caddy, "127.0.0.4").request("GET", "/en/")
    assert status == 200 and "Strict-Transport-Security" in headers

    # django-axes and the audit trail see the visitor too: one visitor's failures lock only them out.
    for _ in range(3):
        login = Visitor(caddy, "127.0.0.5")
        status, _h, body = login.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        login.request(
            "POST", "/admin/login/", {"csrfmiddlewaretoken": token, "username": site.editor_username, "password": "x"}
        )
    out = site.manage(
        "shell",
        "-c",
        "from wagtail.models import ModelLogEntry\n"
        "print(sorted({e.data.get('ip') for e in ModelLogEntry.objects.filter(action='icrtop.login_failed')}))",
    ).stdout
    assert out.strip().splitlines()[-1] == "['127.0.0.5']"
    other = Visitor(caddy, "127.0.0.6")
    _s, _h, body = other.request("GET", "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    status, headers, _body = other.request(
        "POST",
        "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": site.editor_username, "password": site.editor_password},
    )
    assert status == 302, "the account was locked out for every address"
