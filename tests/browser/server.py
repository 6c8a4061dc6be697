"""A live copy of the site for the browser tests: gunicorn with production settings, its own database.

``LiveSite.start()`` prepares a separate database (a second database on the PostgreSQL server that
``DATABASE_URL`` points at, or a temporary SQLite file), migrates it, collects static files into a
temporary ``STATIC_ROOT``, loads the initial content, creates a superuser and an editor, then starts
``gunicorn -c icrtop/gunicorn.conf.py icrtop.wsgi`` on a free loopback port with 2 workers.

The base URL uses ``localhost`` (not 127.0.0.1): Chromium treats http://localhost as a secure context,
so the production settings' ``Secure`` session and CSRF cookies work over plain HTTP without any
production override.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
BROWSER_DB_NAME = "icrtop_browser"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql", "postgis"}


def database_url_with_name(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def recreate_postgres_database(url: str, name: str) -> str:
    """Drops and creates database ``name`` on the server of ``url``; returns its URL."""
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(database_url_with_name(url, "postgres"))
    try:
        conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()
    return database_url_with_name(url, name)


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(database_url_with_name(url, "postgres"))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


@dataclass
class LiveSite:
    """One gunicorn server over its own database. Use ``start()`` / ``stop()`` (or the fixture)."""

    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="icrtop-browser-")))
    port: int = field(default_factory=free_port)
    admin_username: str = "browser-admin"
    admin_password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    editor_username: str = "browser-editor"
    editor_password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    process: subprocess.Popen | None = None
    mailbox: Mailbox | None = None
    database_url: str = ""
    uses_postgres: bool = False
    database_name: str = BROWSER_DB_NAME
    extra_env: dict = field(default_factory=dict)
    # Two-factor keys (hex) of the accounts made here, and the last time step used per account.
    otp_keys: dict = field(default_factory=dict)
    otp_steps: dict = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "gunicorn.log"

    def url(self, path: str) -> str:
        return self.base_url + path

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "icrtop.settings.production",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "CSRF_TRUSTED_ORIGINS": f"http://localhost:{self.port},http://127.0.0.1:{self.port}",
                "SECURE_SSL_REDIRECT": "0",
                "WAGTAILADMIN_BASE_URL": self.base_url,
                "DATABASE_URL": self.database_url,
                "STATIC_ROOT": str(self.workdir / "static"),
                "MEDIA_ROOT": str(self.workdir / "media"),
                "CACHE_DIR": str(self.workdir / "cache"),
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_WORKERS": "2",
                "GUNICORN_LOGLEVEL": "warning",
                "GUNICORN_ACCESSLOG": str(self.workdir / "access.log"),
                "PYTHONUNBUFFERED": "1",
                # The site's mail goes to the test's own SMTP server (never a real one); the forms'
                # spam brakes are tested in tests/test_engagement_forms.py, not raced by a robot here.
                "EMAIL_URL": f"smtp://127.0.0.1:{self.mailbox.port}" if self.mailbox else "smtp://127.0.0.1:9",
                "DEFAULT_FROM_EMAIL": "ICRtoP <web@localhost>",
                "ENGAGEMENT_NOTIFY_EMAILS": "staff@example.org",
                "ENGAGEMENT_MIN_FILL_SECONDS": "0",
                "ENGAGEMENT_RATE_LIMIT": "1000/h",
            }
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env or self._env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def prepare_database(self) -> None:
        url = os.environ.get("DATABASE_URL", "")
        if is_postgres_url(url):
            self.uses_postgres = True
            self.database_url = recreate_postgres_database(url, self.database_name)
        else:
            self.database_url = f"sqlite:///{self.workdir / 'browser.sqlite3'}"

    def start(self) -> LiveSite:
        self.mailbox = Mailbox()
        self.mailbox.start()
        self.prepare_database()
        self._env = self.env()
        self.manage("migrate", "--noinput", "-v", "0")
        if not any((ROOT / "locale").glob("*/LC_MESSAGES/*.mo")) and any((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
            self.manage("compilemessages", "--ignore=.venv", "--ignore=.make", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("load_initial_content")
        self.manage(
            "shell",
            "-c",
            "import os\n"
            "from django.contrib.auth.models import Group, User\n"
            "User.objects.create_superuser(os.environ['B_ADMIN'], 'admin@example.org', os.environ['B_ADMIN_PW'])\n"
            "editor = User.objects.create_user(os.environ['B_EDITOR'], 'ed@example.org', os.environ['B_EDITOR_PW'])\n"
            "editor.groups.add(Group.objects.get(name='Editors'), Group.objects.get(name='Moderators'))\n",
            env={
                **self._env,
                "B_ADMIN": self.admin_username,
                "B_ADMIN_PW": self.admin_password,
                "B_EDITOR": self.editor_username,
                "B_EDITOR_PW": self.editor_password,
            },
        )
        # Two generated, clearly marked sample events (one upcoming: sample-event-1) for the events pages.
        self.manage("shell", "-c", "from events import sample\nsample.create(2)")
        # Production requires 2FA of every staff account: both have an authenticator app already.
        self.add_totp_device(self.admin_username)
        self.add_totp_device(self.editor_username)
        # Sample crises (sample-crisis-1, -2) and articles (sample-article-1 … -4; 3 is a statement signed by
        # two sample organisations), all generated and marked as samples.
        self.manage("shell", "-c", "from publishing import samples\nsamples.make(2)")
        self.start_gunicorn()
        return self

    def add_totp_device(self, username: str) -> None:
        """A confirmed TOTP device for ``username`` with a key the tests know."""
        key = secrets.token_hex(20)
        self.manage(
            "shell",
            "-c",
            "import os\n"
            "from django.contrib.auth.models import User\n"
            "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
            "TOTPDevice.objects.create(user=User.objects.get(username=os.environ['B_USER']),"
            " key=os.environ['B_KEY'], name='browser tests', confirmed=True)\n",
            env={**self._env, "B_USER": username, "B_KEY": key},
        )
        self.otp_keys[username] = key

    def otp_code(self, username: str, key: str | None = None) -> str:
        """The next code the server accepts for ``username``: TOTP refuses a time step already used,
        and django-otp follows the drift of the steps we use, so each login takes the next step."""
        from django_otp.oath import totp

        key = key or self.otp_keys[username]
        self.otp_keys[username] = key
        now = int(time.time()) // 30
        last_step, last_now = self.otp_steps.get(username, (now - 1, now))
        step = max(last_step + 1, now + (last_step - last_now))
        self.otp_steps[username] = (step, now)
        return f"{totp(bytes.fromhex(key), step=30, t0=0, digits=6, drift=step - now):06d}"

    def start_gunicorn(self) -> None:
        gunicorn = VENV_BIN / "gunicorn"
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "icrtop/gunicorn.conf.py", "icrtop.wsgi"],
            cwd=ROOT,
            env=self._env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if self.mailbox is not None:
            self.mailbox.stop()
        if self.uses_postgres:
            try:
                drop_postgres_database(os.environ["DATABASE_URL"], self.database_name)
            except Exception as exc:  # noqa: BLE001 - cleanup must not hide the test result
                print(f"could not drop {self.database_name}: {exc}", file=sys.stderr)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def get(self, path: str, headers: dict[str, str] | None = None, timeout: float = 10):
        """A plain HTTP GET (no browser): returns (status, headers, body bytes); never raises on 4xx/5xx."""
        request = urllib.request.Request(self.url(path), headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Mailbox:
    """A real SMTP server (aiosmtpd) on a free loopback port that keeps what the live site sends."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        from email import policy

        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address):
        """The messages sent to ``address``, oldest first."""
        return [message for message in self.messages if address in str(message["To"])]
