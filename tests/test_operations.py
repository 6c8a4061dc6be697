"""Production operations (docs/operations.md): sample commands refuse the live site unless the
operator types its host name; the project's deploy checks; errors reported without personal data,
JSON logs, metrics never public."""

import datetime
import io
import json
import logging
import sys
from unittest import mock

import pytest
import sentry_sdk
from django.contrib.auth.models import User
from django.core.checks import WARNING
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from sentry_sdk.transport import Transport

from core import checks
from core.models import ScheduledJob
from icrtop import observability
from members.models import MemberOrganisation
from publishing.models import CrisisPage

pytestmark = pytest.mark.django_db

PRODUCTION = override_settings(
    SETTINGS_MODULE="icrtop.settings.production", ALLOWED_HOSTS=["www.icrtop.org", "icrtop.org"]
)


# --- guard rails on sample commands ----------------------------------------------------------


@PRODUCTION
@pytest.mark.parametrize("forced", [None, "localhost", "icrtop.org"])
def test_sample_content_is_refused_on_the_live_site_without_its_host_name(forced):
    args = [f"--i-know-this-is-production={forced}"] if forced else []
    with pytest.raises(CommandError, match="Refusing to create sample content under the production settings"):
        call_command("make_sample_content", "--count", "1", *args, stdout=io.StringIO())
    with pytest.raises(CommandError, match="Refusing to remove sample content") as refused:
        call_command("make_sample_content", "--delete", *args, stdout=io.StringIO())
    # A removal is refused for what it deletes, not for something visitors would see.
    assert "visitors would see" not in str(refused.value)
    assert "deletes every page and record marked as sample from the live site's database" in str(refused.value)
    assert not CrisisPage.objects.samples().exists()


@PRODUCTION
def test_sample_content_runs_on_production_settings_when_forced_with_the_host_name():
    out = io.StringIO()
    call_command("make_sample_content", "--delete", "--i-know-this-is-production=WWW.icrtop.org", stdout=out)
    assert "sample item(s) removed" in out.getvalue()


@PRODUCTION
@pytest.mark.parametrize("forced", [None, "example.org"])
def test_sample_members_are_refused_on_the_live_site_without_its_host_name(forced):
    args = [f"--i-know-this-is-production={forced}"] if forced else []
    with pytest.raises(CommandError, match="Refusing to create sample organisations under the production"):
        call_command("make_sample_members", "2", *args, stdout=io.StringIO())
    with pytest.raises(CommandError, match="Refusing to delete sample organisations .*: it deletes every organisation"):
        call_command("make_sample_members", "--delete", *args, stdout=io.StringIO())
    assert not MemberOrganisation.objects.samples().exists()


@PRODUCTION
def test_sample_members_run_on_production_settings_when_forced_with_the_host_name():
    call_command("make_sample_members", "2", "--i-know-this-is-production=www.icrtop.org", stdout=io.StringIO())
    assert MemberOrganisation.objects.samples().count() == 2


# --- manage.py check --deploy: one test per message ---------------------------------------


def ids(messages):
    return [message.id for message in messages]


@pytest.mark.parametrize(
    "key, says",
    [
        ("dev-only-insecure-key-do-not-use-in-production-0123456789abcdefgh", "development, test or build-time"),
        ("s3cr3t-but-short", "shorter than 50 characters"),
    ],
)
def test_a_default_or_short_secret_key_is_an_error(key, says):
    with override_settings(SECRET_KEY=key):
        [message] = checks.secret_key()
    assert message.id == "core.E001" and says in message.msg and "token_urlsafe" in message.hint
    with override_settings(SECRET_KEY="x" * 30 + "Zq9-" * 10):
        assert checks.secret_key() == []


@pytest.mark.parametrize("hosts", [[], ["*"]])
def test_missing_or_wildcard_allowed_hosts_is_an_error(hosts):
    with override_settings(ALLOWED_HOSTS=hosts):
        [message] = checks.allowed_hosts()
    assert message.id == "core.E002" and "ALLOWED_HOSTS is empty or '*'" in message.msg
    with override_settings(ALLOWED_HOSTS=["www.icrtop.org"]):
        assert checks.allowed_hosts() == []


def test_a_mail_backend_that_sends_nothing_is_a_warning():
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"):
        [message] = checks.mail_server()
    assert message.id == "core.W001" and "No e-mail is sent: EMAIL_BACKEND prints e-mails to the log" in message.msg
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="smtp.example.org"):
        assert checks.mail_server() == []


