"""The production topology as processes: Varnish in front of gunicorn (hit, purge on publish,
editors bypass it) and two gunicorn servers sharing one database and one cache (Redis when
REDIS_URL is set, as under `make test-postgres`): a change through one is seen at once through the
other."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from .server import ROOT, LiveSite, NoRedirect, free_port, require_program

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def http(base, path, method="GET", headers=None, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


class Browser:
    """Just enough of a browser for the admin: cookies (Secure ones too, over loopback), CSRF."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def request(self, path, method="GET", data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        status, response_headers, body = http(self.base, path, method, headers, data)
        for header in response_headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return status, response_headers, body

    def post_form(self, path, data=None):
        status, _headers, body = self.request(path)
        assert status == 200, (path, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        return self.request(path, "POST", {"csrfmiddlewaretoken": token, **(data or {})})

    def login(self, site, username, password):
        """Password, then the two-factor code (production settings require it of every staff account)."""
        status, headers, _body = self.post_form("/admin/login/", {"username": username, "password": password})
        assert status == 302 and "sessionid" in self.cookies, status
        status, headers, _body = self.post_form("/admin/2fa/verify/", {"token": site.otp_code(username)})
        assert status == 302, status

    def bulk(self, action, page_id):
        status, _headers, body = self.post_form(f"/admin/bulk/wagtailcore/page/{action}/?id={page_id}&next=/admin/")
        assert status == 302, (action, status, body[:500])


def about_page(site):
    out = site.manage(
        "shell",
        "-c",
        "from django.utils import translation\n"
        "from wagtail.models import Page\n"
        "p = Page.objects.filter(depth=3, show_in_menus=True).order_by('path').first().specific\n"
        "translation.activate('en')\n"
        "print(p.pk, p.title, p.get_url(), sep='|')\n",
    ).stdout.strip()
    pk, title, url = out.splitlines()[-1].split("|")
    return int(pk), title, url


def in_nav(body, title):
    """Whether the main menu links to a page titled ``title``."""
    nav = body.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return f">{title}</a>" in nav


def shared_cache_env(workdir):
    if os.environ.get("REDIS_URL"):
        return {}
    return {"CACHE_DIR": str(workdir / "shared-cache")}


class Varnish:
    def __init__(self, backend_port, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None
        vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
        vcl = vcl.replace('.host = "web";', '.host = "127.0.0.1";').replace(
            '.port = "8000";', f'.port = "{backend_port}";'
        )
        vcl = vcl.replace('    "web";\n', "")
        self.vcl = workdir / "default.vcl"
        self.vcl.write_text(vcl)

    def start(self):
        os.chmod(self.workdir, 0o755)  # noqa: S103 - varnishd's worker user reads the VCL folder
        self.vcl.chmod(0o644)
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(self.vcl),
                "-n",
                str(self.workdir / "varnish"),
                "-s",
                "malloc,64m",
                "-p",
                "http_gzip_support=off",
            ],
            stdout=(self.workdir / "varnish.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.workdir / "varnish.log").read_text())
            try:
                status, _h, _b = http(self.base_url, "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("varnishd did not answer")

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture
def workdir():
    path = Path(tempfile.mkdtemp(prefix="icrtop-topology-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_varnish_hit_purge_on_publish_and_editor_bypass(workdir):
    require_program(VARNISHD, "varnish")
    varnish_port = free_port()
    site = LiveSite(database_name="icrtop_varnish")
    site.extra_env = {"FRONTEND_CACHE_VARNISH_URL": f"http://127.0.0.1:{varnish_port}"}
    varnish = None
    try:
        site.start()
        varnish = Varnish(site.port, workdir)
        varnish.port = varnish_port
        varnish.start()
        base = varnish.base_url
        pk, title, url = about_page(site)

        for path in ("/en/", "/fr/"):
            assert http(base, path, headers={"Accept-Encoding": "br"})[1]["X-Cache"] == "MISS"
            status, headers, _body = http(base, path, headers={"Accept-Encoding": "br"})
            assert status == 200 and headers["X-Cache"] == "HIT", path
            assert headers["Content-Encoding"] == "br"

        editor = Browser(base)
        editor.login(site, site.admin_username, site.admin_password)
        for _ in range(2):
            status, headers, _body = editor.request("/en/")
            assert status == 200 and headers["X-Cache"] == "MISS"
            assert "private" in headers["Cache-Control"]

        editor.bulk("unpublish", pk)
        for path in ("/en/", "/fr/"):
            status, headers, body = http(base, path)
            assert headers["X-Cache"] == "MISS", f"{path} still served from Varnish after the unpublish"
        assert not in_nav(http(base, "/en/")[2], title)
        assert http(base, "/en/")[1]["X-Cache"] == "HIT"

        assert http(base, url)[0] == 404
        editor.bulk("publish", pk)
        status, headers, body = http(base, "/en/")
        assert headers["X-Cache"] == "MISS", "publishing did not purge Varnish"
        assert in_nav(body, title)
        status, headers, body = http(base, url)
        assert status == 200 and headers["X-Cache"] == "MISS"
    finally:
        if varnish:
            varnish.stop()
        site.stop()


def test_two_app_servers_share_the_database_and_the_cache(workdir):
    first = LiveSite(database_name="icrtop_topology", extra_env=shared_cache_env(workdir))
    second = None
    try:
        first.start()
        # Same database, cache, static files and media; its own port and process.
        second = LiveSite(
            extra_env={
                **shared_cache_env(workdir),
                "STATIC_ROOT": str(first.static_path),
                "MEDIA_ROOT": str(first.workdir / "media"),
            }
        )
        second.database_url = first.database_url
        second._env = second.env()
        second.start_gunicorn()
        pk, title, url = about_page(first)
        for path in ("/en/", "/fr/", url):
            http(second.base_url, path)
            status, headers, body = http(second.base_url, path)
            assert status == 200 and headers["X-Page-Cache"] == "hit", path
        assert in_nav(http(second.base_url, "/en/")[2], title)

        editor = Browser(first.base_url)
        editor.login(first, first.admin_username, first.admin_password)
        editor.bulk("unpublish", pk)
        assert http(second.base_url, url)[0] == 404
        for path in ("/en/", "/fr/"):
            status, headers, body = http(second.base_url, path)
            assert status == 200 and headers["X-Page-Cache"] == "miss", path
        assert not in_nav(http(second.base_url, "/en/")[2], title)

        editor.bulk("publish", pk)
        assert http(second.base_url, url)[0] == 200
        assert in_nav(http(second.base_url, "/en/")[2], title)
    finally:
        if second:
            second.stop()
        first.stop()
