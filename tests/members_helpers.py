"""Shared helpers for the member directory tests."""

import pytest
from bs4 import BeautifulSoup

from members.factories import MemberOrganisationFactory, RegionFactory, SectorFactory

DIRECTORY = "/en/members/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_names(page):
    """Member names as the list shows them (acronyms left out)."""
    names = []
    for heading in page.select(".member-list .member-summary__name"):
        acronym = heading.select_one(".member-summary__acronym")
        if acronym:
            acronym.extract()
        names.append(heading.get_text(" ", strip=True))
    return names


def result_count(page):
    return page.select_one(".member-results__count").get_text(" ", strip=True)


def facet(page, name):
    """{option value: visible label} of one filter's <select>."""
    select = page.select_one(f"select[name={name}]")
    return {option["value"]: option.get_text(strip=True) for option in select.select("option") if option["value"]}


def notes(page):
    return [li.get_text(" ", strip=True) for li in page.select(".member-notes li")]


@pytest.fixture(name="world")
def world_fixture():
    """Two regions and two sectors of our own, and six members with known combinations."""
    north = RegionFactory(name="Testland North", slug="testland-north")
    south = RegionFactory(name="Testland South", slug="testland-south")
    water = SectorFactory(name="Water rights", slug="water-rights")
    roads = SectorFactory(name="Road safety", slug="road-safety")
    members = {
        "alpha": MemberOrganisationFactory(
            name="Alpha Watch", acronym="AW", region=north, country="KE", sectors=[water]
        ),
        "beta": MemberOrganisationFactory(
            name="Beta Forum", region=north, country="KE", sectors=[water, roads], membership_type="supporter"
        ),
        "gamma": MemberOrganisationFactory(name="Gamma Network", region=north, country="GH", sectors=[roads]),
        "delta": MemberOrganisationFactory(name="Café Zébra Institute", region=south, country="GH", sectors=[water]),
        "former": MemberOrganisationFactory(name="Epsilon Former", region=north, country="KE", status="former"),
        "hidden": MemberOrganisationFactory(name="Zeta Hidden", region=north, country="KE", published=False),
    }
    return {"north": north, "south": south, "water": water, "roads": roads, **members}
