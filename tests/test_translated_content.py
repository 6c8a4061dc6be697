"""The legal and form pages read in the visitor's language: the privacy notice, join and newsletter
pages' bodies are in all six languages on a new site, and load_initial_content fills them into a site
that was set up when they were English only."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from engagement.initial_content import CONTENT
from engagement.models import MembershipApplicationPage, NewsletterPage, PrivacyNoticePage

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es", "ar", "zh-hans", "ru"]
PAGES = {"privacy": PrivacyNoticePage, "join": MembershipApplicationPage, "newsletter": NewsletterPage}
WORDS = json.loads(CONTENT.read_text(encoding="utf-8"))


def first_text(body):
    block = body[0]["value"]
    text = block["text"] if isinstance(block, dict) else block
    return re.sub(r"<[^>]+>", "", text).split(":")[0].strip()


def visit(model, language, client):
    page = model.objects.live().get()
    with translation.override(language):
        url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("key", sorted(PAGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_legal_and_form_pages_read_in_the_visitors_language(key, language, client):
    html = visit(PAGES[key], language, client)
    assert first_text(WORDS[key][language]["body"]) in html
    assert first_text(WORDS[key]["en"]["body"]) not in html


def test_an_existing_site_gets_the_translated_bodies(client):
    page = PrivacyNoticePage.objects.live().get()
    for language in ("fr", "ru"):
        setattr(page, f"body_{language.replace('-', '_')}", None)
    page.save_revision().publish()
    assert "What we keep" in visit(PrivacyNoticePage, "fr", client)

    out = io.StringIO()
    call_command("load_initial_content", stdout=out)

    assert "0 translation(s) filled in" not in out.getvalue()
    html = visit(PrivacyNoticePage, "fr", client)
    assert "Ce que nous conservons" in html and "What we keep" not in html
    assert "Какие данные мы храним" in visit(PrivacyNoticePage, "ru", client)


NOTE = {"fr": "Titre en anglais", "ru": "Название на английском языке", "ar": "العنوان بالإنكليزية"}


@pytest.mark.parametrize("language", sorted(NOTE))
def test_un_document_titles_without_a_translation_are_marked_english_with_a_note(language, client):
    from resources.models import ResourceIndexPage, ResourcePage

    document = ResourcePage.objects.live().get(symbol="A/64/864")  # no official title on file in fr, ru, ar
    html = visit(ResourceIndexPage, language, client)
    link = re.search(r'<a href="[^"]+" lang="en" dir="ltr" data-fallback>([^<]+)</a>', html)
    assert link and link.group(1) in set(ResourcePage.objects.values_list("title_en", flat=True))
    assert NOTE[language] in html

    with translation.override(language):
        page_html = client.get(document.get_url()).content.decode()
    assert NOTE[language] in page_html


ALERTS = {
    "en": "Alerts:",
    "fr": "Alertes :",
    "es": "Alertas:",
    "ar": "التنبيهات:",
    "zh-hans": "提醒：",
    "ru": "Оповещения:",
}


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_the_privacy_notice_says_what_the_crisis_alerts_keep(language, client):
    """The follow form keeps an address too: the notice lists it beside the three forms (third language
    review), in every language."""
    html = visit(PrivacyNoticePage, language, client)
    assert f"<b>{ALERTS[language]}</b>" in html
