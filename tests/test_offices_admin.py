"""Staff keep the offices in the Wagtail admin: bad numbers and countries are refused with a clear
message, and a saved change shows on every page at once."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from offices.factories import OfficeFactory
from offices.models import Office

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/offices/office/"
ADD_URL = "/admin/snippets/offices/office/add/"
LANGUAGE_SUFFIXES = ("en", "fr", "es", "ar", "zh_hans", "ru")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def form_data(**overrides):
    data = {
        **{f"name_{code}": "" for code in LANGUAGE_SUFFIXES},
        **{f"opening_hours_{code}": "" for code in LANGUAGE_SUFFIXES},
        "name_en": "Geneva office",
        "organisation_line": "",
        "street_address": "Rue de Lausanne 1",
        "suite": "",
        "postal_code": "1202",
        "city": "Geneva",
        "region": "",
        "country": "CH",
        "time_zone": "Europe/Zurich",
        "phone": "+41 22 555 01 00",
        "fax": "",
        "email": "geneva@example.org",
        "opening_hours_en": "Monday to Friday, 9:00–17:00",
        "latitude": "",
        "longitude": "",
        "sort_order": "3",
        "published": "on",
    }
    data.update(overrides)
    return data


def field_errors(response, field):
    """The error text the admin shows with ``field`` (in the field's own wrapper)."""
    field_box = soup(response).find(attrs={"data-contentpath": field, "data-field": True})
    return " ".join(error.get_text(" ", strip=True) for error in field_box.select(".error-message"))


def test_listing_shows_the_offices_at_a_glance(admin_client):
    page = soup(admin_client.get(LIST_URL))
    headers = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
    assert headers[1:] == ["Name", "City", "Country", "Phone", "Published", "Order"]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in page.select("table tbody tr")]
    assert [row[1].split(" Edit")[0] for row in rows] == ["New York office", "The Hague office"]
    assert [row[2:5] for row in rows] == [
        ["New York", "United States of America", "+1 212 599-1320"],
        ["The Hague", "Netherlands", "+31 70 363-4484"],
    ]


def test_listing_search_finds_an_office_by_city_or_any_language_name(admin_client):
    hague = Office.objects.get(city="The Hague")
    hague.name_fr = "Bureau de La Haye"
    hague.save()
    for query in ("Hague", "La Haye", "2594"):
        page = soup(admin_client.get(LIST_URL, {"q": query}))
        names = [tr.select("td")[1].get_text(" ", strip=True) for tr in page.select("table tbody tr")]
        assert len(names) == 1 and names[0].startswith("The Hague office"), query


def test_create_form_offers_time_zones(admin_client):
    page = soup(admin_client.get(ADD_URL))
    options = [option["value"] for option in page.find("select", id="id_time_zone").find_all("option")]
    assert "America/New_York" in options and "Europe/Amsterdam" in options


def test_invalid_phone_is_refused_in_the_admin_and_nothing_is_lost(admin_client):
    before = Office.objects.count()
    response = admin_client.post(ADD_URL, form_data(phone="212 599 13", fax="call us"))
    assert response.status_code == 200
    assert Office.objects.count() == before
    for field in ("phone", "fax"):
        assert "Enter a valid phone number in international form" in field_errors(response, field)
    # What the editor typed is still in the form.
    page = soup(response)
    assert page.find(id="id_street_address")["value"] == "Rue de Lausanne 1"
    assert page.find(id="id_phone")["value"] == "212 599 13"


def test_invalid_country_is_refused_in_the_admin(admin_client):
    before = Office.objects.count()
    response = admin_client.post(ADD_URL, form_data(country="XX"))
    assert response.status_code == 200
    assert Office.objects.count() == before
    assert "“XX” is not a country: choose one from the list." in field_errors(response, "country")


def test_invalid_time_zone_is_refused_in_the_admin(admin_client):
    response = admin_client.post(ADD_URL, form_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert "is not a time zone" in field_errors(response, "time_zone")


def test_model_validation_gives_the_same_clear_messages():
    office = OfficeFactory.build(phone="+1 212 599", fax="12", country="XX")
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    messages = error.value.message_dict
    assert messages["phone"] == [
        "Enter a valid phone number in international form: a plus sign, the country code, then the number "
        "(for example +1 212 599 1320 or +31 70 363 4484)."
    ]
    assert messages["fax"] == messages["phone"]
    assert messages["country"] == ["“XX” is not a country: choose one from the list."]


def test_phone_is_stored_in_international_form():
    office = OfficeFactory.build(phone="+41 (0)22 555 01 00")
    office.full_clean()
    office.save()
    office.refresh_from_db()
    assert office.phone.as_e164 == "+41225550100"
    assert office.phone_display == "+41 22 555 01 00"


def test_new_office_from_the_admin_shows_on_the_contact_page_and_footer(admin_client, client):
    # Records have drafts (issue 12): "Publish" puts the new office on the site.
    response = admin_client.post(ADD_URL, {**form_data(), "action-publish": "action-publish"})
    assert response.status_code == 302, field_errors(response, "phone")
    office = Office.objects.get(name_en="Geneva office")
    assert office.phone.as_e164 == "+41225550100"
    contact = soup(client.get("/en/contact/"))
    card = contact.select("main .office")[-1]
    assert card.select_one(".office__name").get_text(strip=True) == "Geneva office"
    assert [line.get_text(strip=True) for line in card.select("address .office__line")] == [
        "Rue de Lausanne 1",
        "1202 Geneva",
        "Switzerland",
    ]
    assert card.select_one(".office__phone").get_text(strip=True) == "+41 22 555 01 00"
    assert "Monday to Friday, 9:00–17:00" in card.get_text()
    footer = soup(client.get("/en/about/history/")).find("footer").get_text(" ", strip=True)
    assert "Geneva office" in footer


def test_edit_in_the_admin_shows_on_every_page_at_once(admin_client, client):
    new_york = Office.objects.get(city="New York")
    # Pages render once before the change, so a cached footer would show the old number.
    for url in ("/en/", "/en/about/", "/en/contact/"):
        assert "+1 212 599-1320" in client.get(url).content.decode()
    edit_url = f"{LIST_URL}edit/{new_york.pk}/"
    page = soup(admin_client.get(edit_url))
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form input[name]")
        if field.get("type") not in ("checkbox", "submit") and field["name"] != "csrfmiddlewaretoken"
    }
    for select in page.select("form select[name]"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    data.update({"phone": "+1 212 599 1399", "published": "on", "action-publish": "action-publish"})
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, field_errors(response, "phone")
    for url in ("/en/", "/en/about/", "/en/contact/", "/fr/a-propos/histoire/"):
        html = client.get(url).content.decode()
        assert "+1 212 599-1399" in html and "+1 212 599-1320" not in html, url
