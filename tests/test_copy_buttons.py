"""The editor's "Copy content from" buttons: under every translated text field (title, teaser, body
StreamField, rich text…) and nowhere else (not on slugs, Signatories, Attachments or untranslated
fields), one per other language, each copying into the right field (``body_zh_hans``, not
``body_zh_fr``), on a page being edited or added, and only into fields the user may change.
wagtail-modeltranslation's own script (buttons on every nested panel) is not loaded."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation

from publishing.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    page = ArticlePage(title="Statement on Lakeland", slug="statement-on-lakeland", date=datetime.date(2026, 3, 2))
    NewsIndexPage.objects.get().add_child(instance=page)
    return page


def english_paragraph(text):
    """The inputs of a body with one paragraph, as the editor's browser posts them for ``body_en``."""
    return [
        {"name": "body_en-count", "value": "1"},
        {"name": "body_en-0-type", "value": "paragraph"},
        {"name": "body_en-0-deleted", "value": ""},
        {"name": "body_en-0-order", "value": "0"},
        {"name": "body_en-0-id", "value": "a1"},
        {
            "name": "body_en-0-value",
            "value": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "k",
                            "text": text,
                            "type": "unstyled",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
        },
    ]


def copy(client, target, origin="body_en", **where):
    with translation.override("en"):
        url = reverse("copy_translated_stream")
    return client.post(
        url,
        {
            **where,
            "origin_field_name": origin,
            "target_field_name": target,
            "serializedOriginField": json.dumps(english_paragraph("Civilians must be protected.")),
        },
    )


LANGUAGES = ["en", "fr", "es", "ar", "zh_hans", "ru"]


def copy_buttons(html):
    """``{target field: [(kind, origin field, visible label), ...]}`` of the rendered form."""
    buttons = {}
    for button in BeautifulSoup(html, "html.parser").select("button[data-translation-copy]"):
        buttons.setdefault(button["data-target"], []).append(
            (button["data-translation-copy"], button["data-origin"], button.get_text(strip=True))
        )
    return buttons


def expected(field, kind):
    """The buttons of every language of ``field``: each other language, in the site's order."""
    return {
        f"{field}_{target}": [
            (kind, f"{field}_{origin}", origin.replace("_", "-").upper()) for origin in LANGUAGES if origin != target
        ]
        for target in LANGUAGES
    }


def test_the_editor_loads_the_site_script_not_the_librarys(admin_client, article):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "translations/admin/copy_translated_streams.js" in html
    assert 'id="icrtop-copy-streams"' in html
    assert "copy_stream_fields.js" not in html


def test_every_translated_text_field_has_copy_buttons_and_nothing_else(admin_client, article):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    buttons = copy_buttons(html)
    want = {}
    for field in ("title", "teaser", "image_alt_text", "seo_title", "search_description"):
        want.update(expected(field, "text"))
    want.update(expected("body", "blocks"))
    assert buttons == want  # no slug_*, signatories, attachments, topics, related crises, date…
    assert buttons["body_zh_hans"][0] == ("blocks", "body_en", "EN")
    assert "body_zh_fr" not in html
    soup = BeautifulSoup(html, "html.parser")
    for target, origins in buttons.items():  # every button names fields the form has
        assert soup.find(attrs={"name": target}) is not None or soup.find(id=target) is not None, target
        for _kind, origin, _label in origins:
            assert soup.find(attrs={"name": origin}) is not None or soup.find(id=origin) is not None, origin


def test_the_items_of_inline_panels_have_none(admin_client, article):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert 'name="attachments-__prefix__-title_fr"' in html  # an item's translated field (new item's form)
    assert not [name for name in copy_buttons(html) if name.startswith("attachments")]


