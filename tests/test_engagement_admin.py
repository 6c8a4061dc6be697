"""The staff's side: who sees the personal data, the applications queue with approve / decline, the
newsletter counts and CSV export, retention and erasure."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from engagement import approval
from engagement.factories import ContactMessageFactory, MembershipApplicationFactory, SubscriberFactory
from engagement.models import ContactMessage, MembershipApplication, OutgoingMessage, Subscriber
from members.models import MemberOrganisation, Sector

pytestmark = pytest.mark.django_db

APPLICATIONS = "/admin/snippets/engagement/membershipapplication/"
MESSAGES = "/admin/snippets/engagement/contactmessage/"
SUBSCRIBERS = "/admin/snippets/engagement/subscriber/"


def user_in(django_user_model, group, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(user_in(django_user_model, "Membership staff", "membership"))
    return client


@pytest.mark.parametrize("group", ["Translators", "Editors", "Moderators"])
def test_translators_and_editors_cannot_see_applications_messages_or_subscribers(client, django_user_model, group):
    application = MembershipApplicationFactory()
    message = ContactMessageFactory()
    subscriber = SubscriberFactory()
    client.force_login(user_in(django_user_model, group, "someone"))
    assert client.get("/admin/").status_code == 200  # they can use the admin…
    dashboard = client.get("/admin/").content.decode()
    assert "Applications" not in dashboard and "Subscribers" not in dashboard
    for url in (
        APPLICATIONS,
        f"{APPLICATIONS}edit/{application.pk}/",
        MESSAGES,
        f"{MESSAGES}edit/{message.pk}/",
        SUBSCRIBERS,
        f"{SUBSCRIBERS}edit/{subscriber.pk}/",
        f"/admin/engagement/applications/{application.pk}/decide/",
        "/admin/engagement/newsletter/",
        "/admin/engagement/newsletter/en.csv",
        "/admin/engagement/erase/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (group, url, response.status_code)
        assert application.contact_name not in response.content.decode()
        assert subscriber.email not in response.content.decode()


def test_membership_staff_see_the_queue_under_the_coalition_menu_and_filter_it(staff_client):
    MembershipApplicationFactory(organisation_name="Waiting Org")
    MembershipApplicationFactory(organisation_name="Declined Org", status="declined")
    menu = staff_client.get("/admin/").content.decode()
    assert "Coalition" in menu and "Applications" in menu and "Newsletter counts and export" in menu
    everything = staff_client.get(APPLICATIONS).content.decode()
    assert "Waiting Org" in everything and "Declined Org" in everything
    received = staff_client.get(APPLICATIONS + "?status=received").content.decode()
    assert "Waiting Org" in received and "Declined Org" not in received


def test_approving_creates_the_unpublished_member_from_the_application(staff_client):
    application = MembershipApplicationFactory(
        organisation_name="Réseau Test",
        acronym="RT",
        country="SN",
        city="Dakar",
        website="https://rt.example.org",
        description="Nous travaillons.",
        language="fr",
        membership_type="supporter",
        email="contact@rt.example.org",
    )
    application.sectors.set(Sector.objects.filter(slug_en__in=["peacebuilding", "human-rights"]))
    decide = f"/admin/engagement/applications/{application.pk}/decide/"
    page = staff_client.get(decide)
    assert page.status_code == 200 and "Réseau Test" in page.content.decode()
    response = staff_client.post(decide, {"action": "approve"})
    member = MemberOrganisation.objects.get(name="Réseau Test")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/snippets/members/memberorganisation/edit/{member.pk}/"
    assert not member.live and member.slug == "reseau-test"
    assert (member.acronym, member.country.code, member.city, member.website) == (
        "RT",
        "SN",
        "Dakar",
        "https://rt.example.org",
    )
    assert member.region == application.region and member.membership_type == "supporter"
    assert member.description_fr == "Nous travaillons." and member.contact_email == "contact@rt.example.org"
    assert not member.show_contact_email
    assert set(member.sectors.values_list("slug_en", flat=True)) == {"peacebuilding", "human-rights"}
    application.refresh_from_db()
    assert application.status == "approved" and application.member == member and application.decided_at
    assert ModelLogEntry.objects.filter(action="engagement.approve", object_id=str(application.pk)).exists()
    assert member.revisions.exists()
    # Not on the public site until staff publish it.
    assert staff_client.get(f"/en/members/{member.slug}/").status_code == 404
    # Approving twice creates nothing more.
    staff_client.post(decide, {"action": "approve"})
    assert MemberOrganisation.objects.filter(name="Réseau Test").count() == 1
    history = staff_client.get(f"{APPLICATIONS}history/{application.pk}/").content.decode()
    assert "Approved: member record created" in history


def test_membership_staff_publish_the_member_they_approved(staff_client):
    application = MembershipApplicationFactory(organisation_name="Lakeland Network")
    decide = f"/admin/engagement/applications/{application.pk}/decide/"
    edit_url = staff_client.post(decide, {"action": "approve"})["Location"]
    member = MemberOrganisation.objects.get(name="Lakeland Network")
    assert edit_url == f"/admin/snippets/members/memberorganisation/edit/{member.pk}/"
    form = staff_client.get(edit_url)
    assert form.status_code == 200 and "Lakeland Network" in form.content.decode()
    data = querydict_from_html(form.content.decode(), form_id="w-editor-form")
    data["published"] = "on"  # checked in the form ("Published" defaults to yes), as a browser sends it
    data["action-publish"] = "action-publish"
    response = staff_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    member.refresh_from_db()
    assert member.live and member.published
    assert staff_client.get(f"/en/members/{member.slug}/").status_code == 200


def test_an_application_without_a_kind_of_membership_is_refused_with_a_message(staff_client):
    application = MembershipApplicationFactory(organisation_name="Typeless Org", membership_type="")
    decide = f"/admin/engagement/applications/{application.pk}/decide/"
    response = staff_client.post(decide, {"action": "approve"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == decide
    page = response.content.decode()
    assert "The member record cannot be made from this application" in page
    assert "Kind of membership: This field cannot be blank." in page
    assert not MemberOrganisation.objects.filter(name="Typeless Org").exists()
    application.refresh_from_db()
    assert application.status == "received" and application.member is None


def test_declining_records_the_reason(staff_client):
    application = MembershipApplicationFactory()
    decide = f"/admin/engagement/applications/{application.pk}/decide/"
    refused = staff_client.post(decide, {"action": "decline", "reason": ""})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    response = staff_client.post(decide, {"action": "decline", "reason": "Not an NGO."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "declined" and application.decline_reason == "Not an NGO."
    assert ModelLogEntry.objects.filter(action="engagement.decline", object_id=str(application.pk)).exists()
    assert not MemberOrganisation.objects.filter(name=application.organisation_name).exists()


def test_staff_mark_a_message_answered(staff_client):
    message = ContactMessageFactory()
    response = staff_client.post(f"{MESSAGES}edit/{message.pk}/", {"status": "answered", "staff_notes": "Replied."})
    assert response.status_code == 302, response.content.decode()[:3000]
    message.refresh_from_db()
    assert message.status == "answered" and message.subject == "A question"


def test_subscriber_counts_and_per_language_csv_export(staff_client):
    SubscriberFactory(email="=cmd|' /C calc'!A0@example.org", language="fr", status="confirmed",
                      confirmed_at=timezone.now())  # fmt: skip
    SubscriberFactory(email="lecteur@example.org", language="fr", status="confirmed", confirmed_at=timezone.now())
    SubscriberFactory(email="pending@example.org", language="fr")
    SubscriberFactory(email="reader@example.org", language="en", status="confirmed", confirmed_at=timezone.now())
    counts = staff_client.get("/admin/engagement/newsletter/").content.decode()
    assert "Français" in counts or "French" in counts
    response = staff_client.get("/admin/engagement/newsletter/fr.csv")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["email", "language", "confirmed_at"]
    emails = sorted(row[0] for row in rows[1:])
    assert emails == ["'=cmd|' /C calc'!A0@example.org", "lecteur@example.org"]  # no pending, no English
    assert staff_client.get("/admin/engagement/newsletter/xx.csv").status_code == 404


def test_retention_deletes_old_messages_declined_applications_and_stale_sign_ups(settings):
    old = timezone.now() - timedelta(days=400)
    old_message = ContactMessageFactory()
    ContactMessage.objects.filter(pk=old_message.pk).update(created_at=old)
    recent_message = ContactMessageFactory()
    old_declined = MembershipApplicationFactory(status="declined", decided_at=old)
    old_open = MembershipApplicationFactory()
    MembershipApplication.objects.filter(pk=old_open.pk).update(created_at=old)
    stale = SubscriberFactory()
    Subscriber.objects.filter(pk=stale.pk).update(created_at=old)
    confirmed = SubscriberFactory(status="confirmed")
    Subscriber.objects.filter(pk=confirmed.pk).update(created_at=old)
    sent = OutgoingMessage.objects.create(recipients="a@example.org", subject="s", body="b", sent_at=old)
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "contact messages: 1 would be deleted" in out.getvalue()
    assert ContactMessage.objects.count() == 2
    call_command("purge_personal_data", stdout=io.StringIO())
    assert list(ContactMessage.objects.all()) == [recent_message]
    assert not MembershipApplication.objects.filter(pk=old_declined.pk).exists()
    assert MembershipApplication.objects.filter(pk=old_open.pk).exists()  # undecided: kept
    assert list(Subscriber.objects.all()) == [confirmed]
    assert not OutgoingMessage.objects.filter(pk=sent.pk).exists()
    settings.RETENTION_CONTACT_MESSAGES_DAYS = 0
    call_command("purge_personal_data", stdout=io.StringIO())
    assert not ContactMessage.objects.exists()


def test_the_privacy_notice_states_the_retention_periods_really_applied(client, settings):
    settings.RETENTION_CONTACT_MESSAGES_DAYS = 123
    html = client.get("/en/privacy/").content.decode()
    assert "Messages sent through the contact form" in html and "123 days" in html
    assert client.get("/fr/confidentialite/").status_code == 200


def test_erasure_on_request_by_command_and_in_the_admin(staff_client):
    SubscriberFactory(email="person@example.org")
    ContactMessageFactory(email="Person@Example.org")
    MembershipApplicationFactory(email="person@example.org")
    ContactMessageFactory(email="other@example.org")
    OutgoingMessage.objects.create(recipients="person@example.org", subject="s", body="b")
    out = io.StringIO()
    call_command("erase_personal_data", "person@example.org", "--dry-run", stdout=out)
    assert "contact messages: 1 found" in out.getvalue()
    found = staff_client.post("/admin/engagement/erase/", {"email": "person@example.org"}).content.decode()
    assert "Found for person@example.org" in found and Subscriber.objects.exists()
    erased = staff_client.post("/admin/engagement/erase/", {"email": "person@example.org", "confirm": "on"})
    assert "Erased for person@example.org" in erased.content.decode()
    assert not Subscriber.objects.exists() and not MembershipApplication.objects.exists()
    assert list(ContactMessage.objects.values_list("email", flat=True)) == ["other@example.org"]
    assert not OutgoingMessage.objects.exists()


@pytest.mark.parametrize(
    "language, declined, approved",
    [
        ("fr", "Une demande refusée ne peut pas être approuvée.", "Une demande approuvée ne peut pas être refusée."),
        ("ru", "Отклоненную заявку нельзя одобрить.", "Одобренную заявку нельзя отклонить."),
    ],
)
def test_approval_errors_are_in_the_staff_members_language(client, django_user_model, language, declined, approved):
    from wagtail.users.models import UserProfile

    user = user_in(django_user_model, "Membership staff", f"membership-{language}")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    refused = MembershipApplicationFactory(status="declined")
    response = client.post(f"/admin/engagement/applications/{refused.pk}/decide/", {"action": "approve"}, follow=True)
    assert declined in response.content.decode()
    accepted = MembershipApplicationFactory()
    approval.approve(accepted)
    url = f"/admin/engagement/applications/{accepted.pk}/decide/"
    response = client.post(url, {"action": "decline", "reason": "x"}, follow=True)
    assert approved in response.content.decode()
