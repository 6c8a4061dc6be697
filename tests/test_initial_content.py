"""load_initial_content: the seed's facts, idempotency, and respect for editors' changes."""

import io

import pytest
from django.core.management import call_command

from members.models import MemberOrganisation, Region, Sector
from offices.models import Office
from pages.models import HistoryPage, InitialContentRecord, StandardPage, TimelineEvent

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("load_initial_content", stdout=out)
    return out.getvalue()


def counts():
    from wagtail.models import Page, Revision

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "members": MemberOrganisation.objects.count(),
        "regions": Region.objects.count(),
        "sectors": Sector.objects.count(),
        "offices": Office.objects.count(),
        "events": TimelineEvent.objects.count(),
        "records": InitialContentRecord.objects.count(),
    }


def test_second_run_changes_nothing():
    before = counts()
    output = run()
    assert "0 object(s) created, 0 translation(s) filled in" in output
    assert counts() == before


def test_seed_facts():
    assert Region.objects.count() == 7 and Sector.objects.count() == 7
    assert MemberOrganisation.objects.real().count() == 15
    hrw = MemberOrganisation.objects.get(acronym="HRW")
    assert hrw.country.code == "US" and hrw.region.name == "Global"
    assert hrw.on_steering_committee and hrw.steering_committee_since.isoformat() == "2009-01-01"
    apr2p = MemberOrganisation.objects.get(acronym="APR2P")
    assert apr2p.joined_on.isoformat() == "2010-10-01"
    assert apr2p.steering_committee_since.isoformat() == "2012-03-01"
    new_york = Office.objects.get(city="New York")
    assert (new_york.street_address, new_york.suite, new_york.postal_code) == ("155 E. 44th St", "Suite 1715", "10017")
    assert new_york.phone.as_e164 == "+12125991320" and new_york.fax.as_e164 == "+12125991332"
    hague = Office.objects.get(city="The Hague")
    assert (hague.street_address, hague.postal_code, hague.country.code) == ("Bezuidenhoutseweg 99A", "2594 AC", "NL")
    assert hague.phone.as_e164 == "+31703634484" and hague.fax.as_e164 == "+31703640259"
    symbols = set(TimelineEvent.objects.exclude(document_symbol="").values_list("document_symbol", flat=True))
    assert {"A/RES/60/1", "A/63/677", "A/RES/63/308", "A/RES/75/277", "S/RES/1674 (2006)"} <= symbols


def test_admin_edits_survive_a_second_run():
    about = StandardPage.objects.get(slug="about")
    about.title = "About us (edited)"
    about.intro = "Edited by staff."
    about.save_revision().publish()
    hrw = MemberOrganisation.objects.get(acronym="HRW")
    hrw.city = "New York"
    hrw.save()
    history = HistoryPage.objects.get()
    history.events.filter(document_symbol="A/RES/60/1").update(title="World Summit (edited)")

    run()

    about.refresh_from_db()
    assert about.title == "About us (edited)" and about.intro == "Edited by staff."
    assert MemberOrganisation.objects.get(acronym="HRW").city == "New York"
    assert TimelineEvent.objects.get(document_symbol="A/RES/60/1").title == "World Summit (edited)"


def test_deleted_content_is_not_recreated():
    StandardPage.objects.get(slug="about").get_descendants().delete()
    pages_before = counts()["pages"]
    run()
    assert counts()["pages"] == pages_before


def test_a_page_with_an_unpublished_draft_is_left_alone():
    about = StandardPage.objects.get(slug="about")
    about.intro = "Draft intro"
    about.save_revision()  # draft only
    run()
    about.refresh_from_db()
    assert about.has_unpublished_changes
    assert about.get_latest_revision_as_object().intro == "Draft intro"


@pytest.mark.usefixtures("forget_cached_site_roots")
@pytest.mark.parametrize("language", ["fr", "es", "ar", "zh-hans", "ru"])
def test_the_form_pages_and_the_un_texts_tracker_describe_themselves_in_the_pages_language(client, language):
    """Their meta description (search results, link previews) was English in the five languages (fourth
    language review); an existing database gets them, as any translation still empty."""
    from bs4 import BeautifulSoup
    from django.utils import translation

    from engagement.models import ContactFormPage, MembershipApplicationPage, NewsletterPage, PrivacyNoticePage
    from untexts.models import UNTextIndexPage

    models = (UNTextIndexPage, MembershipApplicationPage, NewsletterPage, PrivacyNoticePage, ContactFormPage)
    column = "search_description_" + language.replace("-", "_")
    for model in models:
        page = model.objects.get()
        setattr(page, column, "")  # a database made before the translations were shipped
        page.save_revision().publish()
    run()
    for model in models:
        page = model.objects.get()
        with translation.override(language):
            url = page.get_url()
        html = BeautifulSoup(client.get(url).content, "html.parser")
        description = html.select_one('meta[name="description"]')["content"]
        assert description and description == getattr(page, column), (language, url)
        assert description != page.search_description_en, (language, url)
