"""Every page type previews: from a saved version ("preview this version" in the history), from the edit
form (the live preview panel and "Preview in new tab"), from the form of a page not yet created, and in
moderation review, in English and in Arabic. Pages built from a revision or a form hold their relations
in memory (modelcluster's ``FakeQuerySet``), not as querysets: what reads relations must work for both.

Every registered page type is walked with real instances: the initial content and the generated sample
content (crises with members and developments, statements with signatories and attachments, events,
resources)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Task, Workflow, get_page_models

from core.models import Topic
from publishing.models import ArticlePage, CrisisPage

from .admin_form_data import edit_form_data

pytestmark = pytest.mark.django_db

MODES = ["en", "ar"]
PER_TYPE = 3  # instances of each page type (those with the most related rows first)
PAGE_TYPES = sorted((m for m in get_page_models() if m is not Page), key=lambda m: m.__name__)


@pytest.fixture
def samples(django_db_blocker):
    call_command("make_sample_content", count=2, stdout=open("/dev/null", "w"))  # noqa: SIM115


def instances(model):
    """Up to PER_TYPE pages of ``model``, samples included, those with the most relations first."""
    pages = list(model.objects.all())
    assert pages, f"no {model.__name__} in the initial or sample content"

    def related_rows(page):
        count = 0
        for relation in page._meta.related_objects:
            if relation.related_model.__module__.startswith("wagtail."):
                continue
            accessor = relation.get_accessor_name()
            try:
                count += getattr(page, accessor).count()
            except Exception:  # noqa: BLE001, S112 - a one-to-one or odd accessor adds nothing
                continue
        for field in page._meta.many_to_many:
            count += getattr(page, field.name).count()
        return count

    return sorted(pages, key=related_rows, reverse=True)[:PER_TYPE]


def assert_preview(response, page, mode):
    assert response.status_code == 200, (type(page).__name__, page.pk, mode, response.status_code)
    html = response.content.decode()
    root = re.search(r"<html[^>]*>", html).group(0)
    assert f'lang="{mode}"' in root, (type(page).__name__, mode, root)
    assert ('dir="rtl"' in root) == (mode == "ar"), (type(page).__name__, mode, root)
    return html


def each_page(models):
    """(page type name, page) for up to PER_TYPE pages of each of ``models``."""
    return [(model.__name__, page) for model in models for page in instances(model)]


def test_every_page_type_previews_from_a_saved_version_in_english_and_arabic(admin_client, superuser, samples):
    """ "Preview this version" in the page's history."""
    for _name, page in each_page(PAGE_TYPES):
        revision = page.save_revision(user=superuser)
        url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])
        for mode in MODES:
            assert_preview(admin_client.get(url, {"mode": mode}), page, mode)


def preview_from_form(client, preview_url, data, page):
    """What the preview panel does: POST the form, then GET the preview in each mode (the panel's
    iframe, or "Preview in new tab")."""
    posted = client.post(preview_url, data)
    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}, (type(page).__name__, page.pk)
    return {mode: assert_preview(client.get(preview_url, {"mode": mode}), page, mode) for mode in MODES}


def test_every_page_type_previews_from_the_edit_form(admin_client, samples):
    for _name, page in each_page(PAGE_TYPES):
        data = edit_form_data(admin_client, page)
        data["title_en"] = data["seo_title_en"] = f"Draft title {page.pk}"  # the <title> of every page
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        assert f"Draft title {page.pk}" in preview_from_form(admin_client, url, data, page)["en"]


def as_new_page(data):
    """The edit form's data as the add form would send it: no row of it exists yet."""
    data = data.copy()
    for key in list(data):
        if key.endswith("-INITIAL_FORMS"):
            data[key] = "0"
        elif re.search(r"-\d+-id$", key):
            del data[key]
        elif key.startswith("slug_"):
            data[key] = ""  # a new page's addresses, in every language
    data["slug_en"] = "a-new-page-in-preview"
    data["title_en"] = "A new page in preview"
    return data


# Page types an editor adds (singletons such as the home or the news index exist once already).
CREATABLE = [model for model in PAGE_TYPES if not model.max_count]


def test_every_page_type_previews_before_it_is_created(admin_client, samples):
    for model in CREATABLE:
        page = instances(model)[0]
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=[model._meta.app_label, model._meta.model_name, page.get_parent().pk],
        )
        shown = preview_from_form(admin_client, url, as_new_page(edit_form_data(admin_client, page)), page)
        assert "A new page in preview" in shown["en"]


def test_a_statement_previews_the_crises_topics_and_authors_of_its_draft(admin_client, superuser, samples):
    """The revision's relations are shown, not the live page's: a crisis that is not live stays hidden."""
    article = ArticlePage.objects.filter(related_crises__isnull=False).first()
    live_crisis = CrisisPage.objects.live().exclude(pk__in=article.related_crises.values("pk")).first()
    hidden_crisis = CrisisPage.objects.live().exclude(pk=live_crisis.pk).first()
    hidden_crisis.unpublish()
    topic = Topic.objects.create(name="A topic only the draft has", slug="draft-only-topic")
    article.related_crises = [live_crisis, hidden_crisis]
    article.topics = [topic]
    revision = article.save_revision(user=superuser)

    url = reverse("wagtailadmin_pages:revisions_view", args=[article.pk, revision.pk])
    html = assert_preview(admin_client.get(url, {"mode": "en"}), article, "en")
    assert live_crisis.title in html
    assert hidden_crisis.title not in html
    assert "A topic only the draft has" in html


def test_a_page_in_moderation_previews_for_its_reviewer(admin_client, superuser, samples):
    workflow = Workflow.objects.get(name="Moderators approval")
    task = Task.objects.filter(workflow_tasks__workflow=workflow).first().specific
    for model in (ArticlePage, CrisisPage):
        page = instances(model)[0]
        page.save_revision(user=superuser)
        workflow.start(page, superuser)
        url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk])
        for mode in MODES:
            assert_preview(admin_client.get(url, {"mode": mode}), page, mode)
