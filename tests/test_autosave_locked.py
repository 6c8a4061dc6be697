"""An editor's tab keeps autosaving after they submit the page for moderation: the page is then locked
for them, and the background save answers 409 Conflict with the reason, never a bare 400; nothing is
saved. A click on "Save draft" still gets Wagtail's page with its message."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Revision

from pages.models import StandardPage
from tests.admin_form_data import edit_form_data

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}  # what the admin's autosave script sends


def test_autosave_of_a_page_in_moderation_answers_409_with_the_reason(client, staff_editor):
    page = StandardPage(title="Page under review", slug="page-under-review", live=False)
    Page.objects.get(depth=2).add_child(instance=page)
    page.save_revision(user=staff_editor)
    client.force_login(staff_editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client, page)  # the form as the editor's tab loaded it, before submitting
    page.get_workflow().start(page, staff_editor)
    revisions = page.revisions.count()

    data["title_en"] = "Typed after submitting"
    response = client.post(url, data, **JSON)

    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False and body["error_code"] == "locked"
    assert body["error_message"].startswith("Not autosaved: the page is locked.")
    assert "awaiting moderation" in body["error_message"]
    assert page.revisions.count() == revisions

    click = client.post(url, data, follow=True)  # "Save draft": the edit page with Wagtail's message
    assert click.status_code == 200
    assert "could not be saved as it is locked" in click.content.decode()


def test_autosave_of_an_unlocked_page_still_saves(client, staff_editor):
    page = StandardPage(title="Free page", slug="free-page", live=False)
    Page.objects.get(depth=2).add_child(instance=page)
    page.save_revision(user=staff_editor)
    client.force_login(staff_editor)
    data = edit_form_data(client, page)
    data.update({"title": "Free page, autosaved", "title_en": "Free page, autosaved"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **JSON)
    assert response.status_code == 200 and response.json()["success"] is True
    saved = Revision.objects.get(pk=response.json()["revision_id"])
    assert saved.object_id == str(page.pk) and saved.as_object().title == "Free page, autosaved"
