"""No staff notification is dropped: without an office address or ENGAGEMENT_NOTIFY_EMAILS, the forms'
notifications go to the Membership staff, then to the superusers with an address; ``check --deploy``
warns when nobody would be told; the dashboard shows the applications and messages waiting, only to
the staff allowed to see them."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from engagement.checks import staff_notifications_have_a_recipient
from engagement.models import ContactMessage, MembershipApplication
from offices.models import Office

from .engagement_helpers import application_data, contact_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nobody_configured(settings):
    """The initial content's state: no office address, no ENGAGEMENT_NOTIFY_EMAILS."""
    settings.ENGAGEMENT_NOTIFY_EMAILS = []
    assert not Office.objects.exclude(email="").exists()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(url, data):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 303
        return [message for message in mail.outbox[before:] if message.to != [data["email"]]]

    return post


def membership_officer(django_user_model, email="officer@example.org"):
    user = django_user_model.objects.create_user("officer", email, "a-long-test-password")
    user.groups.add(Group.objects.get(name="Membership staff"))
    return user


def test_without_any_address_the_superusers_are_told(client, send, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    django_user_model.objects.create_superuser("nomail", "", "a-long-test-password")
    (to_staff,) = send("/en/contact/write/", contact_data(client))
    assert to_staff.to == ["root@example.org"]
    (to_staff,) = send("/en/join/", application_data(client))
    assert to_staff.to == ["root@example.org"]


def test_the_membership_staff_come_before_the_superusers(client, send, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    membership_officer(django_user_model)
    (to_staff,) = send("/en/contact/write/", contact_data(client))
    assert to_staff.to == ["officer@example.org"]


def test_the_configured_addresses_come_first(client, send, settings, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    settings.ENGAGEMENT_NOTIFY_EMAILS = ["staff@example.org"]
    (to_staff,) = send("/en/join/", application_data(client))
    assert to_staff.to == ["staff@example.org"]


def test_an_office_address_takes_the_contact_messages(client, send, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    office = Office.objects.get(city="New York")
    office.email = "newyork@example.org"
    office.save()
    (to_staff,) = send("/en/contact/write/", contact_data(client, office=str(office.pk)))
    assert to_staff.to == ["newyork@example.org"]


def test_the_deploy_check_warns_when_nobody_would_be_told(django_user_model, settings):
    django_user_model.objects.create_superuser("nomail", "", "a-long-test-password")
    (warning,) = staff_notifications_have_a_recipient()
    assert warning.id == "engagement.W001" and "Nobody would be told" in warning.msg
    with pytest.raises(SystemCheckError, match="engagement.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "engagement")

    membership_officer(django_user_model)
    assert staff_notifications_have_a_recipient() == []
    settings.ENGAGEMENT_NOTIFY_EMAILS = ["staff@example.org"]
    django_user_model.objects.filter(username="officer").update(is_active=False)
    assert staff_notifications_have_a_recipient() == []


def test_the_dashboard_shows_what_waits_for_the_staff_allowed_to_see_it(client, django_user_model):
    MembershipApplication.objects.create(organisation_name="A", email="a@example.org", country="SN")
    MembershipApplication.objects.create(organisation_name="B", email="b@example.org", country="SN")
    MembershipApplication.objects.create(
        organisation_name="C", email="c@example.org", country="SN", status="under_review"
    )
    MembershipApplication.objects.create(organisation_name="D", email="d@example.org", country="SN", status="declined")
    ContactMessage.objects.create(name="S", email="s@example.org", subject="Q", message="?")
    ContactMessage.objects.create(name="T", email="t@example.org", subject="R", message="!", status="answered")

    client.force_login(membership_officer(django_user_model))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    applications = reverse("wagtailsnippets_engagement_membershipapplication:list")
    messages = reverse("wagtailsnippets_engagement_contactmessage:list")
    assert "Waiting for staff" in html
    assert f'<a href="{applications}?status=received">New applications</a></th>\n        <td>2</td>' in html
    reviewed = f'<a href="{applications}?status=under_review">Applications under review</a></th>'
    assert f"{reviewed}\n        <td>1</td>" in html
    assert f'<a href="{messages}?status=open">Unanswered messages</a></th>\n        <td>1</td>' in html
    assert client.get(f"{applications}?status=received").status_code == 200

    for group in ("Editors", "Moderators", "Translators"):
        user = django_user_model.objects.create_user(f"u-{group}", "", "a-long-test-password")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Waiting for staff" not in html and "New applications" not in html, group
