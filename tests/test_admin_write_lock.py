"""Two admin posts that write one page run one after the other (``SerializedPageWritesMiddleware``).

Wagtail's autosave posts the page form in the background; a click on "Publish" during an autosave
sent two writes of the same page at once, and the loser of the race answered 500 (two new pages for
one place in the tree, or the same signatory row saved twice). While an admin post writes a page, the
page's row (the parent's, for a new page) is locked: a second writer, here a connection of its own
asking for that lock without waiting, is refused until the first has finished."""

import threading

import pytest
from django.db import OperationalError, connection, connections
from django.urls import reverse
from wagtail import hooks

from publishing.models import ArticlePage, NewsIndexPage

from .admin_form_data import page_form_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SQLite's transactions lock the file)"),
]


def locked_elsewhere(page_id):
    """Whether another connection would have to wait to write ``page_id``'s row."""
    result = {}

    def attempt():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT id FROM wagtailcore_page WHERE id = %s FOR UPDATE NOWAIT", [page_id])
            result["locked"] = False
        except OperationalError:  # "could not obtain lock on row"
            result["locked"] = True
        finally:
            connections["default"].close()

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(timeout=30)
    return result.get("locked")


def test_a_new_page_locks_its_parent_while_it_is_written(admin_client):
    index = NewsIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", index.pk])
    data = page_form_data(admin_client, url, ArticlePage())
    data.update({"title": "Locked statement", "title_en": "Locked statement", "slug_en": "locked-statement"})
    data.update({"date": "2026-03-02", "action-publish": "action-publish"})
    seen = []
    with hooks.register_temporarily(
        "before_create_page", lambda request, parent, model: seen.append(locked_elsewhere(parent.pk))
    ):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert seen == [True]
    assert ArticlePage.objects.get(slug_en="locked-statement").live


def test_an_edit_locks_its_page_while_it_is_written(admin_client):
    page = NewsIndexPage.objects.get()  # a page another connection can see (the test's own are uncommitted)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form_data(admin_client, url, page)
    data["title_en"] = "News and statements, revised"
    seen = []
    with hooks.register_temporarily("before_edit_page", lambda request, page: seen.append(locked_elsewhere(page.pk))):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert seen == [True]
    page.refresh_from_db()
    assert page.draft_title == "News and statements, revised"
