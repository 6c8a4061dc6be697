"""``manage.py check --deploy``: the project's own checks of a production configuration, each with a
message that says what is wrong and how to fix it (docs/operations.md, "Deploy checks").

Errors stop a release (``--fail-level WARNING`` in the release step and in ``make smoke``); warnings
say what would quietly not work; the info lines are for the record."""

import os

from django.conf import settings
from django.core.checks import Error, Info, Warning, register

DEV_KEYS = ("dev-", "test-", "django-insecure", "collectstatic-only-")
MIN_KEY_LENGTH = 50
NO_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "prints e-mails to the log",
    "django.core.mail.backends.locmem.EmailBackend": "keeps e-mails in memory",
    "django.core.mail.backends.dummy.EmailBackend": "throws e-mails away",
    "django.core.mail.backends.filebased.EmailBackend": "writes e-mails to files",
}
LOCAL_CACHE_BACKENDS = ("django.core.cache.backends.locmem.LocMemCache",)


@register("core", deploy=True)
def secret_key(app_configs=None, **kwargs):
    key = str(getattr(settings, "SECRET_KEY", "") or "")
    if key.startswith(DEV_KEYS):
        problem = "is a development, test or build-time default"
    elif len(key) < MIN_KEY_LENGTH:
        problem = f"is shorter than {MIN_KEY_LENGTH} characters"
    else:
        return []
    return [
        Error(
            f"SECRET_KEY {problem}: sessions, password resets and signed links could be forged.",
            hint='Set SECRET_KEY to a new random value: python -c "import secrets; print(secrets.token_urlsafe(64))"',
            id="core.E001",
        )
    ]


@register("core", deploy=True)
def allowed_hosts(app_configs=None, **kwargs):
    hosts = [host for host in settings.ALLOWED_HOSTS if host]
    if hosts and "*" not in hosts:
        return []
    return [
        Error(
            "ALLOWED_HOSTS is empty or '*': the site would answer for any host name, and links in its "
            "e-mails and its sitemap could name another site.",
            hint="Set ALLOWED_HOSTS to the site's host names, comma-separated (e.g. www.icrtop.org,icrtop.org).",
            id="core.E002",
        )
    ]


@register("core", deploy=True)
def mail_server(app_configs=None, **kwargs):
    backend = settings.EMAIL_BACKEND
    if backend in NO_MAIL_BACKENDS:
        return [
            Warning(
                f"No e-mail is sent: EMAIL_BACKEND {NO_MAIL_BACKENDS[backend]} ({backend}). Newsletter "
                "confirmations, staff notifications and password resets would never arrive.",
                hint="Set EMAIL_URL (smtp://user:password@mail.example.org:587/?tls=True); leave EMAIL_BACKEND unset.",
                id="core.W001",
            )
        ]
    local = settings.EMAIL_HOST in ("localhost", "127.0.0.1", "::1")
    if (
        backend.endswith("smtp.EmailBackend")
        and local
        and not (os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST"))
    ):
        return [
            Warning(
                f"No mail server is configured (EMAIL_URL is not set): e-mails would go to {settings.EMAIL_HOST}:"
                f"{settings.EMAIL_PORT}, where nothing listens in a container. Newsletter confirmations, staff "
                "notifications and password resets would wait in the outbox for ever.",
                hint="Set EMAIL_URL (smtp://user:password@mail.example.org:587/?tls=True) in .env.",
                id="core.W005",
            )
        ]
    if backend.endswith("smtp.EmailBackend") and local:
        return [
            Info(
                f"E-mail goes to an SMTP server on this machine ({settings.EMAIL_HOST}:{settings.EMAIL_PORT}); "
                "in a container there is none unless you run one.",
                hint="Set EMAIL_URL to your mail provider's SMTP server if this is not what you meant.",
                id="core.I001",
            )
        ]
    return []


@register("core", deploy=True)
def shared_cache(app_configs=None, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in LOCAL_CACHE_BACKENDS:
        return []
    return [
        Warning(
            "The default cache lives in each process's memory: every gunicorn worker and the scheduler keep "
            "their own, so a page changed through one is served stale by the others and the forms' rate "
            "limits count each worker apart.",
            hint="Set REDIS_URL (several servers) or CACHE_DIR (one machine) so that every process shares one cache.",
            id="core.W002",
        )
    ]


def nearest_existing(path):
    path = os.path.abspath(path)
    while not os.path.exists(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    return path


@register("core", deploy=True)
def media_storage(app_configs=None, **kwargs):
    storage = settings.STORAGES["default"]
    if storage["BACKEND"].startswith("storages.backends.s3"):
        if storage.get("OPTIONS", {}).get("bucket_name"):
            return []
        return [
            Error(
                "Media are stored on S3 but no bucket is named: uploads would fail.",
                hint="Set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).",
                id="core.E003",
            )
        ]
    root = str(settings.MEDIA_ROOT)
    existing = nearest_existing(root)
    if not os.path.isdir(existing) or not os.access(existing, os.W_OK):
        return [
            Error(
                f"MEDIA_ROOT ({root}) cannot be written: editors could not upload images or documents.",
                hint="Give the site's user write access to MEDIA_ROOT, or store media on S3 (AWS_STORAGE_BUCKET_NAME).",
                id="core.E004",
            )
        ]
    if not getattr(settings, "SERVE_MEDIA", True):
        return [
            Info(
                f"SERVE_MEDIA is off: a proxy in front of the site must serve {settings.MEDIA_URL} from {root}.",
                hint="Check that an uploaded image shows on the site, or set SERVE_MEDIA=1.",
                id="core.I002",
            )
        ]
    return []


@register("core", deploy=True)
def error_reporting(app_configs=None, **kwargs):
    if getattr(settings, "SENTRY_DSN", ""):
        return []
    return [
        Info(
            "SENTRY_DSN is not set: errors are only written to the logs.",
            hint="Set SENTRY_DSN to have errors of the web servers and the scheduler reported to Sentry.",
            id="core.I003",
        )
    ]


@register("core", deploy=True)
def scheduler_runs(app_configs=None, **kwargs):
    from django.db import DatabaseError
    from django.utils import timezone

    from . import scheduler

    try:
        last = scheduler.last_run()
        stale = scheduler.is_stale()
    except DatabaseError:  # not migrated yet: nothing can have run
        return []
    hint = (
        "Run `manage.py run_scheduled_jobs --loop` (compose's scheduler service) or call "
        "`manage.py run_scheduled_jobs` from cron every minute, and read its log."
    )
    if last is None:
        return [
            Warning(
                "The scheduled jobs have never run: e-mails wait in the outbox, scheduled pages never go "
                "live and personal data is never purged.",
                hint=hint,
                id="core.W003",
            )
        ]
    if stale:
        minutes = int((timezone.now() - last).total_seconds() // 60)
        return [
            Warning(
                f"The scheduled jobs last ran {minutes} minutes ago (more than SCHEDULER_STALE_AFTER, "
                f"{settings.SCHEDULER_STALE_AFTER // 60} minutes): the scheduler has stopped.",
                hint=hint,
                id="core.W004",
            )
        ]
    return []
