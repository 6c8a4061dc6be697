"""The translation status numbers, checked on a small known set of records, in the admin report
and in ``manage.py translation_status``."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page

from members.models import MemberOrganisation, Region, Sector
from offices.models import Office
from pages.models import HomePage, StandardPage
from translations.registry import KINDS
from translations.status import translation_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]


@pytest.fixture
def known_site():
    """Only these records exist (everything else is removed inside the test's transaction).

    Counted fields (English non-empty) and French ones filled:
    - home: title, hero heading (its slug is never in an address)  -> fr 1/2
    - page "Mandate": title, slug, intro                            -> fr 2/3
    - region: name, slug                                            -> fr 2/2
    - sector: name, slug                                            -> fr 0/2
    - office: name (no opening hours in English)                    -> fr 1/1
    - member: description, steering committee role                  -> fr 1/2
    French: 7 of 12 = 58.3 %; Spanish: only the region's name, 1 of 12 = 8.3 %.
    """
    MemberOrganisation.objects.all().delete()
    Region.objects.all().delete()
    Sector.objects.all().delete()
    Office.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    for kind in KINDS:  # and every other kind of record translators work on (crisis levels, UN texts...)
        if kind.key != "page":
            kind.model.objects.all().delete()
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title_en="Home", slug_en="home", title_fr="Accueil", hero_heading_en="Prevent atrocities")
    )
    mandate = home.add_child(
        instance=StandardPage(
            title_en="Mandate", slug_en="mandate", intro_en="What we do.", title_fr="Mandat", slug_fr="mandat"
        )
    )
    region = Region.objects.create(name_en="Africa", slug_en="africa", name_fr="Afrique", slug_fr="afrique")
    region.name_es = "África"
    region.save()
    sector = Sector.objects.create(name_en="Peace", slug_en="peace")
    office = Office.objects.create(
        name_en="New York office",
        name_fr="Bureau de New York",
        street_address="1 Street",
        city="New York",
        country="US",
    )
    member = MemberOrganisation.objects.create(
        name="Example NGO",
        slug="example-ngo",
        country="KE",
        region=region,
        description_en="Works for peace.",
        description_fr="Œuvre pour la paix.",
        steering_committee_role_en="Founding member",
    )
    return {"home": home, "mandate": mandate, "region": region, "sector": sector, "office": office, "member": member}


def by_key(status):
    return {(o.kind, o.pk): o for o in status.objects}


def test_numbers_match_the_known_fixture(known_site):
    french, spanish = translation_status(["fr", "es"])
    assert (french.filled, french.total, french.percent) == (7, 12, 58.3)
    assert (spanish.filled, spanish.total, spanish.percent) == (1, 12, 8.3)
    objects = by_key(french)
    expected = {
        ("page", known_site["home"].pk): (1, 2, 50.0),
        ("page", known_site["mandate"].pk): (2, 3, 66.6),
        ("region", known_site["region"].pk): (2, 2, 100.0),
        ("sector", known_site["sector"].pk): (0, 2, 0.0),
        ("office", known_site["office"].pk): (1, 1, 100.0),
        ("member", known_site["member"].pk): (1, 2, 50.0),
    }
    assert {key: (o.filled, o.total, o.percent) for key, o in objects.items()} == expected
    assert [str(m) for m in objects[("page", known_site["mandate"].pk)].missing] == ["introduction"]
    assert [str(m) for m in objects[("member", known_site["member"].pk)].missing] == ["steering committee role"]
    kinds = {row["kind"]: (row["filled"], row["total"]) for row in french.by_kind()}
    assert kinds == {
        "page": (3, 5),
        "member": (1, 2),
        "region": (2, 2),
        "sector": (0, 2),
        "office": (1, 1),
        "topic": (0, 0),
        "crisis-level": (0, 0),
        "un-text": (0, 0),
    }


def test_the_command_gives_the_same_numbers_as_json_and_as_a_table(known_site):
    out = io.StringIO()
    call_command("translation_status", "--json", stdout=out)
    data = {language["language"]: language for language in json.loads(out.getvalue())["languages"]}
    assert set(data) == {"fr", "es", "ar", "zh-hans", "ru"}
    assert (data["fr"]["filled"], data["fr"]["total"], data["fr"]["percent"]) == (7, 12, 58.3)
    assert data["ar"]["percent"] == 0.0
    mandate = next(o for o in data["fr"]["objects"] if o["id"] == known_site["mandate"].pk and o["kind"] == "page")
    assert mandate["edit_url"].endswith(f"/admin/pages/{known_site['mandate'].pk}/edit/")

    out = io.StringIO()
    call_command("translation_status", "--language", "fr", stdout=out)
    text = out.getvalue()
    assert "58.3% (7/12)" in text
    assert f"/admin/pages/{known_site['mandate'].pk}/edit/" in text
    assert "missing: introduction" in text


def test_an_unknown_language_is_a_clear_error(known_site):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown language"):
        call_command("translation_status", "--language", "de", stdout=io.StringIO())


@pytest.mark.parametrize("group", ["Translators", "Editors", "Moderators"])
def test_the_admin_report_shows_the_same_numbers_to_editors_and_translators(
    client, django_user_model, known_site, group
):
    user = django_user_model.objects.create_user(f"u-{group}", "u@example.org", "a-long-test-password")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    menu = client.get("/admin/").content.decode()
    assert "/admin/reports/translation-status/" in menu
    response = client.get("/admin/reports/translation-status/?language=fr")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    french_row = next(tr for tr in page.select("table.listing tbody tr") if tr.find("th", lang="fr"))
    assert "58.3 %" in french_row.get_text()
    edit_links = [a["href"] for a in page.select("a.button")]
    assert f"/admin/pages/{known_site['mandate'].pk}/edit/" in edit_links


def test_people_without_page_rights_cannot_see_the_report(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", "n@example.org", "a-long-test-password")
    client.force_login(user)
    assert client.get("/admin/reports/translation-status/").status_code in (302, 403)
