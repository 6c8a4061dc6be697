"""Each published office offers a vCard: read back with the vobject parser, with the seed's values."""

import pytest
import vobject

from offices.models import Office
from offices.vcard import MAX_LINE_OCTETS, escape_text, fold, office_vcard

pytestmark = pytest.mark.django_db


def parse(body):
    return vobject.readOne(body)


def tel(card, kind):
    return [t.value for t in card.contents["tel"] if kind in t.params["TYPE"]]


def test_escape_text():
    assert escape_text("a\\b, c; d\ne") == "a\\\\b\\, c\\; d\\ne"


def test_fold_keeps_lines_short_and_characters_whole():
    line = "NOTE:" + "é" * 100  # two octets each
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= MAX_LINE_OCTETS for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_new_york_vcard_download(client):
    office = Office.objects.get(city="New York")
    response = client.get(f"/en/offices/{office.pk}.vcf")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="icrtop-new-york-office.vcf"'
    body = response.content.decode("utf-8")
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")  # CRLF only
    card = parse(body)
    assert card.version.value == "3.0"
    assert card.org.value == ["International Coalition for the Responsibility to Protect", "New York office"]
    address = card.adr.value
    assert (address.street, address.extended, address.city, address.region, address.code, address.country) == (
        "155 E. 44th St",
        "Suite 1715",
        "New York",
        "NY",
        "10017",
        "United States",
    )
    assert card.label.value == "155 E. 44th St, Suite 1715\nNew York, NY 10017\nUnited States"
    assert tel(card, "VOICE") == ["+12125991320"] and tel(card, "FAX") == ["+12125991332"]
    assert card.geo.value == "40.751900;-73.972600"
    assert card.url.value == "http://testserver/en/"


def test_the_hague_vcard_in_french(client):
    office = Office.objects.get(city="The Hague")
    response = client.get(f"/fr/offices/{office.pk}.vcf")
    card = parse(response.content.decode("utf-8"))
    assert card.adr.value.code == "2594 AC" and card.adr.value.country == "Pays-Bas"
    assert tel(card, "VOICE") == ["+31703634484"] and tel(card, "FAX") == ["+31703640259"]
    assert card.url.value == "http://testserver/fr/"


def test_special_characters_survive_a_round_trip():
    office = Office(
        name="Bureau; de Genève, \\ «test»",
        street_address="Rue du Rhône 1, bâtiment B",
        city="Genève",
        postal_code="1204",
        country="CH",
        time_zone="Europe/Zurich",
        opening_hours="Lundi–vendredi\n9 h – 17 h",
        email="geneve@example.org",
    )
    card = parse(office_vcard(office))
    assert card.org.value[1] == "Bureau; de Genève, \\ «test»"
    assert card.adr.value.street == "Rue du Rhône 1, bâtiment B"
    assert card.note.value == "Lundi–vendredi\n9 h – 17 h"
    assert card.email.value == "geneve@example.org"


def test_unpublished_or_unknown_office_has_no_vcard(client):
    office = Office.objects.get(city="The Hague")
    assert client.get(f"/en/offices/{office.pk}.vcf").status_code == 200
    office.published = False
    office.save()
    assert client.get(f"/en/offices/{office.pk}.vcf").status_code == 404
    assert client.get("/en/offices/999999.vcf").status_code == 404
