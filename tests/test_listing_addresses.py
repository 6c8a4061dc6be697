"""A listing's filter form works without JavaScript, so it submits every field, chosen or not
(``?level=&region=&country=``). The visitor lands on the clean address instead: the same query without
the empty parameters, by a redirect that is the same for everyone (cacheable, no ``Vary: Cookie``).
Odd query strings never give a 500."""

import pytest
from bs4 import BeautifulSoup

from publishing.models import CrisisLevel

pytestmark = pytest.mark.django_db

# Every listing with a filter form, in English and Arabic (translated slugs).
LISTINGS = ["/en/crises/", "/en/un-texts/", "/en/resources/", "/en/events/", "/en/members/", "/en/news/"]


def listing_paths(client, language):
    """The listings' addresses in ``language`` (their slugs are translated), read from the English ones'
    language links."""
    if language == "en":
        return LISTINGS
    paths = []
    for path in LISTINGS:
        page = BeautifulSoup(client.get(path).content, "html.parser")
        link = page.find("link", rel="alternate", hreflang=language)
        paths.append("/" + link["href"].split("/", 3)[3])
    return paths


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_form_submitted_with_every_filter_empty_leads_to_the_bare_listing(client, language):
    for path in listing_paths(client, language):
        response = client.get(f"{path}?level=&region=&country=&q=+&page=")
        assert response.status_code == 302, path
        assert response["Location"] == path
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "s-maxage=600"} <= directives, path
        assert "cookie" not in response.get("Vary", "").lower()
        assert client.get(response["Location"]).status_code == 200


def test_the_chosen_filter_stays_and_the_page_shows_it(client):
    response = client.get("/en/crises/?level=past&region=&country=")
    assert response.status_code == 302
    assert response["Location"] == "/en/crises/?level=past"
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    chosen = page.find("select", attrs={"name": "level"}).find("option", selected=True)
    assert chosen["value"] == "past"
    assert CrisisLevel.objects.get(slug_en="past").name in chosen.text
    # The language links and the canonical address carry no empty parameter.
    for link in page.select("link[rel=alternate], link[rel=canonical], a[hreflang]"):
        assert "=&" not in link["href"] and not link["href"].endswith("=")


def test_a_search_submitted_empty_leads_to_the_search_page(client):
    response = client.get("/en/search/?q=&kind=")
    assert response.status_code == 302 and response["Location"] == "/en/search/"
    response = client.get("/en/search/?q=treaty&kind=")
    assert response.status_code == 302 and response["Location"] == "/en/search/?q=treaty"


def test_clean_addresses_are_left_alone(client):
    assert client.get("/en/crises/").status_code == 200
    assert client.get("/en/crises/?level=past").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "%ff=&level=%ff",
        "&&",
        "=x",
        "level=%00&region=",
        "level",
        "a=%E2%82",
        "region=%20%20",
        "page=&page=2",
        "q=" + "x" * 3000,
    ],
)
def test_odd_query_strings_never_fail(client, query):
    response = client.get(f"/en/crises/?{query}")
    assert response.status_code in (200, 302, 400, 404), query
    if response.status_code == 302:
        assert response["Location"].startswith("/en/crises/")
        assert client.get(response["Location"]).status_code in (200, 400, 404)


def test_the_clean_query_keeps_the_other_parameters_as_written():
    from core.paths import without_empty_parameters

    assert without_empty_parameters("level=&region=africa&country=") == "region=africa"
    assert without_empty_parameters("q=climat+d%C3%A9fi&sector=&&page=2") == "q=climat+d%C3%A9fi&page=2"
    assert without_empty_parameters("q=+&kind=%20") == ""
    assert without_empty_parameters("flag&=x&a=%ff") == "a=%ff"
