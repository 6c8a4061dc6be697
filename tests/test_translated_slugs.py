"""A translated title gives the page a slug in that language, for every page type, however the page is
saved (the admin's form, a revision published, an import); a slug an editor set is kept; and when a
page's address changes in a language, the old address redirects to the new one."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, get_page_models

from core.slugs import KEEP_ENGLISH_SLUG
from pages.models import HomePage
from publishing.models import ArticlePage, NewsIndexPage

from .admin_form_data import edit_form_data

pytestmark = pytest.mark.django_db

OTHER = ["fr", "es", "ru"]  # Arabic and Chinese keep the English slug (core.slugs.KEEP_ENGLISH_SLUG)


@pytest.fixture
def article(forget_cached_site_roots):
    page = ArticlePage(title="Statement on Lakeland", slug="statement-on-lakeland", date=datetime.date(2026, 3, 2))
    NewsIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_french_title_published_through_the_admin_gives_a_french_address(
    admin_client, client, article, django_capture_on_commit_callbacks
):
    assert client.get("/fr/actualites/statement-on-lakeland/").status_code == 200  # English slug, for now
    data = edit_form_data(admin_client, article)
    data["title_fr"] = "Déclaration sur le Lakeland"
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):  # redirects are made once the save commits
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302, response.content[:3000]

    article.refresh_from_db()
    assert article.slug_fr == "declaration-sur-le-lakeland"
    assert article.slug_en == "statement-on-lakeland"
    assert not article.slug_ar  # Arabic keeps the English slug
    page = client.get("/fr/actualites/declaration-sur-le-lakeland/")
    assert page.status_code == 200
    assert "Déclaration sur le Lakeland" in page.content.decode()
    assert client.get("/en/news/statement-on-lakeland/").status_code == 200

    old = client.get("/fr/actualites/statement-on-lakeland/")
    assert old.status_code in (301, 302)
    assert old["Location"].endswith("/fr/actualites/declaration-sur-le-lakeland/")


def test_a_slug_the_editor_set_is_kept_and_its_change_redirects(client, article, django_capture_on_commit_callbacks):
    article.title_fr = "Déclaration sur le Lakeland"
    article.slug_fr = "lakeland-declaration"
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.slug_fr == "lakeland-declaration"
    assert client.get("/fr/actualites/lakeland-declaration/").status_code == 200

    article.slug_fr = "declaration-lakeland"
    article.title_es = "Declaración sobre Lakeland"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    assert article.slug_es == "declaracion-sobre-lakeland"
    moved = client.get("/fr/actualites/lakeland-declaration/")
    assert moved.status_code in (301, 302)
    assert moved["Location"].endswith("/fr/actualites/declaration-lakeland/")
    assert client.get("/es/noticias/statement-on-lakeland/")["Location"].endswith(
        "/es/noticias/declaracion-sobre-lakeland/"
    )


def test_a_translated_title_that_a_sibling_already_uses_gets_a_number(article):
    second = ArticlePage(title="Another statement", slug="another-statement", date=datetime.date(2026, 3, 3))
    NewsIndexPage.objects.get().add_child(instance=second)
    for page in (article, second):
        page.title_fr = "Déclaration conjointe"
        page.save_revision().publish()
        page.refresh_from_db()
    assert article.slug_fr == "declaration-conjointe"
    assert second.slug_fr == "declaration-conjointe-2"


def test_a_draft_translation_waits_for_its_publication(client, article):
    """A translator's draft carries the slug; visitors keep the old address until it is approved."""
    article.title_fr = "Déclaration sur le Lakeland"
    revision = article.save_revision()
    assert revision.as_object().slug_fr == "declaration-sur-le-lakeland"
    assert client.get("/fr/actualites/statement-on-lakeland/").status_code == 200
    revision.publish()
    assert client.get("/fr/actualites/declaration-sur-le-lakeland/").status_code == 200