def test_a_new_page_and_rich_text_fields_have_them_too(admin_client):
    from publishing.models import CrisisIndexPage

    parent = CrisisIndexPage.objects.get()
    html = admin_client.get(reverse("wagtailadmin_pages:add", args=["publishing", "crisispage", parent.pk])).content
    buttons = copy_buttons(html.decode())
    assert buttons["risk_factors_fr"][0] == ("blocks", "risk_factors_en", "EN")
    assert buttons["title_ar"][0] == ("text", "title_en", "EN")
    assert not [name for name in buttons if name.startswith("slug")]


def test_a_translator_gets_buttons_only_on_the_fields_they_may_change(client, translator, article):
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    buttons = copy_buttons(html)
    assert "body_fr" in buttons and "title_fr" in buttons
    assert not [name for name in buttons if name.endswith("_en")]  # English is not theirs to change


def test_english_is_copied_into_the_chinese_body(admin_client, article):
    response = copy(admin_client, "body_zh_hans", page=article.pk)
    assert response.status_code == 200
    html = response.json()
    assert 'id="body_zh_hans"' in html and "Civilians must be protected." in html
    assert "body_zh_fr" not in html and "body_en" not in html


def test_copying_works_on_a_page_not_yet_created(admin_client):
    response = copy(admin_client, "body_fr", content_type="publishing.articlepage")
    assert response.status_code == 200 and 'id="body_fr"' in response.json()


def test_rich_text_is_copied(admin_client):
    with translation.override("en"):
        url = reverse("copy_translated_stream")
    posted = [{"name": "risk_factors_en", "value": english_paragraph("Hate speech is rising.")[-1]["value"]}]
    response = admin_client.post(
        url,
        {
            "content_type": "publishing.crisispage",
            "origin_field_name": "risk_factors_en",
            "target_field_name": "risk_factors_ru",
            "serializedOriginField": json.dumps(posted),
        },
    )
    assert response.status_code == 200
    html = response.json()
    assert 'name="risk_factors_ru"' in html and 'id="id_risk_factors_ru"' in html and "Hate speech is rising." in html


@pytest.mark.parametrize(
    "origin, target",
    [
        ("body_en", "body_zh_fr"),  # what the library's script asked for
        ("signatories_member", "signatories_fr"),  # inline panels have no copy
        ("attachments", "attachments_fr"),
        ("teaser_en", "teaser_fr"),  # a plain text field is copied in the browser
        ("slug_en", "slug_fr"),
        ("body_en", "teaser_fr"),
        ("body_en", "body_en"),
    ],
)
def test_anything_but_two_languages_of_one_stream_field_is_refused(admin_client, article, origin, target):
    assert copy(admin_client, target, origin, page=article.pk).status_code == 400


def test_bad_requests_are_refused_without_a_500(admin_client, article):
    assert copy(admin_client, "body_fr", page=999999).status_code == 400
    assert copy(admin_client, "body_fr", page="x").status_code == 400
    assert copy(admin_client, "body_fr", content_type="members.memberorganisation").status_code == 400
    assert copy(admin_client, "body_fr", content_type="nonsense").status_code == 400
    with translation.override("en"):
        url = reverse("copy_translated_stream")
    assert admin_client.get(url).status_code == 405
    bad = admin_client.post(
        url,
        {
            "page": article.pk,
            "origin_field_name": "body_en",
            "target_field_name": "body_fr",
            "serializedOriginField": "{not json",
        },
    )
    assert bad.status_code == 400
    assert copy(Client(), "body_fr", page=article.pk).status_code == 302  # not logged in: to the login


def test_the_librarys_own_copy_view_is_not_served(admin_client, article):
    """wagtail-modeltranslation's copy view (CSRF-exempt, a 500 on an unknown page) is unused: its
    address is a 404, whatever the page."""
    for page_id in (article.pk, 999999):
        url = f"/en/admin/pages/{page_id}/edit/copy_translation_content/"
        for response in (
            admin_client.get(url),
            admin_client.post(url, {"origin_field_name": "body_en"}, headers={"X-Requested-With": "XMLHttpRequest"}),
        ):
            assert response.status_code == 404, (url, response.status_code)
