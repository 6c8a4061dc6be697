"""A moderator approves a version that goes live later: they read when it goes live, and the author's
"approved" mail says when (date, time and zone) and links to where staff can see it before then."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from pages.models import StandardPage
from tests.admin_form_data import edit_form_data

pytestmark = pytest.mark.django_db


def submitted_page(staff_editor, go_live_at, live):
    home = Page.objects.get(depth=2)
    page = StandardPage(title="Scheduled statement", slug="go-live-statement", live=False)
    home.add_child(instance=page)
    if live:
        page.save_revision(user=staff_editor).publish()
        page = StandardPage.objects.get(pk=page.pk)
        assert page.live and page.live_revision_id
    page.title = "Scheduled statement, new version"
    page.go_live_at = go_live_at
    revision = page.save_revision(user=staff_editor)
    page.get_workflow().start(page, staff_editor)
    assert revision == page.get_latest_revision()
    return page


def approve_in_editor(client, moderator, page):
    client.force_login(moderator)
    data = edit_form_data(client, page)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def messages_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".messages li")]


@pytest.mark.parametrize("live", [False, True])
def test_approving_a_scheduled_version_says_when_it_goes_live(client, moderator, staff_editor, live):
    go_live_at = (timezone.now() + datetime.timedelta(days=3)).replace(hour=14, minute=30, second=0, microsecond=0)
    page = submitted_page(staff_editor, go_live_at, live)
    profile = UserProfile.get_for_user(moderator)
    profile.current_time_zone = "Europe/Paris"
    profile.save()
    mail.outbox.clear()

    response = approve_in_editor(client, moderator, page)

    paris = timezone.localtime(go_live_at, datetime.timezone(datetime.timedelta(hours=1)))  # CET in winter
    shown = messages_of(response)
    assert any("is approved and scheduled to go live on" in m and "(Europe/Paris)" in m for m in shown), shown
    assert any(paris.strftime("%-I:%M") in m for m in shown), shown
    assert not any("has been updated" in m for m in shown), shown

    approved = [m for m in mail.outbox if m.to == [staff_editor.email]]
    assert approved, [m.subject for m in mail.outbox]
    body = approved[0].body
    assert "It is scheduled to go live on" in body and "(UTC)" in body
    edit_link = f"http://testserver{reverse('wagtailadmin_pages:edit', args=[page.pk])}"
    if live:  # the current version stays online until then: its public address works
        assert page.full_url in body and edit_link not in body
    else:  # the public address is a 404 until go-live: the mail links to the admin, where staff preview it
        assert client.get(page.url).status_code == 404
        assert edit_link in body and page.full_url not in body
        assert client.get(edit_link.removeprefix("http://testserver")).status_code == 200


def test_approving_a_version_without_a_date_says_it_is_published(client, moderator, staff_editor):
    """Not Wagtail's bare "has been updated" (the staff walk): the moderator reads that it is live."""
    page = submitted_page(staff_editor, None, live=False)
    shown = messages_of(approve_in_editor(client, moderator, page))
    assert any("is approved and published" in m for m in shown), shown
    assert not any("has been updated" in m for m in shown), shown
    body = next(m.body for m in mail.outbox if m.to == [staff_editor.email])
    assert "scheduled" not in body and page.full_url in body
