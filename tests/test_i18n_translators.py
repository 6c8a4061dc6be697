"""The Translators group: edit pages and records, submit page edits for moderation, never publish,
delete or reach users, groups and settings. A moderator approves, which publishes."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from members.models import MemberOrganisation, Region, Sector
from offices.models import Office
from pages.models import StandardPage

pytestmark = pytest.mark.django_db

OTHER = ("fr", "es", "ar", "zh_hans", "ru")


def about_form(intro_fr, action):
    about = StandardPage.objects.get(slug_en="about")
    # The other languages' shipped titles, slugs and intros go back as they are (as the edit form would).
    shipped = {
        f"{field}_{code}": getattr(about, f"{field}_{code}") or ""
        for field in ("title", "slug", "intro")
        for code in ("es", "ar", "zh_hans", "ru")
    }
    return nested_form_data(
        {
            **shipped,
            "title_en": "About the Coalition",
            "slug_en": "about",
            "title_fr": "À propos de la Coalition",
            "slug_fr": "a-propos",
            "intro_en": about.intro_en,
            "intro_fr": intro_fr,
            "body_en": streamfield([("paragraph", rich_text("<p>Body.</p>"))]),
            **{f"body_{code}": streamfield([]) for code in OTHER},
            action: "1",
        }
    )


def test_the_group_exists_with_exactly_the_rights_translators_need():
    group = Group.objects.get(name="Translators")
    permissions = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert {
        ("wagtailadmin", "access_admin"),
        ("members", "change_memberorganisation"),
        ("members", "change_region"),
        ("members", "change_sector"),
        ("offices", "change_office"),
        ("core", "change_topic"),
    } <= permissions
    # Nothing else but choosing (Wagtail lets every group choose documents in a chooser).
    others = {codename for _app, codename in permissions} - {
        codename
        for _app, codename in [
            ("wagtailadmin", "access_admin"),
            ("members", "change_memberorganisation"),
            ("members", "change_region"),
            ("members", "change_sector"),
            ("offices", "change_office"),
            ("core", "change_topic"),
        ]
    }
    assert all(codename.startswith("choose_") for codename in others), others
    page_rights = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert page_rights == {"change_page"}
    root = Page.get_first_root_node()
    assert group.page_permissions.get().page == root


def test_a_translator_can_open_a_page_and_sees_every_language(client, translator):
    client.force_login(translator)
    about = StandardPage.objects.get(slug_en="about")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("title_fr", "intro_ar", "intro_zh_hans", "seo_title_es", "slug_ru"):
        assert f'name="{name}"' in html
    assert 'id="body_ru"' in html  # each language's StreamField
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_publish_is_refused_submit_goes_to_moderation_and_a_moderator_publishes(client, translator, moderator):
    about = StandardPage.objects.get(slug_en="about")
    edit_url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    client.force_login(translator)

    client.post(edit_url, about_form("Qui nous sommes (brouillon).", "action-publish"))
    about.refresh_from_db()
    assert about.intro_fr != "Qui nous sommes (brouillon)."  # nothing published
    assert client.get("/fr/a-propos/").status_code == 200

    response = client.post(edit_url, about_form("Qui nous sommes.", "action-submit"))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(about.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    about.refresh_from_db()
    assert about.intro_fr != "Qui nous sommes."  # still waiting

    client.force_login(moderator)
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[about.pk, "approve", task_state.pk])
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    about.refresh_from_db()
    assert about.intro_fr == "Qui nous sommes."
    assert about.live and not about.has_unpublished_changes
    page = client.get("/fr/a-propos/")
    assert page.status_code == 200 and "Qui nous sommes." in page.content.decode()


def test_a_translator_cannot_delete_pages_even_a_draft(client, translator):
    client.force_login(translator)
    about = StandardPage.objects.get(slug_en="about")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[about.pk]))
    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=about.pk).exists()

    draft = about.add_child(instance=StandardPage(title="A draft", slug="a-draft", live=False))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 403
    assert Page.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("url", ["/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/workflows/list/"])
def test_a_translator_cannot_reach_users_groups_or_settings(client, translator, url):
    client.force_login(translator)
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].rstrip("/").endswith("/admin") or "login" not in response["Location"]


def test_a_translator_may_change_records_but_never_add_or_delete_them(translator):
    for model in (MemberOrganisation, Region, Sector, Office):
        label = f"{model._meta.app_label}.%s_{model._meta.model_name}"
        assert translator.has_perm(label % "change")
        assert not translator.has_perm(label % "add")
        assert not translator.has_perm(label % "delete")


def test_a_translator_can_edit_a_member_but_not_delete_it(client, translator):
    member = MemberOrganisation.objects.first()
    client.force_login(translator)
    client.get("/admin/")  # the admin's URLs register the snippet viewsets
    assert MemberOrganisation in get_snippet_models()
    viewset = member.snippet_viewset
    response = client.get(reverse(viewset.get_url_name("edit"), args=[member.pk]))
    assert response.status_code == 200
    assert 'name="description_fr"' in response.content.decode()
    response = client.post(reverse(viewset.get_url_name("delete"), args=[member.pk]))
    assert response.status_code in (302, 403)
    assert MemberOrganisation.objects.filter(pk=member.pk).exists()
