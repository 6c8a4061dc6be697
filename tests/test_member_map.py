"""Where our members are (issue 24): the map drawn on the server from Natural Earth's shapes, each
country with members a link to the directory filtered on it, shaded by number with a legend, the
same numbers as a table, country names in six languages; members staff show by region only are never
shown or counted by their country (map, directory, profile, search, open data) and still import back;
without the map data the page shows its table."""

import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django_countries import countries

from members.data import MemberImporter
from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation
from pages import member_map

from .members_helpers import DIRECTORY, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

MAP = DIRECTORY + "map/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def shown_in(code):
    return MemberOrganisation.objects.directory().real().filter(country=code, location_shown="country").count()


@pytest.fixture(name="hidden_member")
def hidden_member_fixture(world):
    """A member in a country where no other member is, shown by its region only."""
    member = MemberOrganisationFactory(
        name="Quiet Defenders", region=world["south"], country="ER", city="Asmara", location_shown="region"
    )
    return member


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_the_map_links_each_country_with_members_to_the_directory(client, world, language):
    # The directory's address in each language (its Chinese one is its translated slug: the English
    # address redirects there), and the map below it.
    response = client.get(MAP.replace("/en/", f"/{language}/", 1), follow=True)
    html = soup(response)
    svg = html.select_one("svg.member-map__svg")
    assert svg is not None and svg.select_one("path.member-map__land")["d"].startswith("M")
    links = {a["href"]: a["aria-label"] for a in svg.select("a.member-map__country")}
    directory = response.request["PATH_INFO"].removesuffix("map/")
    kenya = f"{directory}?country=KE"
    with translation.override(language):
        name = str(countries.name("KE"))
    assert kenya in links and links[kenya].startswith(name)  # named in the page's language
    count = shown_in("KE")
    # Arabic says one and two in words (عضو واحد, عضوان), as its grammar wants; the others give the number.
    assert {"ar": {1: "عضو واحد", 2: "عضوان"}}.get(language, {}).get(count, str(count)) in links[kenya]
    shade = svg.select_one(f'a[href="{kenya}"]')["class"]
    assert f"member-map__country--{member_map.shade(shown_in('KE'))}" in shade
    rows = {
        row.select_one("a")["href"]: int(row.select_one("td").get_text()) for row in html.select(".data-table tbody tr")
    }
    assert rows[kenya] == shown_in("KE") and rows[f"{directory}?country=GH"] == shown_in("GH")
    assert set(links) <= set(rows)  # every country on the map is in the table


def test_the_map_page_has_a_legend_a_note_on_borders_and_a_skip_link(client, world):
    html = soup(client.get(MAP))
    legend = [li.get_text(" ", strip=True) for li in html.select(".member-map__legend li")]
    assert legend == [
        "No members",
        "1 member",
        "2 to 4 members",
        "5 to 9 members",
        "10 members or more",
    ]
    assert "Natural Earth" in html.select_one(".member-map__note").get_text()
    # Before the map (whose countries are small targets on a phone), a visible button to the list.
    skip = html.select_one("a.skip-map")
    assert skip["href"] == "#member-map-table" and skip.get_text(strip=True) == "See the list by country"
    assert "button" in skip["class"] and skip.find_next("svg", class_="member-map__svg")
    assert html.select_one("#member-map-table").name == "h2"


def test_the_directory_links_to_the_map(client, world):
    links = [a["href"] for a in soup(client.get(DIRECTORY)).select(".member-data a")]
    assert MAP in links


