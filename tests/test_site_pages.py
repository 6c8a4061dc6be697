"""The site tree of the initial content renders, with its real content, for a visitor."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

SITE_TREE = {
    "/en/": "Civil society, united to prevent and halt mass atrocities",
    "/en/about/": "About the Coalition",
    "/en/about/history/": "Our history",
    "/en/about/steering-committee/": "Steering Committee",
    "/en/responsibility-to-protect/": "The Responsibility to Protect",
    "/en/members/": "Our members",
    "/en/contact/": "Contact",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("url", "heading"), SITE_TREE.items())
def test_every_page_of_the_tree_renders_with_its_heading(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == heading
    # The chrome every page has: skip link, main landmark, navigation, both offices (in the footer;
    # the contact page shows them in full in its main column, and its footer does not repeat them).
    assert page.find("a", class_="skip-link")["href"] == "#main"
    assert page.find("main", id="main") is not None
    footer = page.find("footer").get_text(" ", strip=True)
    offices = page.find("main").get_text(" ", strip=True) if url == "/en/contact/" else footer
    assert "155 E. 44th St" in offices and "Bezuidenhoutseweg 99A" in offices
    if url == "/en/contact/":
        assert "155 E. 44th St" not in footer


def test_root_redirects_to_the_preferred_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_main_navigation_lists_pages_shown_in_menus(client):
    nav = soup(client.get("/en/")).find("nav", class_="main-nav")
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert labels == [
        "Home",
        "About the Coalition",
        "The Responsibility to Protect",
        "Crises",
        "News and statements",
        "Resources",
        "Events",
        "Our members",
    ]


def test_home_page_shows_the_four_crimes_and_calls_to_action(client):
    page = soup(client.get("/en/"))
    crimes = [h.get_text(strip=True) for h in page.select(".crimes h3")]
    assert crimes == ["Genocide", "War crimes", "Ethnic cleansing", "Crimes against humanity"]
    links = {a.get_text(strip=True): a["href"] for a in page.select(".cta a")}
    assert links["Learn about the Responsibility to Protect"] == "/en/responsibility-to-protect/"
    assert links["See the member organisations"] == "/en/members/"
    assert links["Contact the coalition"] == "/en/contact/"
    # The calls to action have a heading, and the page's text introduces them rather than floating alone.
    band = page.select_one("section.ctas")
    assert band.select_one("#" + band["aria-labelledby"]).get_text(strip=True) == "Get involved"
    assert [h.name for h in band.select(".cta__title")] == ["h3", "h3", "h3"]
    assert "ICRtoP works to increase awareness" in band.select_one(".home-body").get_text()
    assert len(page.select(".home-body")) == 1
    highlights = [a.get_text(strip=True) for a in page.select(".highlights h3 a")]
    assert "Our history" in highlights


def test_explainer_has_pillars_and_the_spectrum_of_measures(client):
    page = soup(client.get("/en/responsibility-to-protect/"))
    pillars = [h.get_text(strip=True) for h in page.select(".pillars h3")]
    assert len(pillars) == 3 and pillars[0].startswith("Pillar one")
    measures = [dt.get_text(strip=True) for dt in page.select(".measures dt")]
    assert measures == ["Diplomatic", "Legal", "Economic", "Humanitarian", "Non-coercive military"]
    assert "Security Council" in page.select_one(".callout").get_text()


def test_history_timeline_is_an_ordered_list_in_date_order(client):
    page = soup(client.get("/en/about/history/"))
    events = page.select("ol.timeline > li")
    dates = [li.find("time")["datetime"] for li in events]
    assert dates[0] == "2000-09" and dates[1] == "2001-12"
    assert dates == sorted(dates)
    summit = next(li for li in events if "2005 World Summit" in li.get_text())
    assert "A/RES/60/1" in summit.get_text() and "138 and 139" in summit.get_text()
    launch = next(li for li in events if li.find("time")["datetime"] == "2009-01-28")
    assert "launched" in launch.get_text()


def test_steering_committee_comes_from_member_records(client):
    page = soup(client.get("/en/about/steering-committee/"))
    names = [h.get_text(" ", strip=True) for h in page.select(".member-summary__name")]
    assert any("Human Rights Watch" in n for n in names)
    assert any("Asia-Pacific Centre for the Responsibility to Protect" in n for n in names)
    assert len(names) == 10  # 8 founding organisations and the two that joined in 2012


def test_contact_page_lists_both_offices(client):
    page = soup(client.get("/en/contact/"))
    offices = page.select("main .office")
    assert [o.find(["h2"]).get_text(strip=True) for o in offices] == ["New York office", "The Hague office"]


def test_unknown_page_gives_the_friendly_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in soup(response).find("h1").get_text()
