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
