"""Settings → Users lists each user's groups, so an administrator sees every role at a glance."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_users_list_shows_each_users_groups(admin_client, django_user_model, translator):
    both = django_user_model.objects.create_user("both-roles", "b@example.org", "a-long-test-password")
    both.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    django_user_model.objects.create_user("no-group", "n@example.org", "a-long-test-password")
    html = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert "Groups" in [th.get_text(strip=True) for th in soup.select("thead th")]
    rows = {}
    for row in soup.select("tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for name in ("both-roles", "translator", "no-group"):
            if name in cells:
                rows[name] = cells
    assert "Editors, Moderators" in rows["both-roles"]
    assert "Translators" in rows["translator"]
    assert "—" in rows["no-group"]


def role_lines(html):
    """{checkbox label's group name: the text beside it} on a user form's Roles tab."""
    soup = BeautifulSoup(html, "html.parser")
    lines = {}
    for checkbox in soup.select('input[name="groups"]'):
        label = checkbox.find_parent("label")
        text = label.get_text(" ", strip=True)
        name, _dash, purpose = text.partition(" — ")
        lines[name] = purpose
    return lines


def prefer(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_the_roles_tab_says_what_each_group_is_for(admin_client, translator):
    for url in (reverse("wagtailusers_users:edit", args=[translator.pk]), reverse("wagtailusers_users:add")):
        lines = role_lines(admin_client.get(url).content.decode())
        assert lines["Editors"].startswith("Create and change pages, images and documents")
        assert lines["Moderators"].startswith("Review the changes submitted for moderation and publish them")
        assert lines["Translators"].startswith("Translate pages and records into the other languages")
        assert "(personal data)" in lines["Membership staff"]
    Group.objects.create(name="Press office")  # a group an administrator added: its name, nothing invented
    lines = role_lines(admin_client.get(reverse("wagtailusers_users:add")).content.decode())
    assert lines["Press office"] == ""


def test_the_roles_tab_and_the_users_list_speak_the_staff_members_language(admin_client, superuser, translator):
    prefer(superuser, "fr")
    lines = role_lines(admin_client.get(reverse("wagtailusers_users:edit", args=[translator.pk])).content.decode())
    assert lines["Traducteurs"].startswith("Traduisent les pages")
    assert "Modérateurs" in lines and "Rédacteurs" in lines and "Personnel chargé des adhésions" in lines
    soup = BeautifulSoup(admin_client.get(reverse("wagtailusers_users:index")).content.decode(), "html.parser")
    assert "Traducteurs" in [td.get_text(strip=True) for td in soup.select("tbody td")]
