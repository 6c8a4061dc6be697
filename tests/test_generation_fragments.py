"""What the pages read once per content generation (``core.generation``) is fresh on the next request
after a change, in every language, with the page cache off (so only the fragment caches are under
test): the home page's figures and next events, the steering committee, a section's child pages, a
member's statements, the search's editors' picks; and the search-term counters still count."""

import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone, translation
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page

from events import sections as event_sections
from events.factories import EventPageFactory
from events.models import EventIndexPage
from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation
from pages.models import HistoryPage, MemberDirectoryPage, SteeringCommitteePage
from publishing.factories import ArticlePageFactory
from publishing.models import ArticleSignatory, NewsIndexPage
from sitecache import conf

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def test_the_home_figures_follow_a_new_member_in_every_language(client):
    before = {code: soup(client, f"/{code}/").select_one(".numbers__item dd").get_text() for code in LANGUAGES}
    MemberOrganisationFactory(name="Fresh Figures Forum")
    for code in LANGUAGES:
        assert soup(client, f"/{code}/").select_one(".numbers__item dd").get_text() != before[code], code


def test_the_home_shows_a_new_upcoming_event_in_every_language(client):
    for code in LANGUAGES:
        assert "Generation test event" not in soup(client, f"/{code}/").get_text()
    with translation.override("en"):
        EventPageFactory(
            parent=EventIndexPage.objects.get(),
            title="Generation test event",
            slug="generation-test-event",
            is_sample=False,
            start_date=timezone.localdate() + datetime.timedelta(days=3),
        )
    for code in LANGUAGES:
        assert "Generation test event" in soup(client, f"/{code}/").get_text(), code


def test_the_next_events_are_kept_only_until_the_first_shown_one_ends():
    now = timezone.now()

    class Shown:
        def __init__(self, minutes):
            self.end = now + datetime.timedelta(minutes=minutes)

    assert event_sections.seconds_until_change({"events": [Shown(90), Shown(5)]}, now) == 300
    assert event_sections.seconds_until_change({"events": []}, now) == conf.fragment_timeout()
    assert event_sections.seconds_until_change({"events": [Shown(0)]}, now) == 1
    assert event_sections.seconds_until_change({"events": [Shown(10_000)]}, now) == conf.fragment_timeout()


def test_the_steering_committee_follows_a_term_that_ended_in_every_language(client):
    page = SteeringCommitteePage.objects.live().get()
    member = MemberOrganisation.objects.steering_committee().first()
    assert member is not None, "the initial content names a steering committee"
    urls = {code: url_in(page, code) for code in LANGUAGES}

    def current_names(code):
        return [li.get_text(" ", strip=True) for li in soup(client, urls[code]).select(".member-list")[0].select("li")]

    for code in LANGUAGES:
        assert any(member.name in name for name in current_names(code))
    member.steering_committee_until = timezone.localdate() - datetime.timedelta(days=1)
    member.save()
    for code in LANGUAGES:
        assert not any(member.name in name for name in current_names(code)), code


def test_a_sections_child_cards_follow_a_renamed_child_in_every_language(client):
    history = HistoryPage.objects.live().get()
    about = history.get_parent().specific
    urls = {code: url_in(about, code) for code in LANGUAGES}
    for code in LANGUAGES:
        soup(client, urls[code])
    for code in LANGUAGES:
        setattr(history, f"title_{code.replace('-', '_')}", f"Renamed history {code}")
    history.save_revision().publish()
    for code in LANGUAGES:
        assert f"Renamed history {code}" in soup(client, urls[code]).get_text(), code


def test_a_member_profile_lists_a_newly_signed_statement_in_every_language(client):
    member = MemberOrganisation.objects.for_profile().order_by("pk").first()
    directory = MemberDirectoryPage.objects.live().get()
    urls = {code: url_in(directory, code) + member.slug + "/" for code in LANGUAGES}
    for code in LANGUAGES:
        assert "Generation signed statement" not in soup(client, urls[code]).get_text()
    with translation.override("en"):
        article = ArticlePageFactory.build(
            title="Generation signed statement", slug="generation-signed", kind="statement"
        )
        article.signatories = [ArticleSignatory(member=member)]
        NewsIndexPage.objects.get().add_child(instance=article)
    for code in LANGUAGES:
        assert "Generation signed statement" in soup(client, urls[code]).get_text(), code


