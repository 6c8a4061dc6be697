"""Staff in the admin: the Coalition menu, the member list, exports and revisions."""

import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Revision

from members.data import COLUMNS
from members.models import MemberOrganisation

from .members_helpers import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/members/memberorganisation/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_the_coalition_menu_holds_members_regions_and_sectors(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Coalition" in page
    for url in (LIST, "/admin/snippets/members/region/", "/admin/snippets/members/sector/"):
        assert url in page
        assert admin_client.get(url).status_code == 200


def test_the_member_list_has_the_columns(admin_client, world):
    page = soup(admin_client.get(LIST + "?q=Beta"))
    headings = [th.get_text(" ", strip=True) for th in page.select("table.listing thead th")]
    for heading in ("Name", "Country", "Region", "Sectors", "Membership type", "Status"):
        assert any(heading in h for h in headings), headings
    row = page.select_one("table.listing tbody tr").get_text(" ", strip=True)
    assert "Beta Forum" in row and "Kenya" in row and "Testland North" in row
    assert "Water rights, Road safety" in row and "NGO supporter" in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region={north}", {"Alpha Watch", "Beta Forum", "Gamma Network", "Epsilon Former", "Zeta Hidden"}),
        ("region={north}&sectors={roads}", {"Beta Forum", "Gamma Network"}),
        ("region={north}&membership_type=supporter", {"Beta Forum"}),
        ("region={north}&status=former", {"Epsilon Former"}),
        ("region={north}&published=false", {"Zeta Hidden"}),
        ("q=zebra", {"Café Zébra Institute"}),
    ],
)
def test_the_member_list_filters_and_searches(admin_client, world, query, expected):
    query = query.format(north=world["north"].pk, roads=world["roads"].pk)
    page = soup(admin_client.get(f"{LIST}?{query}"))
    rows = page.select("table.listing tbody tr")
    names = {
        MemberOrganisation.objects.get(pk=row.select_one("input[type=checkbox]")["data-object-id"]).name for row in rows
    }
    assert names == expected


def test_the_steering_committee_filter(admin_client):
    page = soup(admin_client.get(f"{LIST}?on_steering_committee=true"))
    shown = {r.select_one("input[type=checkbox]")["data-object-id"] for r in page.select("table.listing tbody tr")}
    expected = {
        str(pk) for pk in MemberOrganisation.objects.filter(on_steering_committee=True).values_list("pk", flat=True)
    }
    assert shown == expected and expected


def test_xlsx_export_has_the_import_columns(admin_client, world):
    response = admin_client.get(f"{LIST}?export=xlsx&region={world['north'].pk}")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert sorted(r[1] for r in rows[1:]) == [
        "Alpha Watch",
        "Beta Forum",
        "Epsilon Former",
        "Gamma Network",
        "Zeta Hidden",
    ]


def form_data(form):
    """What a browser would post for this form, unchanged."""
    data = {}
    for control in form.select("input, textarea, select"):
        name = control.get("name")
        if not name or control.get("type") in {"submit", "button", "file"} or control.get("disabled") is not None:
            continue
        if control.name == "select":
            values = [o.get("value", o.get_text()) for o in control.select("option[selected]")]
            data[name] = values if control.has_attr("multiple") else (values[0] if values else "")
        elif control.name == "textarea":
            data[name] = control.get_text()
        elif control.get("type") in {"checkbox", "radio"}:
            if control.has_attr("checked"):
                data.setdefault(name, []).append(control.get("value", "on"))
        else:
            data[name] = control.get("value", "")
    return data


def test_an_edit_in_the_admin_records_a_revision_shown_in_the_history(admin_client, world):
    member = world["gamma"]
    url = f"{LIST}edit/{member.pk}/"
    page = soup(admin_client.get(url))
    data = form_data(page.select_one("form#w-editor-form"))
    data["city"] = "Accra"
    data["action-publish"] = "1"  # members have drafts: "Publish" makes the change public
    before = Revision.objects.for_instance(member).count()
    response = admin_client.post(url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    member.refresh_from_db()
    assert member.city == "Accra"
    assert Revision.objects.for_instance(member).count() == before + 1
    assert member.latest_revision.content["city"] == "Accra"
    history = admin_client.get(f"{LIST}history/{member.pk}/").content.decode()
    assert "Edited" in history or "Saved" in history


def upload(admin_client, text, dry_run):
    data = {"file": SimpleUploadedFile("members.csv", text.encode(), content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return soup(admin_client.post("/admin/member_import/", data))


IMPORT = "slug,name,country,region\nadmin-imported,Admin Imported,KE,africa\n"


def test_the_admin_import_checks_then_imports(admin_client):
    assert "/admin/member_import/" in admin_client.get("/admin/").content.decode()
    page = upload(admin_client, IMPORT, dry_run=True)
    assert "To create: 1;" in page.select_one("#import-result-heading").get_text()
    assert not MemberOrganisation.objects.filter(slug="admin-imported").exists()
    page = upload(admin_client, IMPORT, dry_run=False)
    assert "Created: 1;" in page.select_one("#import-result-heading").get_text()
    member = MemberOrganisation.objects.get(slug="admin-imported")
    assert Revision.objects.for_instance(member).get().user is not None


def test_the_admin_import_reports_bad_rows_and_saves_nothing(admin_client):
    page = upload(admin_client, IMPORT + "bad,Bad,Atlantis,africa\n", dry_run=False)
    assert "nothing was imported" in page.select_one("#import-result-heading").get_text()
    assert "Line 3: unknown country “Atlantis”" in page.select_one(".member-import-result").get_text()
    assert not MemberOrganisation.objects.filter(slug="admin-imported").exists()


def test_the_admin_import_refuses_a_non_utf8_file(admin_client):
    data = {"file": SimpleUploadedFile("members.csv", "slug\n\xe9\n".encode("latin-1"))}
    page = soup(admin_client.post("/admin/member_import/", data))
    assert "The file is not UTF-8 text." in page.get_text()


def test_the_admin_import_needs_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("plain", password="a-long-test-password")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/member_import/").status_code in {302, 403}
    assert "/admin/member_import/" not in client.get("/admin/").content.decode()
