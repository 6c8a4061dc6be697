"""The production topology as processes: Varnish in front of gunicorn (hit, purge on publish,
editors bypass it); two gunicorn servers sharing one database and one cache (Redis when
REDIS_URL is set, as under `make test-postgres`): a change through one is seen at once through the
other; and compose's whole stack (Caddy on HTTPS, Varnish, gunicorn, the scheduler, a mail server, the
nightly backup job with its object store) in one run: a scheduled page goes live by itself, a queued
mail is delivered, and the backup restores into a fresh database with every row and media file equal."""

from __future__ import annotations

import json
import os
import re
import secrets
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

from .server import (
    ROOT,
    LiveSite,
    MotoS3,
    NoRedirect,
    drop_postgres_database,
    free_port,
    recreate_postgres_database,
    require_program,
)

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
        # compose's backend is Caddy's balancer; here gunicorn itself, probed on /healthz all the same.
        vcl = vcl.replace('.host = "172.30.0.10";', '.host = "127.0.0.1";').replace(
            '.port = "8080";', f'.port = "{backend_port}";'
        )
        assert f'.port = "{backend_port}";' in vcl
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


def wait_for(condition, seconds=90, every=1.0):
    """Polls ``condition()`` until it is true (returns True) or ``seconds`` pass (returns False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def schedule_page(site, seconds):
    """Takes a sample article offline and schedules its publication ``seconds`` from now, as an editor
    does with "Go-live date" and Publish; returns its title and address."""
    out = site.manage(
        "shell",
        "-c",
        "import datetime\n"
        "from django.utils import timezone, translation\n"
        "from wagtail.models import Page\n"
        "translation.activate('en')\n"
        "page = Page.objects.get(slug_en='sample-article-2').specific\n"
        "page.unpublish()\n"
        "page = Page.objects.get(pk=page.pk).specific\n"
        f"page.go_live_at = timezone.now() + datetime.timedelta(seconds={seconds})\n"
        "page.save_revision().publish()\n"
        "page.refresh_from_db()\n"
        "assert not page.live and page.go_live_at\n"
        "print(page.title, page.get_url(), sep='|')\n",
    ).stdout.strip()
    title, url = out.splitlines()[-1].split("|")
    return title, url


# What the backup leaves out (pages/management/commands/backup_site.py: EXCLUDE), and the scheduler's
# bookkeeping, which its loop updates every few seconds while the comparison runs.
DUMP_ROWS = (
    "import os\n"
    "from django.core import serializers\n"
    "from django.core.management import call_command\n"
    "from pages.management.commands.backup_site import EXCLUDE, SERIALIZER\n"
    "serializers.register_serializer(SERIALIZER, 'pages.backup_serializer')\n"
    "call_command('dumpdata', format=SERIALIZER, natural_foreign=True, use_base_manager=True,\n"
    "             exclude=[*EXCLUDE, 'core.scheduledjob'], output=os.environ['DUMP_TO'], verbosity=0)\n"
)


def every_row(site, env, path):
    """Every row of every table the backup keeps, as the backup writes them (ids and every column)."""
    site.manage("shell", "-c", DUMP_ROWS, env={**env, "DUMP_TO": str(path)})
    rows = json.loads(path.read_text(encoding="utf-8"))
    return sorted(rows, key=lambda row: (row["model"], json.dumps(row["pk"])))


def media_files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_whole_stack_on_https_runs_the_jobs_and_its_backup_restores(workdir):
    """compose.yaml as processes: Caddy (HTTPS, its own local CA) -> Varnish -> gunicorn, the scheduler,
    a local SMTP server, and the nightly backup job uploading to an S3 API (moto's server, standing in
    for MinIO), whose archive is fetched back and restored into a fresh database."""
    from .test_edge_proxy import CADDY, Caddy, Visitor  # that module imports this one

    require_program(CADDY, "caddy")
    require_program(VARNISHD, "varnish")
    store = MotoS3().start()
    varnish_port = free_port()
    site = LiveSite(
        database_name="icrtop_stack",
        scheduler_with_site=False,  # started below, once there is work waiting for it
        extra_env={
            "TRUSTED_PROXIES": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "1",
            "FRONTEND_CACHE_VARNISH_URL": f"http://127.0.0.1:{varnish_port}",
            "BACKUP_BUCKET": "icrtop-backups",
            **store.env,
        },
    )
    varnish = caddy = restored_url = None
    try:
        site.start()
        varnish = Varnish(site.port, workdir)
        varnish.port = varnish_port
        varnish.start()
        caddy = Caddy(varnish.port, workdir)
        caddy.start()
        visitor = Visitor(caddy, "127.0.0.1")

        # Work for the scheduler: a page that goes live in a few seconds, and a newsletter sign-up
        # whose confirmation the mail server (down for now) could not take: it waits in the outbox.
        go_live = time.monotonic() + 4
        title, url = schedule_page(site, seconds=4)
        assert visitor.request("GET", url)[0] == 404
        site.mailbox.stop()
        address = f"stack-{secrets.token_hex(4)}@example.org"
        assert visitor.sign_up(address) == 303
        pending = site.manage(
            "shell",
            "-c",
            "from engagement.models import OutgoingMessage\n"
            f"print(OutgoingMessage.objects.filter(recipients={address!r}, sent_at__isnull=True).count())",
        ).stdout.split()[-1]
        assert pending == "1", "the confirmation should wait in the outbox while the mail server is down"
        site.mailbox.start()
        time.sleep(max(0, go_live - time.monotonic()))
        site.start_scheduler()

        def page_live():
            status, _headers, body = visitor.request("GET", url)
            return status == 200 and title in body

        assert wait_for(page_live), "the scheduled page did not go live through Caddy and Varnish"
        assert wait_for(lambda: site.mailbox.to(address)), "the queued confirmation never reached the mail server"
        [confirmation] = site.mailbox.to(address)
        # Its link leads back over HTTPS to the address the visitor used (the proxies' headers trusted).
        assert f"https://localhost:{caddy.port}/" in confirmation.get_content()

        # compose's backup service: backup_site --upload --keep-days into the object store's bucket.
        store.client().create_bucket(Bucket="icrtop-backups")  # compose's objects-init makes it
        site.manage("backup_site", "--output", str(workdir / "nightly.tar.gz"), "--upload", "--keep-days", "14")
        before = every_row(site, site._env, workdir / "before.json")
        # The restore as docs/operations.md tells it: the newest archive fetched from the bucket...
        bucket = store.client()
        [key] = [item["Key"] for item in bucket.list_objects_v2(Bucket="icrtop-backups")["Contents"]]
        bucket.download_file("icrtop-backups", key, str(workdir / "restore.tar.gz"))
        # ...restored into a fresh database with an empty media folder.
        if site.uses_postgres:
            restored_url = recreate_postgres_database(site.server_url, "icrtop_stack_restored")
        else:
            restored_url = f"sqlite:///{workdir / 'restored.sqlite3'}"
        restored = {
            **site._env,
            "DATABASE_URL": restored_url,
            "MEDIA_ROOT": str(workdir / "restored-media"),
            "CACHE_DIR": str(workdir / "restored-cache"),
            "CACHE_KEY_PREFIX": "icrtop-restored-" + secrets.token_hex(4),
        }
        output = site.manage("restore_site", str(workdir / "restore.tar.gz"), env=restored).stdout
        assert "Restored" in output, output
        after = every_row(site, restored, workdir / "after.json")

        assert len(after) == len(before) > 0
        differences = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
        assert not differences, f"{len(differences)} rows differ after the restore, e.g. {differences[:2]}"
        assert any(row["model"] == "engagement.outgoingmessage" and row["fields"]["sent_at"] for row in after)
        original_media = media_files(site.workdir / "media")
        assert original_media, "the site has no media files to compare"
        assert media_files(workdir / "restored-media") == original_media
    finally:
        for server in (caddy, varnish):
            if server:
                server.stop()
        site.stop()
        store.stop()
        if restored_url and site.uses_postgres:
            drop_postgres_database(site.server_url, "icrtop_stack_restored")
