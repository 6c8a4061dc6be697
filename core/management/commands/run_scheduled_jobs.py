"""Run the site's due scheduled jobs (``SCHEDULED_JOBS``: publish_scheduled, send_pending_mail,
purge_personal_data, send_alert_digests), once (cron: every minute) or with ``--loop`` (``make run``, compose's
``scheduler`` service). Safe to run twice at once: each job is claimed before it runs (core.scheduler)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.scheduler import run_due_jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs that are due (go-live and expiry of pages, the outbox, data retention)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running: check the jobs every --every seconds.")
        parser.add_argument("--every", type=float, default=30, help="Seconds between two checks with --loop (30).")

    def handle(self, *args, **options):
        if not options["loop"]:
            self.report(run_due_jobs())
            return
        while True:
            try:
                self.report(run_due_jobs())
            except Exception as exc:  # noqa: BLE001 - the database may be away for a while: try again
                self.stderr.write(f"Scheduled jobs not run: {type(exc).__name__}: {exc}")
            finally:
                close_old_connections()
            time.sleep(options["every"])

    def report(self, ran):
        for name, ok in ran.items():
            self.stdout.write(f"{name}: {'done' if ok else 'failed (see the log)'}")