def test_a_member_shown_by_region_only_is_never_shown_or_counted_by_its_country(client, world, hidden_member):
    html = soup(client.get(MAP))
    assert not html.select(f'a[href="{DIRECTORY}?country=ER"]')  # neither on the map nor in the table
    regions = {
        row.select_one("th").get_text(strip=True): int(row.select_one("td").get_text())
        for row in html.select(".data-table")[1].select("tbody tr")
    }
    assert regions == {"Testland South": 1}
    # The directory: listed under its region, never found or counted by its country.
    assert "Quiet Defenders" in soup(client.get(DIRECTORY + "?region=testland-south")).get_text()
    by_country = soup(client.get(DIRECTORY + "?country=ER"))
    assert "Quiet Defenders" not in by_country.select_one(".listing__results").get_text()
    assert "ER" not in {o["value"] for o in soup(client.get(DIRECTORY)).select("select[name=country] option")}
    # Its card and profile name its region only.
    card = next(
        c
        for c in soup(client.get(DIRECTORY + "?region=testland-south")).select(".member-summary")
        if "Quiet" in c.get_text()
    )
    assert "Eritrea" not in card.get_text() and "Asmara" not in card.get_text() and "Testland South" in card.get_text()
    profile = soup(client.get(f"{DIRECTORY}{hidden_member.slug}/")).select_one("main").get_text()
    assert "Eritrea" not in profile and "Asmara" not in profile
    # The open data leaves them empty; the site search does not find it by them.
    rows = list(csv.DictReader(io.StringIO(client.get("/en/members.csv?region=testland-south").content.decode())))
    quiet = next(row for row in rows if row["slug"] == hidden_member.slug)
    assert (quiet["country"], quiet["city"], quiet["location_shown"]) == ("", "", "region")
    record = next(
        m for m in json.loads(client.get("/en/members.json").content)["members"] if m["slug"] == hidden_member.slug
    )
    assert record["country"] == record["country_name"] == record["city"] == ""
    found = soup(client.get("/en/search/", {"q": "Asmara"})).get_text()
    assert "Quiet Defenders" not in found
    # Found by its name, its result gives its region as its place, never its city or country.
    result = soup(client.get("/en/search/", {"q": "Quiet Defenders"})).select_one("main").get_text()
    assert "Quiet Defenders" in result and "Testland South" in result
    assert "Asmara" not in result and "Eritrea" not in result


def test_the_public_export_of_a_member_shown_by_region_imports_back_unchanged(client, world, hidden_member):
    exported = client.get("/en/members.csv").content.decode()
    result = MemberImporter().run(exported)
    assert result.ok, result.errors
    hidden_member.refresh_from_db()
    assert (hidden_member.country.code, hidden_member.city, hidden_member.location_shown) == ("ER", "Asmara", "region")
    assert hidden_member.slug not in [slug for slug, _columns in result.updated]


def test_the_home_page_counts_only_the_countries_visitors_may_see(client, world, hidden_member):
    numbers = MemberOrganisation.objects.coalition_numbers()
    visible = MemberOrganisation.objects.real().directory().shown_by_country().values("country").distinct().count()
    assert numbers["countries"] == visible


def test_without_the_map_data_the_page_still_shows_its_table(client, world, settings, tmp_path):
    settings.WORLD_ATLAS_DIR = str(tmp_path)  # nothing installed there
    html = soup(client.get(MAP))
    assert html.select_one("svg.member-map__svg") is None
    assert "the table below has the same numbers" in html.select_one(".notice").get_text()
    assert html.select_one(".data-table tbody tr a")["href"].startswith(f"{DIRECTORY}?country=")


def test_the_shapes_are_projected_once_and_name_countries_by_iso_code():
    shapes = member_map.shapes()
    codes = {shape.code for shape in shapes}
    assert {"KE", "GH", "FR", "BR", "NZ", "FJ"} <= codes and "AQ" not in codes  # no Antarctica
    assert member_map.shapes() is shapes  # decoded and projected once per process
    for shape in shapes:
        assert shape.path.startswith("M") and shape.path.endswith("z")
    numbers = [
        float(n)
        for shape in shapes
        for n in shape.path.replace("M", " ").replace("l", " ").replace("z", " ").split()[:2]
    ]
    assert all(0 <= n <= 1000 for n in numbers)


def segments(path):
    """Every straight segment of an SVG path as ``_path`` writes it: (x0, y0, x1, y1)."""
    found = []
    for ring in re.findall(r"M([^z]*)z", path):
        head, _l, rest = ring.partition("l")
        x, y = map(float, head.split())
        start = (x, y)
        numbers = [float(n) for n in rest.split()]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            found.append((x, y, x + dx, y + dy))
            x, y = x + dx, y + dy
        found.append((x, y, *start))  # z closes the ring
    return found


def test_no_outline_crosses_the_map_the_far_north_included():
    """Rings crossing the 180° meridian (Russia, Fiji) are cut, not drawn as stripes across the map
    (usability walk of issue 24); the Arctic coasts reach up to their latitude."""
    drawn = member_map.shapes()
    assert drawn, "the map data (make map-data) is needed"
    widest = max((max(abs(x1 - x0) for x0, _y0, x1, _y1 in segments(shape.path)), shape.name) for shape in drawn)
    assert widest[0] < member_map.WIDTH / 2, widest
    russia = next(shape for shape in drawn if shape.code == "RU")
    points = [(x0, y0) for x0, y0, _x1, _y1 in segments(russia.path)]
    chukotka = member_map.project(-175, 66)  # east of 180°: the map's far left
    assert min(x for x, _y in points) < chukotka[0] + 5
    assert max(x for x, _y in points) > member_map.project(179, 66)[0] - 5
