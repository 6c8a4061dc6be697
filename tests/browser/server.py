"""A live copy of the site for the browser tests: gunicorn with production settings, its own database.

``LiveSite.start()`` gives the site a database of its own with the initial content, the sample content
the tests browse, a superuser and an editor (both with an authenticator), then starts
``gunicorn -c icrtop/gunicorn.conf.py icrtop.wsgi`` on a free loopback port with 2 workers.

On PostgreSQL (``DATABASE_URL``, as under ``make test-browser``) the content is built once per server:
the first site to start migrates a template database, collects the static files and loads the content
(under a file lock, since pytest-xdist workers start sites side by side); every site then gets a copy
(``CREATE DATABASE ... TEMPLATE``, a few hundred milliseconds; a site on another server gets a
``pg_dump`` of it). Without ``DATABASE_URL`` a site migrates and loads a temporary SQLite file itself.

The base URL uses ``localhost`` (not 127.0.0.1): Chromium treats http://localhost as a secure context,
so the production settings' ``Secure`` session and CSRF cookies work over plain HTTP without any
production override.
"""

from __future__ import annotations

import concurrent.futures
import fcntl
import hashlib
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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
BROWSER_DB_NAME = "icrtop_browser"
TEMPLATE_DB_NAME = "icrtop_browser_template"

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


def require_program(path: str, package: str) -> None:
    """Skips the test when a Debian program it starts is missing; under CI (CI=true) fails instead."""
    if not os.path.exists(path):
        message = f"{path} missing (Debian package {package!r}; tests/tools/system-packages.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must not skip")
        pytest.skip(message)


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql", "postgis"}


