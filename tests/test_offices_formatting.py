"""Unit tests of how an office is written for people: phone numbers, postal addresses, time zones
and map links (offices/formatting.py). No database needed except where a model is saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from phonenumber_field.phonenumber import PhoneNumber

from offices.formatting import (
    address_lines,
    format_phone_number,
    openstreetmap_url,
    time_zone_name,
    utc_offset_label,
    validate_time_zone,
)
from offices.models import Office


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        # The seed, exactly as the coalition writes it.
        ("+12125991320", "+1 212 599-1320"),
        ("+12125991332", "+1 212 599-1332"),
        ("+31703634484", "+31 70 363-4484"),
        ("+31703640259", "+31 70 364-0259"),
        # Other countries written in an area code and two halves get the same treatment.
        ("+16135550123", "+1 613 555-0123"),  # Canada
        ("+442079460958", "+44 20 7946-0958"),  # United Kingdom
        ("+81312345678", "+81 3 1234-5678"),  # Japan
        # Numbers their country groups otherwise keep the country's own grouping.
        ("+33142685300", "+33 1 42 68 53 00"),  # France: pairs
        ("+41225550100", "+41 22 555 01 00"),  # Switzerland
        ("+3225551234", "+32 2 555 12 34"),  # Belgium
        ("+4930123456", "+49 30 123456"),  # Germany: one block
        ("+74951234567", "+7 495 123-45-67"),  # Russia writes its own hyphens
        ("+31612345678", "+31 6 12345678"),  # a Dutch mobile number
    ],
)
def test_format_phone_number(e164, shown):
    assert format_phone_number(PhoneNumber.from_string(e164)) == shown
    assert format_phone_number(e164) == shown


def test_format_phone_number_blank_and_unparseable():
    assert format_phone_number(None) == ""
    assert format_phone_number("") == ""
    assert format_phone_number("not a number") == "not a number"


def office(**fields):
    defaults = {
        "name": "Office",
        "street_address": "1 Example Street",
        "city": "Geneva",
        "postal_code": "1202",
        "country": "CH",
        "time_zone": "Europe/Zurich",
    }
    return Office(**{**defaults, **fields})


SEED_NEW_YORK = {
    "street_address": "155 E. 44th St",
    "suite": "Suite 1715",
    "city": "New York",
    "region": "NY",
    "postal_code": "10017",
    "country": "US",
}
SEED_THE_HAGUE = {
    "street_address": "Bezuidenhoutseweg 99A",
    "city": "The Hague",
    "postal_code": "2594 AC",
    "country": "NL",
}


@pytest.mark.parametrize(
    ("fields", "lines"),
    [
        (SEED_NEW_YORK, ["155 E. 44th St, Suite 1715", "New York, NY 10017", "United States"]),
        (SEED_THE_HAGUE, ["Bezuidenhoutseweg 99A", "2594 AC The Hague", "Netherlands"]),
        (
            {"street_address": "1 Rideau St", "suite": "Suite 700", "city": "Ottawa", "region": "ON"}
            | {"postal_code": "K1N 8S7", "country": "CA"},
            ["1 Rideau St, Suite 700", "Ottawa ON K1N 8S7", "Canada"],
        ),
        (
            {"organisation_line": "c/o Example Trust", "suite": "Flat 2", "street_address": "10 High Street"}
            | {"city": "London", "postal_code": "SW1A 1AA", "country": "GB"},
            ["c/o Example Trust", "Flat 2", "10 High Street", "London", "SW1A 1AA", "United Kingdom"],
        ),
        (
            {"street_address": "Rue de la Loi 16", "city": "Brussels", "postal_code": "1000", "country": "BE"},
            ["Rue de la Loi 16", "1000 Brussels", "Belgium"],
        ),
        (
            {"street_address": "Place du Trocadéro 1", "city": "Paris", "postal_code": "75116", "country": "FR"},
            ["Place du Trocadéro 1", "75116 Paris", "France"],
        ),
        (
            {"street_address": "Unter den Linden 1", "city": "Berlin", "postal_code": "10117", "country": "DE"},
            ["Unter den Linden 1", "10117 Berlin", "Germany"],
        ),
        (
            {"street_address": "Palais des Nations", "city": "Geneva", "postal_code": "1211", "country": "CH"},
            ["Palais des Nations", "1211 Geneva", "Switzerland"],
        ),
        # Any other country: street, postcode and city, region, country.
        (
            {"street_address": "Av. Paulista 1000", "city": "São Paulo", "region": "SP"}
            | {"postal_code": "01310-100", "country": "BR"},
            ["Av. Paulista 1000", "01310-100 São Paulo", "SP", "Brazil"],
        ),
        # A US address without a state keeps no dangling comma.
        ({**SEED_NEW_YORK, "region": "", "suite": ""}, ["155 E. 44th St", "New York 10017", "United States"]),
    ],
)
def test_address_lines_follow_the_country_postal_format(fields, lines):
    defaults = {"suite": "", "region": "", "organisation_line": ""}
    assert address_lines(office(**{**defaults, **fields})) == lines


def test_country_name_follows_the_active_language():
    hague = office(**SEED_THE_HAGUE)
    with translation.override("fr"):
        assert address_lines(hague)[-1] == "Pays-Bas"
    with translation.override("ar"):
        assert address_lines(hague)[-1] == "هولندا"
    with translation.override("zh-hans"):
        assert address_lines(hague)[-1] == "荷兰"


def test_time_zone_names_and_offsets():
    assert time_zone_name("America/New_York", "en") == "Eastern Time (North America)"
    assert time_zone_name("Europe/Amsterdam", "en") == "Central European Time"
    assert time_zone_name("Europe/Amsterdam", "fr") == "heure d’Europe centrale"
    winter = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
    summer = datetime.datetime(2026, 7, 15, 12, tzinfo=datetime.UTC)
    assert utc_offset_label("America/New_York", winter) == "UTC\u221205:00"
    assert utc_offset_label("America/New_York", summer) == "UTC\u221204:00"
    assert utc_offset_label("Europe/Amsterdam", winter) == "UTC+01:00"
    assert utc_offset_label("Asia/Kolkata", winter) == "UTC+05:30"
    assert utc_offset_label("Europe/London", winter) == "UTC"


def test_unknown_time_zone_is_refused():
    validate_time_zone("Europe/Amsterdam")
    with pytest.raises(ValidationError, match="is not a time zone"):
        validate_time_zone("Mars/Olympus_Mons")


def test_openstreetmap_link_uses_coordinates_or_searches_the_address():
    hague = office(**SEED_THE_HAGUE, latitude=Decimal("52.083900"), longitude=Decimal("4.327600"))
    assert openstreetmap_url(hague) == (
        "https://www.openstreetmap.org/?mlat=52.083900&mlon=4.327600#map=17/52.083900/4.327600"
    )
    without = office(**SEED_THE_HAGUE)
    with translation.override("ar"):  # the search uses the English country name whatever the page language
        assert openstreetmap_url(without) == (
            "https://www.openstreetmap.org/search?query=Bezuidenhoutseweg+99A%2C+2594+AC+The+Hague%2C+Netherlands"
        )