def test_no_mail_server_configured_is_a_warning(monkeypatch):
    """Production without EMAIL_URL (nor EMAIL_HOST): Django's default, SMTP on localhost:25, which no
    container runs."""
    monkeypatch.delenv("EMAIL_URL", raising=False)
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="localhost", EMAIL_PORT=25):
        [message] = checks.mail_server()
    assert message.id == "core.W005" and "No mail server is configured (EMAIL_URL is not set)" in message.msg
    assert message.level == WARNING


def test_smtp_on_this_machine_is_noted(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "localhost")  # chosen: an SMTP server of the operator's on this machine
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="localhost", EMAIL_PORT=25):
        [message] = checks.mail_server()
    assert message.id == "core.I001" and "SMTP server on this machine (localhost:25)" in message.msg


def test_a_cache_in_each_process_memory_is_a_warning():
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=local):
        [message] = checks.shared_cache()
    assert message.id == "core.W002" and "every gunicorn worker and the scheduler keep their own" in message.msg
    assert checks.shared_cache() == []  # the test settings' disk cache is shared by the machine's processes


def test_s3_media_without_a_bucket_is_an_error():
    storages = {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {}}}
    with override_settings(STORAGES=storages):
        [message] = checks.media_storage()
    assert message.id == "core.E003" and "no bucket is named" in message.msg
    storages["default"]["OPTIONS"]["bucket_name"] = "icrtop-media"
    with override_settings(STORAGES=storages):
        assert checks.media_storage() == []


def test_a_media_folder_that_cannot_be_written_is_an_error(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with override_settings(MEDIA_ROOT=str(tmp_path / "a-file" / "media")):
        [message] = checks.media_storage()
    assert message.id == "core.E004" and "cannot be written" in message.msg
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        assert checks.media_storage() == []


def test_media_left_to_a_proxy_is_noted(tmp_path):
    with override_settings(MEDIA_ROOT=str(tmp_path), SERVE_MEDIA=False):
        [message] = checks.media_storage()
    assert message.id == "core.I002" and "a proxy in front of the site must serve /media/" in message.msg


def test_no_sentry_is_only_noted():
    with override_settings(SENTRY_DSN=""):
        [message] = checks.error_reporting()
    assert message.id == "core.I003" and message.level < 30  # INFO: never fails --fail-level WARNING
    with override_settings(SENTRY_DSN="https://key@sentry.example.org/1"):
        assert checks.error_reporting() == []


def ran_jobs(ago):
    ScheduledJob.objects.update_or_create(name="send_pending_mail", defaults={"checked_at": timezone.now() - ago})


def test_a_scheduler_that_never_ran_is_a_warning():
    ScheduledJob.objects.all().delete()
    [message] = checks.scheduler_runs()
    assert message.id == "core.W003" and "The scheduled jobs have never run" in message.msg
    assert "run_scheduled_jobs --loop" in message.hint


def test_a_stopped_scheduler_is_a_warning():
    ran_jobs(datetime.timedelta(hours=2))
    with override_settings(SCHEDULER_STALE_AFTER=15 * 60):
        [message] = checks.scheduler_runs()
        assert message.id == "core.W004" and "last ran 120 minutes ago" in message.msg
        ran_jobs(datetime.timedelta(minutes=1))
        assert checks.scheduler_runs() == []


# --- /healthz: database, cache, scheduler ---------------------------------------------------


def test_healthz_is_ok_when_every_part_is(client):
    ran_jobs(datetime.timedelta(seconds=5))
    for address in ("/healthz", "/healthz?strict=1"):
        response = client.get(address)
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        assert {k: v for k, v in response.json().items() if k != "ms"} == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "scheduler": "ok",
        }  # nothing else: no versions, hosts or secrets


@pytest.mark.parametrize("state, ago", [("never", None), ("stale", datetime.timedelta(hours=1))])
def test_healthz_says_when_the_scheduler_is_not_running(client, state, ago):
    ScheduledJob.objects.all().delete()
    if ago:
        ran_jobs(ago)
    response = client.get("/healthz")
    assert response.status_code == 200  # visitors are still served: proxies keep this server
    assert (response.json()["status"], response.json()["scheduler"]) == ("degraded", state)
    assert client.get("/healthz?strict=1").status_code == 503  # monitoring is told


def test_healthz_says_when_the_nightly_backup_is_missing_failed_or_old(client, settings, tmp_path):
    """Where backups are expected (compose: BACKUP_MAX_AGE_HOURS), a failed or missing nightly backup is
    seen by monitoring, not only in a container's log (the operator walk)."""
    ran_jobs(datetime.timedelta(seconds=5))
    assert "backup" not in client.get("/healthz").json()  # make run: no backup expected
    settings.BACKUP_MAX_AGE_HOURS = 26

    def state():
        response = client.get("/healthz?strict=1")
        return response.status_code, response.json()["backup"]

    assert state() == (503, "never")
    call_command("backup_site", output=str(tmp_path / "ok.tar.gz"), stdout=io.StringIO())
    assert state() == (200, "ok")
    with pytest.raises(CommandError):
        call_command("backup_site", "--upload", bucket="", output=str(tmp_path / "no.tar.gz"), stdout=io.StringIO())
    assert state() == (503, "failed")
    call_command("backup_site", output=str(tmp_path / "ok2.tar.gz"), stdout=io.StringIO())
    ScheduledJob.objects.filter(name="backup_site").update(finished_at=timezone.now() - datetime.timedelta(hours=27))
    assert state() == (503, "stale")


