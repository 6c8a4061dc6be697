"""Under make run's development settings the cache is one for every process of the machine (the disk
cache, core/cache_backends.py): a change made by another process (a shell, a management command, a
scheduled job) shows at the very next request of the running server, in every language, instead of
the cached page (it used to stay stale for up to an hour: each process had its own memory cache)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

from .server import ROOT, ContentTemplate, LiveSite, free_port, load_content, per_worker
from .test_topology import http, in_nav


def test_a_change_from_another_process_shows_at_the_next_request(tmp_path):
    site = LiveSite(database_name="icrtop_dev_cache")
    server = None
    try:
        template = ContentTemplate.of_test_server()
        if template:  # make test-browser: a copy of the content (PostgreSQL), fast
            site.uses_postgres = True
            site.database_url = template.copy_to(site.server_url, per_worker(site.database_name))
            shutil.copytree(template.media_root, tmp_path / "media")
        else:  # a SQLite file, as make run has
            site.prepare_database()
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "icrtop.settings.dev",
                "DATABASE_URL": site.database_url,
                "REDIS_URL": "",
                "CACHE_DIR": str(tmp_path / "cache"),
                "MEDIA_ROOT": str(tmp_path / "media"),
                "STATIC_ROOT": str(tmp_path / "static"),
                "PYTHONUNBUFFERED": "1",
            }
        )
        site._env = env
        if not template:
            load_content(site.manage)
        server = subprocess.Popen(  # noqa: S603 - the project's own manage.py, as make run starts it
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=(tmp_path / "runserver.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):  # noqa: S310 - loopback
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError((tmp_path / "runserver.log").read_text()[-3000:])

        for path in ("/en/", "/fr/"):
            http(base, path)
            status, headers, _body = http(base, path)
            assert status == 200 and headers["X-Page-Cache"] == "hit", path

        out = site.manage(
            "shell",
            "-c",
            "from wagtail.models import Page\n"
            "page = Page.objects.filter(depth=3, show_in_menus=True).order_by('path').first().specific\n"
            "page.title_en = 'Changed by another process'\n"
            "page.title_fr = 'Modifiée par un autre processus'\n"
            "page.save_revision().publish()\n"
            "print('published')\n",
        ).stdout
        assert "published" in out

        status, headers, body = http(base, "/en/")
        assert status == 200 and headers["X-Page-Cache"] == "miss"
        assert in_nav(body, "Changed by another process"), "the running server still shows its old copy"
        assert in_nav(http(base, "/fr/")[2], "Modifiée par un autre processus")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        site.stop()
