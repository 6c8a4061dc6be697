"""A new page that autosave created and the editor abandoned never blocks the editor's next try: the
new page takes the slug and replaces the abandoned draft. A draft saved on purpose, someone else's
draft, or one in review keeps Wagtail's "slug already in use" error."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from publishing.models import ArticlePage, NewsIndexPage

from .admin_form_data import page_form_data

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}  # what the admin's autosave script sends


def add_url():
    return reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", NewsIndexPage.objects.get().pk])


def new_article_data(client, title="Statement on Lakeland"):
    data = page_form_data(client, add_url(), ArticlePage())
    data.update({"title": title, "title_en": title, "slug": "", "slug_en": "statement-on-lakeland"})
    data["date"] = "2026-03-02"
    return data


def autosave(client):
    response = client.post(add_url(), new_article_data(client), **JSON)
    assert response.status_code == 200 and response.json()["success"], response.content[:2000]
    return Page.objects.get(pk=response.json()["pk"])


def test_retrying_a_new_page_replaces_its_own_abandoned_autosave_draft(admin_client, forget_cached_site_roots):
    abandoned = autosave(admin_client)  # the editor typed, autosave created the page, the editor left
    data = new_article_data(admin_client)
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (page,) = ArticlePage.objects.filter(slug_en="statement-on-lakeland")
    assert page.pk != abandoned.pk and page.live
    assert not Page.objects.filter(pk=abandoned.pk).exists()
    assert admin_client.get("/en/news/statement-on-lakeland/").status_code == 200


def test_the_retry_may_itself_be_an_autosave(admin_client, forget_cached_site_roots):
    first = autosave(admin_client)
    second = autosave(admin_client)
    assert second.pk != first.pk and not Page.objects.filter(pk=first.pk).exists()


def test_a_draft_saved_on_purpose_still_holds_its_slug(admin_client, forget_cached_site_roots):
    response = admin_client.post(add_url(), new_article_data(admin_client))  # "Save draft"
    assert response.status_code == 302
    response = admin_client.post(add_url(), new_article_data(admin_client))
    assert response.status_code == 200
    assert "This slug is already in use" in response.content.decode()
    assert ArticlePage.objects.filter(slug_en="statement-on-lakeland").count() == 1


def test_another_editors_abandoned_draft_still_holds_its_slug(client, django_user_model, forget_cached_site_roots):
    editors = []
    for name in ("first", "second"):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "a-long-test-password")
        user.groups.add(Group.objects.get(name="Editors"))
        editors.append(user)
    client.force_login(editors[0])
    autosave(client)
    client.force_login(editors[1])
    response = client.post(add_url(), new_article_data(client))
    assert response.status_code == 200
    assert "This slug is already in use" in response.content.decode()
    assert ArticlePage.objects.filter(slug_en="statement-on-lakeland").count() == 1
