"""Previewing a new page once autosave has created it. The "add page" form's preview (the panel, "Preview
in new tab") may still post that form to the preview of a page being added, whose slug the autosaved
page now holds: the preview shows the form's page, in every language, and the autosaved page stays."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from publishing.models import ArticlePage, NewsIndexPage

from .test_autosave_retry import JSON, add_url, new_article_data

pytestmark = pytest.mark.django_db


def preview_on_add_url():
    parent = NewsIndexPage.objects.get()
    return reverse("wagtailadmin_pages:preview_on_add", args=["publishing", "articlepage", parent.pk])


def test_the_add_forms_preview_works_after_autosave_created_the_page(admin_client, forget_cached_site_roots):
    data = new_article_data(admin_client, title="Statement on Lakeland")
    response = admin_client.post(add_url(), data, **JSON)  # autosave creates the page
    assert response.status_code == 200 and response.json()["success"]
    autosaved = Page.objects.get(pk=response.json()["pk"])

    data.update({"title": "Statement on Lakeland, revised", "title_en": "Statement on Lakeland, revised"})
    response = admin_client.post(preview_on_add_url(), data)  # the panel sends the form
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    for mode in ("en", "ar"):
        response = admin_client.get(preview_on_add_url(), {"mode": mode})  # the panel's iframe, a new tab
        assert response.status_code == 200, (mode, response.content.decode()[:2000])
        assert "Statement on Lakeland, revised" in response.content.decode()

    # Previewing wrote nothing: the autosaved page is still there, holding its slug, and still edits.
    assert ArticlePage.objects.filter(slug_en="statement-on-lakeland").get().pk == autosaved.pk
    edit = reverse("wagtailadmin_pages:edit", args=[autosaved.pk])
    assert admin_client.get(edit).status_code == 200


def test_a_slug_another_page_holds_still_makes_the_preview_unavailable(admin_client, forget_cached_site_roots):
    response = admin_client.post(add_url(), new_article_data(admin_client))  # "Save draft", on purpose
    assert response.status_code == 302
    response = admin_client.post(preview_on_add_url(), new_article_data(admin_client))
    assert response.status_code == 200 and response.json()["is_valid"] is False
    response = admin_client.get(preview_on_add_url())
    assert response.status_code == 200  # Wagtail's "preview not available" page, not an error
