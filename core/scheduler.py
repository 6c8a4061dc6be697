"""The site's scheduled jobs: management commands run at most once per interval (``SCHEDULED_JOBS``).

``run_due_jobs()`` (``manage.py run_scheduled_jobs``) runs the jobs that are due, once: cron can call
it every minute, and ``--loop`` keeps calling it (``make run``, the ``scheduler`` service of
``compose.yaml``, the browser tests' live sites). Several schedulers may run side by side (two cron
lines, a loop and a cron line, several containers): a job is claimed with one conditional ``UPDATE``
of its row before it runs, so only one of them runs it; a claim left by a process that died is taken
over after ``STALE_CLAIM``.

``last_run()`` is when a scheduler last went through the jobs (``None``: never), ``is_stale()`` whether
that is longer ago than ``SCHEDULER_STALE_AFTER``: the admin's dashboard shows both, and a health
check or a deploy check can read them too.
"""

import datetime
import io
import logging

from django.conf import settings
from django.core.management import call_command
from django.db.models import F, Max, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

STALE_CLAIM = datetime.timedelta(hours=1)  # a job still "running" after this is taken over


def jobs():
    """{command name: interval in seconds}."""
    return dict(getattr(settings, "SCHEDULED_JOBS", {}))


def last_run():
    """When a scheduler last went through the jobs (an aware datetime), or ``None``."""
    from .models import ScheduledJob

    return ScheduledJob.objects.aggregate(last=Max("checked_at"))["last"]


def is_stale(now=None):
    """True when no scheduler has run for ``SCHEDULER_STALE_AFTER`` seconds (or ever)."""
    last = last_run()
    limit = datetime.timedelta(seconds=settings.SCHEDULER_STALE_AFTER)
    return last is None or (now or timezone.now()) - last > limit


def claim(name, interval, now):
    """Take job ``name`` if it is due and nobody is running it: True for exactly one caller."""
    from .models import ScheduledJob

    ScheduledJob.objects.get_or_create(name=name)
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - datetime.timedelta(seconds=interval))
    not_running = Q(finished_at__gte=F("started_at")) | Q(started_at__isnull=True)
    abandoned = Q(started_at__lte=now - STALE_CLAIM)
    return bool(
        ScheduledJob.objects.filter(due, not_running | abandoned, name=name).update(started_at=now, finished_at=None)
    )


def run_job(name):
    """Run one command, recording how it ended; never raises (the other jobs still run)."""
    from .models import ScheduledJob

    output = io.StringIO()
    try:
        call_command(name, stdout=output, stderr=output)
    except Exception as exc:  # noqa: BLE001 - a failing job is recorded and retried, never fatal
        logger.exception("Scheduled job %s failed", name)
        ok, text = False, f"{type(exc).__name__}: {exc}"
    else:
        ok, text = True, output.getvalue()
    ScheduledJob.objects.filter(name=name).update(finished_at=timezone.now(), succeeded=ok, output=text[-2000:])
    return ok


def run_due_jobs(now=None):
    """Run every job that is due; returns {name: True/False} for those run here."""
    from .models import ScheduledJob

    now = now or timezone.now()
    ran = {}
    for name, interval in jobs().items():
        if claim(name, interval, now):
            ran[name] = run_job(name)
    ScheduledJob.objects.filter(name__in=jobs()).update(checked_at=timezone.now())
    return ran


def record_run(name, started, ok, text=""):
    """Record a job that ran outside the scheduler (the nightly backup of compose's ``backup`` service)
    as the scheduled ones are recorded: the dashboard and ``/healthz`` read it."""
    from .models import ScheduledJob

    ScheduledJob.objects.update_or_create(
        name=name,
        defaults={"started_at": started, "finished_at": timezone.now(), "succeeded": ok, "output": text[-2000:]},
    )


def backup_state(name="backup_site", now=None):
    """The nightly backup as ``/healthz`` reports it: None when none is expected (``BACKUP_MAX_AGE_HOURS``
    unset or 0, as under ``make run``), else "ok", "failed" (the last one failed), "stale" (the last good
    one is older than ``BACKUP_MAX_AGE_HOURS``) or "never"."""
    from .models import ScheduledJob

    hours = getattr(settings, "BACKUP_MAX_AGE_HOURS", 0)
    if not hours:
        return None
    job = ScheduledJob.objects.filter(name=name).first()
    if job is None or job.finished_at is None:
        return "never"
    if not job.succeeded:
        return "failed"
    return "stale" if (now or timezone.now()) - job.finished_at > datetime.timedelta(hours=hours) else "ok"