def test_healthz_says_when_the_cache_is_down(client):
    ran_jobs(datetime.timedelta(seconds=5))
    with mock.patch("icrtop.views.cache_works", return_value=False):
        response = client.get("/healthz")
        assert response.status_code == 200 and response.json()["cache"] == "unavailable"
        assert response.json()["status"] == "degraded"
        assert client.get("/healthz?strict=1").status_code == 503


def test_healthz_says_503_when_the_database_is_down_even_for_the_proxies(client):
    with mock.patch("icrtop.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "detail": "OperationalError"}
    # Varnish's probe asks only whether the server answers: visitors then get the site's own 503 page.
    with mock.patch("icrtop.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz?live=1")
    assert response.status_code == 200 and response.json() == {"status": "live"}


@pytest.fixture
def health_log(monkeypatch, caplog):
    """A fresh record of this process's health state, and every log line of the health check,
    Django's request logger included (it does not propagate to the root logger caplog listens on)."""
    from icrtop import views

    monkeypatch.setattr(views, "health_log", views.HealthTransitions())
    request_logger = logging.getLogger("django.request")
    request_logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO)
    yield caplog
    request_logger.removeHandler(caplog.handler)


def poll(client, times, address="/healthz?strict=1"):
    return {client.get(address).status_code for _ in range(times)}


def test_a_failing_health_check_is_logged_once_when_it_changes_not_at_every_poll(client, health_log):
    """Monitoring asks /healthz?strict=1 every 30 s: a failure gives one WARNING naming what failed,
    one INFO line when it is over, never an ERROR per poll (Django's request logger, then Sentry)."""
    ran_jobs(datetime.timedelta(seconds=5))
    assert poll(client, 2) == {200}
    with mock.patch("icrtop.views.cache_works", return_value=False):
        assert poll(client, 5) == {503}
        assert poll(client, 2, "/healthz") == {200}  # Docker's health check: degraded, still served
    assert poll(client, 3) == {200}
    # The view closes a lost connection; here that would end the test's own transaction (PostgreSQL).
    with (
        mock.patch("icrtop.views.connection.cursor", side_effect=OperationalError("down")),
        mock.patch("icrtop.views.connection.close"),
    ):
        assert poll(client, 4, "/healthz") == {503}
    assert poll(client, 1) == {200}

    assert not [r.getMessage() for r in health_log.records if r.levelno >= logging.ERROR]
    assert [(r.levelname, r.getMessage()) for r in health_log.records if r.name == "icrtop.health"] == [
        ("WARNING", "Health check failing: cache unavailable"),
        ("INFO", "Health check ok again (was: cache unavailable)"),
        ("WARNING", "Health check failing: database unavailable (OperationalError)"),
        ("INFO", "Health check ok again (was: database unavailable (OperationalError))"),
    ]


def test_a_failing_health_check_sends_sentry_no_event_per_poll(client, health_log, monkeypatch):
    """Sentry's Django integration ignores django.request's lines; the health check's own line is a
    WARNING (a breadcrumb), never an event: a failing check polled every 30 s sends Sentry nothing."""
    kept = KeptEvents()
    init = sentry_sdk.init
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: init(transport=kept, **options))
    observability.init_sentry("https://key@sentry.example.invalid/1", environment="test")
    ScheduledJob.objects.all().delete()  # the scheduler never ran
    try:
        assert poll(client, 4) == {503}
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.init()  # no DSN: reporting off again for the other tests
    assert kept.events == []
    assert [r.getMessage() for r in health_log.records if r.name == "icrtop.health"] == [
        "Health check failing: scheduler never"
    ]


# --- errors, logs and metrics --------------------------------------------------------------

VISITOR = {"email": "amina@example.org", "ip": "203.0.113.7", "ipv6": "2001:db8::1"}


