"""The scheduled jobs (core.scheduler, manage.py run_scheduled_jobs): a scheduled page goes live and an
expired one goes offline by themselves, each job runs at most once per interval however many
schedulers run, a failing job is recorded without stopping the others, and the admin's dashboard says
when the scheduler last ran (and warns when it has stopped)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import scheduler
from core.models import ScheduledJob
from publishing.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

ONLY_PUBLISHING = {"publish_scheduled": 60}


@pytest.fixture
def scheduled_article(forget_cached_site_roots):
    page = ArticlePage(
        title="Statement on Lakeland",
        slug="statement-on-lakeland",
        date=datetime.date(2026, 3, 2),
        live=False,
    )
    NewsIndexPage.objects.get().add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    revision = page.save_revision()
    revision.publish()  # scheduled: approved_go_live_at set, the page stays offline
    page.refresh_from_db()
    assert not page.live
    return page, revision


def test_a_scheduled_page_goes_live_and_an_expired_one_goes_offline(client, settings, scheduled_article):
    settings.SCHEDULED_JOBS = ONLY_PUBLISHING
    page, revision = scheduled_article
    assert client.get("/en/news/statement-on-lakeland/").status_code == 404
    call_command("run_scheduled_jobs", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live  # not yet its time

    # A minute later: the go-live time has passed.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    ScheduledJob.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=2))
    call_command("run_scheduled_jobs", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    assert client.get("/en/news/statement-on-lakeland/").status_code == 200

    ArticlePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    ScheduledJob.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=2))
    call_command("run_scheduled_jobs", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/en/news/statement-on-lakeland/").status_code == 404


def test_a_job_runs_once_per_interval_however_many_schedulers_run(settings, monkeypatch):
    settings.SCHEDULED_JOBS = {"send_pending_mail": 300, "purge_personal_data": 86400}
    calls = []
    monkeypatch.setattr(scheduler, "call_command", lambda name, **kw: calls.append(name))
    now = timezone.now()
    assert scheduler.run_due_jobs(now) == {"send_pending_mail": True, "purge_personal_data": True}
    # A second scheduler at the same moment (cron beside the loop), then one a minute later: nothing due.
    assert scheduler.run_due_jobs(now) == {}
    assert scheduler.run_due_jobs(now + datetime.timedelta(minutes=1)) == {}
    assert calls == ["send_pending_mail", "purge_personal_data"]
    # Five minutes on, the outbox is due again, the retention purge not before tomorrow.
    assert scheduler.run_due_jobs(now + datetime.timedelta(minutes=5, seconds=1)) == {"send_pending_mail": True}
    assert calls == ["send_pending_mail", "purge_personal_data", "send_pending_mail"]


def test_a_job_another_scheduler_is_running_is_not_started_twice(settings):
    settings.SCHEDULED_JOBS = {"send_pending_mail": 60}
    now = timezone.now()
    assert scheduler.claim("send_pending_mail", 60, now)  # running, not finished
    later = now + datetime.timedelta(minutes=5)
    assert not scheduler.claim("send_pending_mail", 60, later)
    # A claim left by a process that died is taken over after an hour.
    assert scheduler.claim("send_pending_mail", 60, now + scheduler.STALE_CLAIM + datetime.timedelta(seconds=1))


def test_a_failing_job_is_recorded_and_the_others_still_run(settings, monkeypatch):
    settings.SCHEDULED_JOBS = {"send_pending_mail": 300, "purge_personal_data": 86400}

    def command(name, **kwargs):
        if name == "send_pending_mail":
            raise ConnectionRefusedError("mail server down")
        kwargs["stdout"].write("ok")

    monkeypatch.setattr(scheduler, "call_command", command)
    assert scheduler.run_due_jobs() == {"send_pending_mail": False, "purge_personal_data": True}
    failed = ScheduledJob.objects.get(name="send_pending_mail")
    assert failed.succeeded is False and "mail server down" in failed.output and failed.finished_at
    assert ScheduledJob.objects.get(name="purge_personal_data").succeeded is True


def test_last_run_and_staleness(settings, monkeypatch):
    settings.SCHEDULED_JOBS = {"send_pending_mail": 300}
    monkeypatch.setattr(scheduler, "call_command", lambda name, **kw: None)
    assert scheduler.last_run() is None and scheduler.is_stale()
    scheduler.run_due_jobs()
    last = scheduler.last_run()
    assert last is not None and timezone.now() - last < datetime.timedelta(seconds=5)
    assert not scheduler.is_stale()
    assert scheduler.is_stale(now=last + datetime.timedelta(minutes=16))
    scheduler.run_due_jobs()  # nothing due, but the scheduler did run
    assert scheduler.last_run() > last


def test_the_dashboard_says_when_the_scheduler_last_ran_and_warns_when_it_stopped(admin_client, settings, monkeypatch):
    settings.SCHEDULED_JOBS = {"send_pending_mail": 300}
    monkeypatch.setattr(scheduler, "call_command", lambda name, **kw: None)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "The scheduler has never run" in html

    scheduler.run_due_jobs()
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Scheduled jobs" in html and "Last run:" in html
    assert "has not run" not in html and "never run" not in html

    ScheduledJob.objects.update(checked_at=timezone.now() - datetime.timedelta(minutes=20))
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "The scheduler has not run for more than 15 minutes" in html
