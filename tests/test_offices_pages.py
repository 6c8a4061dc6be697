"""What a visitor sees of the offices: the contact page, the footer of every page and the
schema.org data of the home and contact pages."""

import json

import pytest
from bs4 import BeautifulSoup

from offices.models import Office

pytestmark = pytest.mark.django_db

NEW_YORK = {
    "name": "New York office",
    "address": ["155 E. 44th St, Suite 1715", "New York, NY 10017", "United States"],
    "phone": ("+1 212 599-1320", "tel:+12125991320"),
    "fax": "+1 212 599-1332",
    "time_zone": "Time zone: Eastern Time",
    "map": "https://www.openstreetmap.org/?mlat=40.751900&mlon=-73.972600#map=17/40.751900/-73.972600",
}
THE_HAGUE = {
    "name": "The Hague office",
    "address": ["Bezuidenhoutseweg 99A", "2594 AC The Hague", "Netherlands"],
    "phone": ("+31 70 363-4484", "tel:+31703634484"),
    "fax": "+31 70 364-0259",
    "time_zone": "Time zone: Central European Time",
    "map": "https://www.openstreetmap.org/?mlat=52.083900&mlon=4.327600#map=17/52.083900/4.327600",
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_facts(card):
    phone = card.select_one(".office__phone")
    return {
        "name": card.select_one(".office__name").get_text(strip=True),
        "address": [line.get_text(strip=True) for line in card.select("address .office__line")],
        "phone": (phone.get_text(strip=True), phone["href"]),
        "fax": card.select_one(".office__fax").get_text(strip=True),
        "time_zone": card.select_one(".office__time-zone").get_text(" ", strip=True).split(" (")[0],
        "map": card.select_one("a.office__map")["href"],
    }


def json_ld(page):
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_contact_page_shows_the_seed_exactly(client):
    page = soup(client.get("/en/contact/"))
    cards = page.select("main .office")
    assert [card_facts(card) for card in cards] == [NEW_YORK, THE_HAGUE]
    # Each office is a heading of the page's outline, under the h1.
    assert [card.find("h2").get_text(strip=True) for card in cards] == ["New York office", "The Hague office"]


def test_footer_of_another_page_shows_the_seed_exactly(client):
    page = soup(client.get("/en/about/"))
    cards = page.select("footer .office")
    assert [card_facts(card) for card in cards] == [NEW_YORK, THE_HAGUE]
    assert [card.find("h3").get_text(strip=True) for card in cards] == ["New York office", "The Hague office"]
    assert page.select("main .office") == []  # the about page lists no offices itself
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_contact_page_ids_stay_unique_with_the_footer(client):
    page = soup(client.get("/en/contact/"))
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_vcard_links_point_to_the_downloads(client):
    page = soup(client.get("/en/contact/"))
    links = [a for a in page.select("main .office a[download]")]
    pks = [office.pk for office in Office.objects.for_public_display()]
    assert [a["href"] for a in links] == [f"/en/offices/{pk}.vcf" for pk in pks]
    # Each link's accessible name says which office it is for.
    assert links[0].get_text(" ", strip=True) == "Add to contacts (vCard) (New York office)"
    maps = page.select("main .office a.office__map")
    assert [a.get_text(" ", strip=True) for a in maps] == [
        "Open in OpenStreetMap (New York office)",
        "Open in OpenStreetMap (The Hague office)",
    ]
    for a in links:
        assert client.get(a["href"]).status_code == 200


def test_offices_in_arabic_keep_numbers_left_to_right_and_name_the_country_in_arabic(client):
    page = soup(client.get("/ar/contact/"))
    card = page.select_one("main .office")
    phone = card.select_one(".office__phone")
    assert phone.get_text(strip=True) == "+1 212 599-1320" and phone["dir"] == "ltr"
    assert card.select("address .office__line")[-1].get_text(strip=True) == "الولايات المتحدة"
    # The street and city lines, in Latin script, read left to right; the country is in Arabic.
    lines = card.select("address .office__line")
    assert all(line["dir"] == "ltr" for line in lines[:-1]) and not lines[-1].has_attr("lang")
    # The Arabic name from the initial content, not marked as English.
    name = card.select_one(".office__name")
    assert name.get_text(strip=True) == "مكتب نيويورك" and not name.has_attr("lang")


def test_an_office_name_missing_in_arabic_falls_back_to_english_marked_as_such(client):
    from offices.models import Office

    Office.objects.filter(city="New York").update(name_ar="")
    name = soup(client.get("/ar/contact/")).select_one("main .office .office__name")
    assert name.get_text(strip=True) == "New York office"
    assert name["lang"] == "en" and name["dir"] == "ltr"


def test_no_map_script_tile_or_frame_is_loaded(client):
    page = soup(client.get("/en/contact/"))
    for tag, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href")):
        for element in page.find_all(tag):
            assert "openstreetmap" not in (element.get(attribute) or "")
    assert page.find("iframe") is None


@pytest.mark.parametrize("url", ["/en/", "/en/contact/"])
def test_organization_json_ld_on_home_and_contact_pages(client, url):
    response = client.get(url)
    data = json_ld(soup(response))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "International Coalition for the Responsibility to Protect"
    assert data["url"] == "http://testserver/en/"
    assert data["address"] == [
        {
            "@type": "PostalAddress",
            "name": "New York office",
            "streetAddress": "155 E. 44th St, Suite 1715",
            "addressLocality": "New York",
            "addressRegion": "NY",
            "postalCode": "10017",
            "addressCountry": "US",
        },
        {
            "@type": "PostalAddress",
            "name": "The Hague office",
            "streetAddress": "Bezuidenhoutseweg 99A",
            "addressLocality": "The Hague",
            "postalCode": "2594 AC",
            "addressCountry": "NL",
        },
    ]
    assert [(c["@type"], c["name"], c["telephone"], c["faxNumber"]) for c in data["contactPoint"]] == [
        ("ContactPoint", "New York office", "+12125991320", "+12125991332"),
        ("ContactPoint", "The Hague office", "+31703634484", "+31703640259"),
    ]
    # The strict policy stays: no inline script is allowed to run, and JSON-LD needs none.
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_json_ld_only_where_it_belongs(client):
    assert soup(client.get("/en/about/")).find("script", type="application/ld+json") is None


def test_json_ld_cannot_be_broken_out_of(client):
    office = Office.objects.get(city="New York")
    office.name = 'Evil </script><script>alert("x")</script> & <!-- office'
    office.save()
    response = client.get("/en/contact/")
    raw = response.content.decode()
    assert "<script>alert" not in raw and "<!-- office" not in raw
    page = soup(response)
    assert [s for s in page.find_all("script") if s.get("type") != "application/ld+json"] == []
    data = json_ld(page)
    assert data["contactPoint"][0]["name"] == office.name
    assert data["address"][0]["name"] == office.name


def test_unpublished_office_disappears_everywhere(client):
    hague = Office.objects.get(city="The Hague")
    hague.published = False
    hague.save()
    contact = soup(client.get("/en/contact/"))
    assert [h.get_text(strip=True) for h in contact.select("main .office__name")] == ["New York office"]
    about = soup(client.get("/en/about/"))
    footer_text = about.find("footer").get_text(" ", strip=True)
    assert "Bezuidenhoutseweg" not in footer_text and "155 E. 44th St" in footer_text
    for url in ("/en/", "/en/contact/"):
        data = json_ld(soup(client.get(url)))
        assert [a["addressLocality"] for a in data["address"]] == ["New York"]
        assert [c["name"] for c in data["contactPoint"]] == ["New York office"]
    assert "+31" not in client.get("/en/contact/").content.decode()
    assert client.get(f"/en/offices/{hague.pk}.vcf").status_code == 404


def test_time_zone_line_is_translated_with_the_page(client):
    page = soup(client.get("/fr/contact/"))
    line = page.select_one("main .office .office__time-zone").get_text(" ", strip=True)
    assert "heure de l’Est" in line and "UTC" in line
