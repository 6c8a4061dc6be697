"""Import, export and sample data: all or nothing, idempotent, round trips."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from members.data import COLUMNS, PUBLIC_COLUMNS, MemberImporter
from members.models import MemberOrganisation, Region

from .members_helpers import DIRECTORY, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

GOOD = (
    "slug,name,acronym,country,region,sectors,website,membership_type,joined_on,"
    "on_steering_committee,steering_committee_since,steering_committee_role,description\n"
    "imported-one,Imported One,IO1,Kenya,africa,human-rights;peacebuilding,https://one.example.org,member,"
    "2020-03,yes,2021-01-15,Treasurer,First imported member.\n"
    "imported-two,Imported Two,,FR,Europe,,,supporter,,no,,,\n"
)


def write(tmp_path, text, name="members.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_members", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Everything about every member that an import could change."""
    rows = []
    for member in MemberOrganisation.objects.order_by("slug").prefetch_related("sectors"):
        values = {name: str(getattr(member, name) or "") for name in COLUMNS.values() if name != "sectors"}
        values["sectors"] = sorted(s.slug_en for s in member.sectors.all())
        values["updated_at"] = member.updated_at
        rows.append(values)
    return rows


def test_a_good_file_creates_members(tmp_path):
    out, _err = run(write(tmp_path, GOOD))
    assert "Created: 2; updated: 0" in out
    one = MemberOrganisation.objects.get(slug="imported-one")
    assert (one.name, one.acronym, one.country.code, one.region.slug_en) == ("Imported One", "IO1", "KE", "africa")
    assert sorted(s.slug_en for s in one.sectors.all()) == ["human-rights", "peacebuilding"]
    assert one.joined_on.isoformat() == "2020-03-01"
    assert one.on_steering_committee and one.steering_committee_role_en == "Treasurer"
    assert one.description_en == "First imported member."
    two = MemberOrganisation.objects.get(slug="imported-two")
    assert two.region.slug_en == "europe" and two.membership_type == "supporter"
    assert Revision.objects.for_instance(one).count() == 1


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write(tmp_path, GOOD)
    run(path)
    before = snapshot()
    revisions = Revision.objects.count()
    out, _err = run(path)
    assert "Created: 0; updated: 0; unchanged: 2." in out
    assert snapshot() == before
    assert Revision.objects.count() == revisions


def test_a_changed_row_updates_only_that_member_and_records_a_revision(tmp_path):
    run(write(tmp_path, GOOD))
    changed = GOOD.replace("Imported Two,,FR,Europe", "Imported Two,I2,FR,Europe")
    out, _err = run(write(tmp_path, changed, "changed.csv"))
    assert "update imported-two: acronym" in out
    assert "Created: 0; updated: 1; unchanged: 1." in out
    two = MemberOrganisation.objects.get(slug="imported-two")
    assert two.acronym == "I2"
    assert Revision.objects.for_instance(two).count() == 2


def test_a_file_with_one_bad_row_is_rejected_and_nothing_is_written(tmp_path):
    bad = GOOD + "imported-three,Imported Three,,Atlantis,africa,,not a url,member,,,,,\n"
    before = snapshot()
    with pytest.raises(CommandError, match="nothing was imported"):
        _out, err = run(write(tmp_path, bad))
    assert snapshot() == before
    assert not MemberOrganisation.objects.filter(slug__startswith="imported-").exists()