def database_url_with_name(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def per_worker(name: str) -> str:
    """``name`` with the pytest-xdist worker's id (``icrtop_browser_gw1``): workers share one server."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{name}_{worker}" if worker else name


def recreate_postgres_database(url: str, name: str, template: str | None = None, worker_scoped=True) -> str:
    """Drops and creates database ``name`` (per worker, unless ``worker_scoped`` is false) on the server
    of ``url``, empty or as a copy of database ``template``; returns its URL."""
    import psycopg2
    from psycopg2 import sql

    if worker_scoped:
        name = per_worker(name)
    conn = psycopg2.connect(database_url_with_name(url, "postgres"))
    try:
        conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
        with conn.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            if template:
                cursor.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
                )
            else:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()
    return database_url_with_name(url, name)


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = per_worker(name)
    conn = psycopg2.connect(database_url_with_name(url, "postgres"))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


def load_content(manage) -> None:
    """Migrates the database of ``manage``'s environment and loads what the browser tests browse: the
    initial content, and generated, clearly marked sample content. The static files are collected in
    a second process meanwhile (they need no database), on the core the migrations leave free."""
    if not any((ROOT / "locale").glob("*/LC_MESSAGES/*.mo")) and any((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        manage("compilemessages", "--ignore=.venv", "--ignore=.make", "-v", "0")
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as beside:
        static = beside.submit(manage, "collectstatic", "--noinput", "-v", "0")
        manage("migrate", "--noinput", "-v", "0")
        # One process for the content (each manage.py start costs seconds): the initial content, then
        # two sample events (one upcoming: sample-event-1), sample crises (sample-crisis-1, -2) and
        # articles (sample-article-1 ... -4; 3 is a statement signed by two sample organisations).
        manage(
            "shell",
            "-c",
            "from django.core.management import call_command\ncall_command('load_initial_content')\n"
            "from events import sample\nsample.create(2)\nfrom publishing import samples\nsamples.make(2)",
        )
        static.result()  # raises if collectstatic failed


@contextmanager
def exclusive(path: Path):
    """An exclusive lock on the file ``path`` (across processes: pytest-xdist workers)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class ContentTemplate:
    """The browser tests' content, built once per PostgreSQL test server: a template database, and the
    static and media files that go with it, kept in the server's own temporary folder (so they go with
    the server; tests/tools/with-postgres.sh names it in ICRTOP_PGDATA)."""

    server_url: str
    home: Path

    @property
    def static_root(self) -> Path:
        return self.home / "static"

    @property
    def media_root(self) -> Path:
        return self.home / "media"

    @classmethod
    def of_test_server(cls) -> ContentTemplate | None:
        """The template on the server of ``DATABASE_URL``, built now if it is not yet; None when that is
        not a private test server (a SQLite run, or a server whose folder is not known)."""
        url, pgdata = os.environ.get("DATABASE_URL", ""), os.environ.get("ICRTOP_PGDATA", "")
        if not (is_postgres_url(url) and pgdata):
            return None
        if str(urllib.parse.urlsplit(url).port) != os.environ.get("ICRTOP_PG_PORT"):
            return None
        template = cls(server_url=url, home=Path(pgdata).parent / "browser-template")
        template.home.mkdir(exist_ok=True)
        with exclusive(template.home / "lock"):
            if not (template.home / "ready").exists():
                template.build()
                (template.home / "ready").touch()
        return template

    def build(self) -> None:
        builder = LiveSite(
            workdir=self.home, server_url=self.server_url, database_name=TEMPLATE_DB_NAME, static_root=self.static_root
        )
        builder.database_url = recreate_postgres_database(self.server_url, TEMPLATE_DB_NAME, worker_scoped=False)
        builder._env = builder.env()
        load_content(builder.manage)

    def copy_to(self, server_url: str, name: str) -> str:
        """A new database ``name`` on the server of ``server_url``, a copy of the template; its URL."""
        if server_url == self.server_url:
            return recreate_postgres_database(server_url, name, template=TEMPLATE_DB_NAME, worker_scoped=False)
        url = recreate_postgres_database(server_url, name, worker_scoped=False)
        bindir = postgres_bindir()
        dump = subprocess.Popen(  # noqa: S603 - Debian's pg_dump on our own test servers
            [str(bindir / "pg_dump"), "-Fc", "-d", database_url_with_name(self.server_url, TEMPLATE_DB_NAME)],
            stdout=subprocess.PIPE,
        )
        restore = subprocess.run(  # noqa: S603
            [str(bindir / "pg_restore"), "--no-owner", "-d", url], stdin=dump.stdout, capture_output=True, timeout=300
        )
        dump.stdout.close()
        if dump.wait(timeout=300) != 0 or restore.returncode != 0:
            raise RuntimeError(f"copying the content template failed: {restore.stderr.decode()[-2000:]}")
        return url


def postgres_bindir() -> Path:
    """The newest PostgreSQL server's programs (Debian: /usr/lib/postgresql/<version>/bin)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found (Debian package 'postgresql')")
    return found[-1].parent


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
    scheduler: subprocess.Popen | None = None
    # Seconds between the scheduler's checks (production: 30; short here so a test waits little).
    scheduler_every: float = 5
    mailbox: Mailbox | None = None
    database_url: str = ""
    # The database server the site's database is made on (PostgreSQL, or none: a SQLite file).
    server_url: str = field(default_factory=lambda: os.environ.get("DATABASE_URL", ""))
    static_root: Path | None = None
    uses_postgres: bool = False
    database_name: str = BROWSER_DB_NAME
    extra_env: dict = field(default_factory=dict)
    # Two-factor keys (hex) of the accounts made here, and the last time step used per account.
    otp_keys: dict = field(default_factory=dict)
    otp_steps: dict = field(default_factory=dict)
    # Put before gunicorn's command line (e.g. ["prlimit", "--fsize=200000"] for a disk that fills up).
    command_prefix: list = field(default_factory=list)
    # False: ``start()`` leaves the scheduler off; the test calls ``start_scheduler()`` when it is ready.
    scheduler_with_site: bool = True

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def static_path(self) -> Path:
        """Where the site's collected static files are (the content template's, or its own)."""
        return self.static_root or self.workdir / "static"

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
                "STATIC_ROOT": str(self.static_path),
                "MEDIA_ROOT": str(self.workdir / "media"),
                "CACHE_DIR": str(self.workdir / "cache"),
                # Sites on one Redis server (REDIS_URL) keep apart by database: servers of one database
                # share their cache, as in production; another live site's pages never mix in.
                "CACHE_KEY_PREFIX": "icrtop-" + hashlib.sha256(self.database_url.encode()).hexdigest()[:12],
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
        if is_postgres_url(self.server_url):
            self.uses_postgres = True
            self.database_url = recreate_postgres_database(self.server_url, self.database_name)
        else:
            self.database_url = f"sqlite:///{self.workdir / 'browser.sqlite3'}"

    def start(self) -> LiveSite:
        self.mailbox = Mailbox()
        self.mailbox.start()
        template = ContentTemplate.of_test_server()
        if template and is_postgres_url(self.server_url):
            self.uses_postgres = True
            self.database_url = template.copy_to(self.server_url, per_worker(self.database_name))
            self.static_root = template.static_root
            shutil.copytree(template.media_root, self.workdir / "media", dirs_exist_ok=True)
            self._env = self.env()
        else:
            self.prepare_database()
            self._env = self.env()
            load_content(self.manage)
        self.add_staff()
        self.start_gunicorn()
        if self.scheduler_with_site:
            self.start_scheduler()
        return self

    def add_staff(self) -> None:
        """A superuser and an editor (Editors and Moderators), each with a confirmed authenticator (TOTP
        device) whose key the tests know: production requires two-factor authentication of all staff."""
        for username in (self.admin_username, self.editor_username):
            self.otp_keys[username] = secrets.token_hex(20)
        self.manage(
            "shell",
            "-c",
            "import os\n"
            "from django.contrib.auth.models import Group, User\n"
            "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
            "env = os.environ\n"
            "admin = User.objects.create_superuser(env['B_ADMIN'], 'admin@example.org', env['B_ADMIN_PW'])\n"
            "editor = User.objects.create_user(env['B_EDITOR'], 'ed@example.org', env['B_EDITOR_PW'])\n"
            "editor.groups.add(Group.objects.get(name='Editors'), Group.objects.get(name='Moderators'))\n"
            "for user, key in ((admin, env['B_ADMIN_KEY']), (editor, env['B_EDITOR_KEY'])):\n"
            "    TOTPDevice.objects.create(user=user, key=key, name='browser tests', confirmed=True)\n",
            env={
                **self._env,
                "B_ADMIN": self.admin_username,
                "B_ADMIN_PW": self.admin_password,
                "B_ADMIN_KEY": self.otp_keys[self.admin_username],
                "B_EDITOR": self.editor_username,
                "B_EDITOR_PW": self.editor_password,
                "B_EDITOR_KEY": self.otp_keys[self.editor_username],
            },
        )

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
            [*self.command_prefix, str(gunicorn), "-c", "icrtop/gunicorn.conf.py", "icrtop.wsgi"],
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

    def start_scheduler(self) -> None:
        """The scheduled jobs beside gunicorn, as in production (compose's ``scheduler`` service):
        scheduled pages go live by themselves, the outbox is sent."""
        log = (self.workdir / "scheduler.log").open("ab")
        self.scheduler = subprocess.Popen(
            # Under the same limits as gunicorn (``command_prefix``: a full disk holds for both).
            [
                *self.command_prefix,
                sys.executable,
                "manage.py",
                "run_scheduled_jobs",
                "--loop",
                "--every",
                str(self.scheduler_every),
            ],
            cwd=ROOT,
            env=self._env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        for process in (self.scheduler, self.process):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
        if self.mailbox is not None:
            self.mailbox.stop()
        if self.uses_postgres:
            try:
                drop_postgres_database(self.server_url, self.database_name)
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


class PrivatePostgres:
    """A PostgreSQL server of a test's own (Debian's programs, a temporary folder, a free loopback port),
    for a test that stops and starts its database server without disturbing other tests."""

    def __init__(self):
        self.bindir = postgres_bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="icrtop-pg-own-"))
        self.port = free_port()
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, *args: str) -> subprocess.CompletedProcess:
        command = [*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)  # noqa: S603

    def start(self) -> subprocess.CompletedProcess:
        if not (self.folder / "data").exists():
            os.chmod(self.folder, 0o755)  # noqa: S103 - the server's own user reads its folder
            if self.run_as:
                shutil.chown(self.folder, "postgres", "postgres")
            subprocess.run(  # noqa: S603
                [*self.run_as, str(self.bindir / "initdb"), "-D", str(self.folder / "data"), "-U", "postgres"]
                + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                check=True,
                capture_output=True,
                timeout=120,
            )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        return self.ctl("-w", "-l", str(self.folder / "server.log"), "-o", options, "start")

    def stop(self) -> subprocess.CompletedProcess:
        return self.ctl("-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        return self.ctl("status").returncode == 0

    def remove(self) -> None:
        self.ctl("-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


class MotoS3:
    """An S3-compatible object store for tests: moto's server (PyPI ``moto[server]``; MinIO's server is
    no Debian or PyPI package) on a free loopback port. boto3 and django-storages speak the same S3 API
    to it as to MinIO, but it is moto's implementation of that API, not MinIO's."""

    region = "us-east-1"
    access_key, secret_key = "test-key", "test-secret"

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        """The variables the site reads for the object store (compose's AWS_* variables)."""
        return {
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": self.region,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )

    def start(self) -> MotoS3:
        self.process = subprocess.Popen(  # noqa: S603 - moto's server from the virtualenv, loopback only
            [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)  # noqa: S310 - loopback test server
                return self
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)


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