def sentry_event():
    """An event as Sentry's Django integration builds it for a failing form post."""
    return {
        "message": f"Could not send to {VISITOR['email']}",
        "request": {
            "url": "https://www.icrtop.org/en/contact/",
            "method": "POST",
            "data": {"name": "Amina", "email": VISITOR["email"], "message": "Please call me"},
            "query_string": f"email={VISITOR['email']}",
            "cookies": {"sessionid": "abc", "csrftoken": "def"},
            "headers": {"Cookie": "sessionid=abc", "X-Forwarded-For": VISITOR["ip"], "Accept-Language": "fr"},
            "env": {"REMOTE_ADDR": VISITOR["ip"]},
        },
        "user": {"id": 7, "ip_address": VISITOR["ip"], "email": VISITOR["email"]},
        "exception": {"values": [{"value": f"SMTP refused {VISITOR['email']} from {VISITOR['ipv6']}"}]},
        "breadcrumbs": {"values": [{"message": f"login from {VISITOR['ip']}"}]},
    }


def assert_no_personal_data(event):
    text = json.dumps(event)
    for value in [*VISITOR.values(), "Amina", "Please call me", "sessionid", "csrftoken"]:
        assert value not in text


def test_the_scrubber_removes_form_fields_addresses_ips_and_cookies():
    event = observability.scrub_event(sentry_event())
    assert_no_personal_data(event)
    assert event["request"]["url"] == "https://www.icrtop.org/en/contact/"  # where it happened stays
    assert event["request"]["headers"] == {"Accept-Language": "fr"}
    assert event["user"] == {"id": 7}
    assert "SMTP refused [Filtered] from [Filtered]" in event["exception"]["values"][0]["value"]
    assert observability.scrub_text("sent at 12:30:45 to 10.0.0.1") == "sent at 12:30:45 to [Filtered]"


class KeptEvents(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        if envelope.get_event() is not None:
            self.events.append(envelope.get_event())


def test_sentry_reports_an_error_without_personal_data(monkeypatch):
    kept = KeptEvents()
    init = sentry_sdk.init
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: init(transport=kept, **options))
    observability.init_sentry("https://key@sentry.example.invalid/1", environment="test")
    try:
        logging.getLogger("engagement").error("Could not send the confirmation to %s", VISITOR["email"])
        try:
            applicant = VISITOR["email"]  # noqa: F841 - a local variable Sentry would show
            raise ValueError(f"bad address {VISITOR['email']} from {VISITOR['ip']}")
        except ValueError:
            sentry_sdk.capture_exception(sys.exc_info())
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.init()  # no DSN: reporting off again for the other tests
    assert len(kept.events) == 2
    for event in kept.events:
        assert_no_personal_data(event)
    assert "Could not send the confirmation to [Filtered]" in json.dumps(kept.events[0])


def test_json_logs_are_one_object_per_line():
    record = logging.LogRecord("icrtop.cache", logging.WARNING, __file__, 1, "Cache %r unavailable", ("default",), None)
    line = observability.JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING" and entry["logger"] == "icrtop.cache"
    assert entry["message"] == "Cache 'default' unavailable" and entry["time"].endswith("+00:00")


def assert_not_found(response):
    # LocaleMiddleware sends a 404 without a language prefix on to /en/metrics/, the site's 404 page.
    assert response.status_code == 404 and b"# TYPE" not in response.content


def test_metrics_are_not_public(client):
    assert_not_found(client.get("/metrics", follow=True))  # off: no METRICS_TOKEN
    with override_settings(METRICS_TOKEN="scrape-token-0123456789"):
        assert_not_found(client.get("/metrics", follow=True))
        assert_not_found(client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", follow=True))
        response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-0123456789")
        assert response.status_code == 200 and b"# TYPE" in response.content
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def page_cache_counts(client, token):
    """The page cache's counts in a scrape of /metrics: {"hit": n, "miss": n}, and every label set seen."""
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()
    lines = [line for line in text.splitlines() if line.startswith("icrtop_page_cache_requests_total{")]
    labels = {line.split("{", 1)[1].split("}", 1)[0] for line in lines}
    counts = {line.split('result="', 1)[1].split('"', 1)[0]: float(line.split()[-1]) for line in lines}
    return counts, labels


def test_metrics_count_page_cache_hits_and_misses_and_nothing_per_page(client, settings):
    """An operator sees the page cache's hit ratio: hit and miss counts, one label, no address."""
    settings.SITECACHE_PAGE_CACHE = True
    settings.METRICS_TOKEN = token = "scrape-token-0123456789"
    before, _ = page_cache_counts(client, token)
    for path in ("/en/", "/en/", "/en/", "/fr/", "/en/about/"):
        assert client.get(path).status_code == 200
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "a-long-test-password"))
    client.get("/en/")  # a signed-in editor never goes through the page cache: not counted
    after, labels = page_cache_counts(client, token)
    assert after["hit"] - before.get("hit", 0) == 2
    assert after["miss"] - before.get("miss", 0) == 3
    assert labels == {'result="hit"', 'result="miss"'}