def test_every_bad_row_is_reported_with_its_line_and_reason(tmp_path):
    bad = (
        "slug,name,country,region,sectors,website,membership_type,joined_on\n"
        "ok-row,Fine,KE,africa,,,member,\n"
        "bad-country,Bad Country,Atlantis,africa,,,member,\n"
        "bad-region,Bad Region,KE,Narnia,,,member,\n"
        "bad-sector,Bad Sector,KE,africa,cooking,,member,\n"
        "bad-url,Bad URL,KE,africa,,not a url,member,\n"
        "bad-type,Bad Type,KE,africa,,,partner,\n"
        "bad-date,Bad Date,KE,africa,,,member,yesterday\n"
        "ok-row,Duplicate,KE,africa,,,member,\n"
        ",No Slug,KE,africa,,,member,\n"
        "no-name,,KE,africa,,,member,\n"
    )
    result = MemberImporter().run(bad)
    errors = dict(result.errors)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9, 10, 11}
    assert "unknown country “Atlantis”" in errors[3]
    assert "unknown region “Narnia”" in errors[4]
    assert "unknown sector “cooking”" in errors[5]
    assert errors[6].startswith("website:")
    assert errors[7].startswith("membership_type:")
    assert "joined_on: “yesterday” is not a date" in errors[8]
    assert "already used on line 2" in errors[9]
    assert "slug:" in errors[10]
    assert "a new member needs: name" in errors[11]
    assert not MemberOrganisation.objects.filter(slug="ok-row").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,country\nX,KE\n", "must be “slug”"),
        ("slug,name,colour\nx,X,red\n", "Unknown column(s): colour"),
        ("slug,name\nx,X,extra\n", "more cells than the header"),
        ("slug,name\nx\x00,X\n", "NUL"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(text, message):
    result = MemberImporter().run(text)
    assert not result.ok
    assert any(message in error for _line, error in result.errors)


def test_dry_run_shows_what_would_change_and_writes_nothing(tmp_path):
    out, _err = run(write(tmp_path, GOOD), "--dry-run")
    assert "would create imported-one" in out
    assert "nothing was saved" in out
    assert not MemberOrganisation.objects.filter(slug__startswith="imported-").exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        run(tmp_path / "nope.csv")


# --- export --------------------------------------------------------------------------------


def test_open_data_csv_has_the_import_columns_and_honours_the_filters(client, world):
    response = client.get("/en/members.csv?region=testland-north&sector=water-rights")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == PUBLIC_COLUMNS
    assert [row["name"] for row in rows] == ["Alpha Watch", "Beta Forum"]
    assert rows[1]["sectors"] == f"{world['water'].slug_en};{world['roads'].slug_en}"
    assert rows[1]["membership_type"] == "supporter"
    assert not set(PUBLIC_COLUMNS) & {"contact_email", "source", "published"}


def test_the_directory_links_to_its_open_data_with_the_same_filters(client, world):
    page = BeautifulSoup(client.get(f"{DIRECTORY}?region=testland-north&page=1").content, "html.parser")
    links = {a.get_text(): a["href"] for a in page.select(".member-data a")}
    assert links == {
        "CSV": "/en/members.csv?region=testland-north",
        "JSON": "/en/members.json?region=testland-north",
        "Where our members are: the map": "/en/members/map/",
    }


def test_open_data_json_honours_the_filters(client, world):
    data = client.get("/en/members.json?region=testland-north&q=beta").json()
    assert data["count"] == 1
    record = data["members"][0]
    assert record["name"] == "Beta Forum"
    assert record["region_name"] == "Testland North"
    assert record["sector_names"] == ["Water rights", "Road safety"]
    assert record["url"] == f"http://testserver{DIRECTORY}{world['beta'].slug}/"
    assert record["public_email"] == ""


def test_public_export_round_trips_through_import(client, world):
    exported = client.get("/en/members.csv").content.decode()
    # Importing the export as it is changes nothing…
    before = snapshot()
    result = MemberImporter().run(exported)
    assert result.ok and not result.created and not result.updated
    assert snapshot() == before
    # …and it rebuilds deleted members as they were.
    north_before = [r for r in before if r["slug"] in {world["alpha"].slug, world["beta"].slug}]
    MemberOrganisation.objects.filter(pk__in=[world["alpha"].pk, world["beta"].pk]).delete()
    result = MemberImporter().run(exported)
    assert sorted(result.created) == sorted([world["alpha"].slug, world["beta"].slug])
    after = [r for r in snapshot() if r["slug"] in {world["alpha"].slug, world["beta"].slug}]
    for old, new in zip(north_before, after, strict=True):
        assert {k: v for k, v in old.items() if k != "updated_at"} == {
            k: v for k, v in new.items() if k != "updated_at"
        }


def test_admin_export_round_trips_through_import(admin_client, world):
    response = admin_client.get("/admin/snippets/members/memberorganisation/?export=csv")
    exported = b"".join(response.streaming_content).decode()
    header = next(csv.reader(io.StringIO(exported)))
    assert header == list(COLUMNS)
    before = snapshot()
    result = MemberImporter().run(exported)
    assert result.ok, result.errors
    assert (result.created, result.updated) == ([], [])
    assert snapshot() == before


# --- sample data -------------------------------------------------------------------------


def test_sample_members_are_marked_and_kept_apart(client):
    real = MemberOrganisation.objects.real().count()
    call_command("make_sample_members", "25", stdout=io.StringIO())
    samples = MemberOrganisation.objects.samples()
    assert samples.count() == 25
    assert all(m.name.startswith("Sample organisation ") for m in samples)
    assert MemberOrganisation.objects.real().count() == real
    assert MemberOrganisation.objects.directory().filter(region__in=Region.objects.all()).count() >= 25
    call_command("make_sample_members", "5", stdout=io.StringIO())
    assert MemberOrganisation.objects.samples().count() == 30  # numbered on, no clash
    call_command("make_sample_members", "--delete", stdout=io.StringIO())
    assert MemberOrganisation.objects.samples().count() == 0
    assert MemberOrganisation.objects.real().count() == real
