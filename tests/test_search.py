"""Site search: finds pages in the visitor's language, and survives any input."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.get_text(strip=True) for a in BeautifulSoup(response.content, "html.parser").select(".search-results a")]


def test_search_finds_the_explainer(client):
    response = client.get("/en/search/", {"q": "sovereignty"})
    assert response.status_code == 200
    assert "The Responsibility to Protect" in titles(response)


def test_empty_search_shows_the_form_only(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("label", attrs={"for": "search-q"}) is not None
    assert page.select(".search-results") == []


def test_no_results_says_so(client):
    response = client.get("/en/search/", {"q": "zzzxxqqq"})
    assert "No results for" in response.content.decode() and "0 results" not in response.content.decode()


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "'", '"unterminated', "x" * 5000, "%%%", "🙂" * 50])
def test_odd_queries_never_fail(client, query):
    response = client.get("/en/search/", {"q": query, "page": "abc"})
    assert response.status_code == 200


def test_out_of_range_results_page_shows_the_first_page_with_a_note(client):
    response = client.get("/en/search/", {"q": "coalition", "page": "99999"})
    assert response.status_code == 200
    assert "That results page does not exist" in response.content.decode()


def test_search_finds_pages_by_their_translation_and_shows_translated_titles(client):
    response = client.get("/fr/search/", {"q": "souveraineté"})
    assert "La responsabilité de protéger" in titles(response)


def test_a_result_shown_in_english_is_marked_as_english(client):
    from pages.models import StandardPage

    about = StandardPage.objects.get(slug_en="about")
    about.title_fr = ""
    about.save_revision().publish()
    page = BeautifulSoup(client.get("/fr/search/", {"q": "coalition"}).content, "html.parser")
    link = next(a for a in page.select(".search-results a") if a.get_text(strip=True) == "About the Coalition")
    assert link["lang"] == "en"
