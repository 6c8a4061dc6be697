"""The admin in each of the six languages: the strings that came from elsewhere (wagtail-modeltranslation's
language toggles, the names of the staff groups and of the review workflow, Wagtail's yes/no cells) read
in the staff member's language too."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile

from members.models import MemberOrganisation

pytestmark = pytest.mark.django_db

# language: (the toggles' label, Editors, Moderators approval, yes, no)
EXPECTED = {
    "fr": ("Afficher / modifier les champs en", "Rédacteurs", "Approbation des modérateurs", "Oui", "Non"),
    "es": ("Ver / editar los campos en", "Editores", "Aprobación de los moderadores", "Sí", "No"),
    "ar": ("عرض / تعديل الحقول باللغة", "المحررون", "موافقة المشرفين", "نعم", "لا"),
    "zh-hans": ("查看/编辑以下语言的字段", "编辑", "审核员批准", "是", "否"),
    "ru": ("Просмотр / правка полей на языке", "Редакторы", "Утверждение модераторами", "Да", "Нет"),
}


def speaking(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", EXPECTED)
def test_the_page_editor_speaks_the_staff_members_language(client, staff_editor, language):
    toggles, _editors, workflow, _yes, _no = EXPECTED[language]
    speaking(client, staff_editor, language)
    page = Page.objects.get(depth=2).get_children().first()
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content, "html.parser")
    settings = json.loads(soup.find(id="icrtop-modeltranslation").string)
    assert settings["viewEditString"] == toggles
    assert settings["languages"] == ["en", "fr", "es", "ar", "zh-hans", "ru"]
    menu = soup.select_one('button[name="action-submit"]').get_text(" ", strip=True)
    assert workflow in menu and "Moderators approval" not in menu
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert workflow in home and "Moderators approval" not in home


@pytest.mark.parametrize("language", EXPECTED)
def test_group_names_and_yes_no_columns_are_translated(client, superuser, language):
    _toggles, editors, _workflow, yes, no = EXPECTED[language]
    speaking(client, superuser, language)
    html = client.get(reverse("wagtailusers_users:add")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    labels = [box.find_parent("label").get_text(" ", strip=True) for box in soup.select('input[name="groups"]')]
    assert any(label.startswith(editors + " — ") for label in labels), labels
    assert not any(label.startswith("Editors") for label in labels)

    MemberOrganisation.objects.filter(pk=MemberOrganisation.objects.order_by("pk").first().pk).update(
        on_steering_committee=True
    )
    listing = client.get(reverse(MemberOrganisation.snippet_viewset.get_url_name("list"))).content.decode()
    cells = [td.get_text(" ", strip=True) for td in BeautifulSoup(listing, "html.parser").select("tbody td")]
    assert yes in cells and no in cells
    assert not {"True", "False"} & set(cells)
    assert 'title="True"' not in listing and 'title="False"' not in listing
