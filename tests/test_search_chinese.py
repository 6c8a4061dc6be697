"""Chinese search forgives word order and common variants (on SQLite and PostgreSQL): the query's
two-character pieces match in any order, and the synonyms staff keep (Snippets > Search synonyms,
seeded with 保护的责任 → 保护责任 and 种族灭绝 → 灭绝种族) turn a visitor's wording into the site's."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from sitesearch.models import SearchSynonym

pytestmark = pytest.mark.django_db

EXPLAINER = "保护责任"


def titles(client, query, language="zh-hans"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [a.get_text(strip=True) for a in BeautifulSoup(response.content, "html.parser").select(".search-results a")]


@pytest.mark.parametrize("query", ["保护的责任", "种族灭绝", "责任保护", "保护责任"])
def test_chinese_variants_and_word_order_find_the_explainer(client, query):
    assert EXPLAINER in titles(client, query)


def test_a_chinese_query_still_needs_every_piece(client):
    assert titles(client, "保护香蕉") == []


def test_staff_edit_the_synonyms_and_they_apply_at_once(client, admin_client):
    assert "Responsibility to Protect" not in " ".join(titles(client, "R-to-P", "en"))
    response = admin_client.post(
        reverse("wagtailsnippets_sitesearch_searchsynonym:add"),
        {"language": "en", "term": "R-to-P", "replacement": "responsibility to protect"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert SearchSynonym.objects.filter(language="en", term="R-to-P").exists()
    assert any("Responsibility to Protect" in title for title in titles(client, "R-to-P", "en"))


def test_the_seeded_synonyms_are_in_the_admin_list(admin_client):
    html = admin_client.get(reverse("wagtailsnippets_sitesearch_searchsynonym:list")).content.decode()
    assert "保护的责任" in html and "灭绝种族" in html
    assert "обязанность защищать" in html  # the UN's Russian term, the site's since issue 23


def test_the_results_page_shows_the_words_the_visitor_typed_not_the_synonym(client):
    """保护的责任 is searched as 保护责任, but the heading, the search field and the kind filters' links
    keep the visitor's own words (the third language review)."""
    response = client.get("/zh-hans/search/", {"q": "保护的责任"})
    page = BeautifulSoup(response.content, "html.parser")
    assert "保护的责任" in page.select_one("#search-count").get_text()
    assert page.select_one("input[name=q]")["value"] == "保护的责任"
    assert "保护的责任" in page.title.get_text()
    links = [a["href"] for a in page.select("a[href*='kind=']")]
    assert links and all("%E4%BF%9D%E6%8A%A4%E7%9A%84" in href for href in links), links