def test_a_new_editors_pick_shows_on_the_next_search_in_every_language(client):
    for code in LANGUAGES:
        assert soup(client, f"/{code}/search/?q=donate").select(".search-picks a") == []
    contact = Page.objects.get(slug_en="contact")
    SearchPromotion.objects.create(query=Query.get("donate"), page=contact, description="Reach us.", sort_order=0)
    for code in LANGUAGES:
        assert len(soup(client, f"/{code}/search/?q=donate").select(".search-picks a")) == 1, code


def test_every_search_is_counted_once_with_the_upserts(client):
    for _ in range(3):
        client.get("/en/search/", {"q": "Prevention  Upsert"})
    client.get("/fr/search/", {"q": "prevention upsert"})
    query = Query.objects.get(query_string="prevention upsert")
    assert QueryDailyHits.objects.get(query=query, date=timezone.now().date()).hits == 4
    assert query.hits == 4
    assert list(Query.get_most_popular().filter(pk=query.pk)) == [query]


def crisis_and_statement(member):
    from publishing.factories import CrisisPageFactory
    from publishing.models import CrisisIndexPage

    with translation.override("en"):
        crisis = CrisisPageFactory.build(title="Generation crisis", slug="generation-crisis", status="current")
        crisis.members = [member]
        CrisisIndexPage.objects.get().add_child(instance=crisis)
        article = ArticlePageFactory.build(title="Generation statement", slug="generation-statement", kind="statement")
        article.related_crises = [crisis]
        article.authors = [member]
        article.signatories = [ArticleSignatory(member=member)]
        NewsIndexPage.objects.get().add_child(instance=article)
    return crisis, article


def test_a_crisis_page_follows_its_statements_and_members_in_every_language(client):
    member = MemberOrganisation.objects.for_profile().order_by("pk").first()
    crisis, _article = crisis_and_statement(member)
    urls = {code: url_in(crisis, code) for code in LANGUAGES}
    for code in LANGUAGES:
        page = soup(client, urls[code])
        assert "Generation statement" in page.get_text() and member.name in page.get_text(), code
    with translation.override("en"):
        second = ArticlePageFactory.build(title="Second generation statement", slug="second-generation", kind="news")
        second.related_crises = [crisis]
        NewsIndexPage.objects.get().add_child(instance=second)
    member.name = "Renamed Generation Member"
    member.save()
    for code in LANGUAGES:
        text = soup(client, urls[code]).get_text()
        assert "Second generation statement" in text and "Renamed Generation Member" in text, code


def test_an_article_page_follows_its_signatories_and_authors_in_byline_and_structured_data(client):
    member = MemberOrganisation.objects.for_profile().order_by("pk").first()
    _crisis, article = crisis_and_statement(member)
    urls = {code: url_in(article, code) for code in LANGUAGES}
    for code in LANGUAGES:
        soup(client, urls[code])  # cached
    member.name = "Renamed Signing Member"
    member.save()
    other = MemberOrganisation.objects.for_profile().exclude(pk=member.pk).order_by("pk").first()
    # Explicit places (the order the editor gives): without them PostgreSQL may return the two in either order.
    article.signatories = [ArticleSignatory(member=member, sort_order=0), ArticleSignatory(member=other, sort_order=1)]
    article.save_revision().publish()
    for code in LANGUAGES:
        page = soup(client, urls[code])
        # Each signatory's name (a link to its profile), then its place.
        signatories = [li.find(["a", "span"]).get_text(strip=True) for li in page.select(".article__signatories li")]
        assert signatories == ["Renamed Signing Member", other.name], code
        assert "Renamed Signing Member" in page.select_one(".page-header .byline").get_text(), code
        assert "Renamed Signing Member" in page.find("script", type="application/ld+json").string, code


def test_a_preview_shows_the_drafts_relations_not_the_cached_ones(rf):
    from core.models import Topic

    member = MemberOrganisation.objects.for_profile().order_by("pk").first()
    crisis, _article = crisis_and_statement(member)
    topic = Topic.objects.create(name="Draft-only topic", slug="draft-only-topic")
    visitor = rf.get(crisis.url)
    assert crisis.get_context(visitor)["shown"]["topics"] == []  # now cached for visitors
    draft = crisis.get_latest_revision_as_object()
    draft.topics = [topic]
    preview = rf.get(crisis.url)
    preview.is_preview = True
    assert draft.get_context(preview)["shown"]["topics"] == [topic]
    crisis.refresh_from_db()
    assert crisis.get_context(rf.get(crisis.url))["shown"]["topics"] == []