@pytest.fixture
def samples(django_db_blocker):
    call_command("make_sample_content", count=1, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize(
    "model", sorted((m for m in get_page_models() if m is not Page), key=lambda m: m.__name__), ids=lambda m: m.__name__
)
def test_every_page_type_gets_a_slug_from_each_translated_title(model, samples, forget_cached_site_roots):
    if model is HomePage:
        pytest.skip("the site's home page: its slug is never in an address")
    page = model.objects.filter(depth__gt=2).first()
    assert page is not None, f"no {model.__name__} in the initial or sample content"
    for language in OTHER:
        setattr(page, f"slug_{language}", "")
    name = model.__name__  # each title unique among the page's siblings
    page.title_fr, page.title_es = f"Une page traduite {name}", f"Una página traducida {name}"
    page.title_zh_hans, page.title_ru, page.title_ar = f"新闻 {name}", f"Новости {name}", f"أخبار {name}"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug_fr == f"une-page-traduite-{name.lower()}"
    assert page.slug_es == f"una-pagina-traducida-{name.lower()}"
    assert page.slug_ru == f"novosti-{name.lower()}"
    assert {"ar", "zh-hans"} <= KEEP_ENGLISH_SLUG and not page.slug_ar and not page.slug_zh_hans


def test_only_the_english_title_fills_its_slug_in_the_editors_browser(admin_client):
    """Wagtail's script would make "déclaration-…" (or an Arabic slug) from a translated title; the
    server's rule (a transliteration, no Arabic slug) applies instead, on save."""
    index = NewsIndexPage.objects.get()
    form = admin_client.get(reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", index.pk]))
    html = form.content.decode()
    english = re.search(r'<input[^>]*name="title_en"[^>]*>', html).group(0)
    assert "w-sync" in english and "#id_slug_en" in english
    for language in ["fr", "es", "ar", "zh_hans", "ru"]:
        title = re.search(rf'<input[^>]*name="title_{language}"[^>]*>', html).group(0)
        assert "w-sync" not in title and "slug" not in title, title


def test_translated_titles_are_not_marked_required_and_name_their_language(admin_client):
    """Only the English title is required ("Page title*"); the others say which language they take."""
    from django.utils import translation

    parent = NewsIndexPage.objects.get()
    with translation.override("en"):
        url = reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", parent.pk])
    html = admin_client.get(url).content.decode()
    inputs = {m.group(1): m.group(0) for m in re.finditer(r'<input[^>]*name="(title_[a-z_]+)"[^>]*>', html)}
    assert 'placeholder="Page title*"' in inputs["title_en"] and "required" in inputs["title_en"]
    names = {"fr": "French", "es": "Spanish", "ar": "Arabic", "zh_hans": "Simplified Chinese", "ru": "Russian"}
    for code, name in names.items():
        field = inputs[f"title_{code}"]
        assert f'placeholder="Page title ({name})"' in field, field
        assert "*" not in field and " required" not in field


def test_each_translated_slug_field_says_how_its_slug_is_made(admin_client):
    """The translated slug only appears once the page is saved: its field says so beforehand."""
    from bs4 import BeautifulSoup

    parent = NewsIndexPage.objects.get()
    html = admin_client.get(reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", parent.pk])).content
    soup = BeautifulSoup(html, "html.parser")

    def help_of(name):
        field = soup.find(attrs={"name": name})
        described = field.get("aria-describedby", "")
        helps = [soup.find(id=part) for part in described.split()]
        return " ".join(h.get_text(" ", strip=True) for h in helps if h)

    for code, name in {"fr": "French", "es": "Spanish", "ru": "Russian"}.items():
        text = help_of(f"slug_{code}")
        assert f"made from the {name} title" in text and "A slug you type is kept" in text, (code, text)
    for code, name in {"ar": "Arabic", "zh_hans": "Simplified Chinese"}.items():
        assert f"the address in {name} uses the English slug" in help_of(f"slug_{code}"), code
    assert "made from the" not in help_of("slug_en")