# --- chrome and home content kept as rendered HTML (``{% generation_cache %}``) ---------------------


def test_the_menu_and_footer_follow_a_renamed_section_in_every_language(client):
    from pages.models import StandardPage

    section = StandardPage.objects.live().filter(show_in_menus=True, depth=3).order_by("path").first()
    history = HistoryPage.objects.live().get()
    urls = {code: [f"/{code}/", url_in(history, code)] for code in LANGUAGES}
    for code in LANGUAGES:
        for url in urls[code]:
            soup(client, url)  # menu, footer and home content now cached
    for code in LANGUAGES:
        setattr(section, f"title_{code.replace('-', '_')}", f"Renamed menu section {code}")
    section.save_revision().publish()
    for code in LANGUAGES:
        for url in urls[code]:
            page = soup(client, url)
            assert f"Renamed menu section {code}" in page.select_one(".main-nav").get_text(), url
            assert f"Renamed menu section {code}" in page.select_one("footer").get_text(), url


def test_a_preview_of_the_home_page_shows_the_draft_and_leaves_the_cached_page_alone(client):
    from pages.models import HomePage

    home = HomePage.objects.get()
    # The preview's request carries the site's host name: visitors of that host share its fragments.
    client.defaults["HTTP_HOST"] = urlsplit(home.full_url).netloc
    live_heading = soup(client, "/en/").select_one("#hero-heading").get_text()
    draft = home.get_latest_revision_as_object()
    draft.hero_heading_en = "A heading only the draft has"
    draft.save_revision()
    translation.activate("en")
    preview = draft.make_preview_request()
    assert preview.status_code == 200
    assert "A heading only the draft has" in preview.content.decode()
    assert soup(client, "/en/").select_one("#hero-heading").get_text() == live_heading


def test_a_counter_lost_to_eviction_starts_above_every_value_used():
    """A full cache may drop the generation counter; entries stored under earlier generations must
    never become current again."""
    from django.core.cache import cache

    from core import generation

    generation.bump()
    generation.bump()
    used = generation.current()
    cache.delete(generation.GENERATION_KEY)
    assert generation.current() > used
    cache.delete(generation.GENERATION_KEY)
    generation.bump()  # a change while the counter is missing
    assert generation.current() > used


def test_a_listing_shows_a_new_article_at_once_in_every_language(client):
    news = NewsIndexPage.objects.get()
    urls = {code: url_in(news, code) for code in LANGUAGES}
    for code in LANGUAGES:
        assert "Freshly published statement" not in soup(client, urls[code]).select_one(".listing").get_text()
    with translation.override("en"):
        article = ArticlePageFactory.build(title="Freshly published statement", slug="freshly-published")
        news.add_child(instance=article)
    for code in LANGUAGES:
        results = soup(client, urls[code]).select_one(".listing__results").get_text()
        assert "Freshly published statement" in results, code


def test_each_filter_of_the_directory_keeps_its_own_results(client):
    from members.models import Region

    regions = list(Region.objects.order_by("pk")[:2])
    for region in regions:
        MemberOrganisationFactory(name=f"Only in {region.slug}", region=region)
    directory = MemberDirectoryPage.objects.live().get()
    for code in ("en", "ar"):
        base = url_in(directory, code)
        for _ in range(2):  # the second visit reads the cached results
            for region, other in (regions, regions[::-1]):
                text = soup(client, f"{base}?region={region.slug}").select_one(".listing__results").get_text()
                assert f"Only in {region.slug}" in text and f"Only in {other.slug}" not in text, (code, region)


def test_the_contact_page_and_its_structured_data_follow_an_office_in_every_language(client):
    from offices.models import Office
    from pages.models import ContactPage

    contact = ContactPage.objects.live().get()
    urls = {code: url_in(contact, code) for code in LANGUAGES}
    for code in LANGUAGES:
        soup(client, urls[code])
    office = Office.objects.filter(published=True).order_by("pk").first()
    office.phone = "+31 70 555 0199"
    office.save()
    for code in LANGUAGES:
        page = soup(client, urls[code])
        assert "+31 70 555-0199" in page.select_one("main").get_text(), code
        assert "+31705550199" in page.find("script", type="application/ld+json").string, code
