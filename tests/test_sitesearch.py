"""Site search (/<lang>/search/): what visitors type finds what they look for, in six languages.

The table of queries runs on PostgreSQL (the reference: per-language stemming, Arabic particles,
Chinese substrings, trigram suggestions); SQLite (``make run``) gets the fallback subset. The rest
(index updates, privacy, results page, editors' picks, the report) runs on both.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query as PromotionQuery
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction

from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation, Region
from pages.models import HistoryPage, StandardPage, TimelineEvent
from sitesearch import backend
from sitesearch.models import SearchDocument, UnansweredSearch

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL text search (CI runs it)")


def results_page(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(page):
    return [a.get_text(strip=True) for a in page.select(".search-results .search-result__title a")]


def found(client, language, query):
    return titles(results_page(client, language, query))


# (language, what a visitor types, a title that must be among the results)
QUERIES = [
    # English: singular and plural, verb and noun, members, acronyms, UN symbols, timeline events
    ("en", "pillars", "The Responsibility to Protect"),
    ("en", "pillar", "The Responsibility to Protect"),
    ("en", "crime", "The Responsibility to Protect"),
    ("en", "crimes", "The Responsibility to Protect"),
    ("en", "member", "Our members"),
    ("en", "protecting", "The Responsibility to Protect"),
    ("en", "endorsement", "The 2005 World Summit endorses the Responsibility to Protect"),
    ("en", "Oxfam", "Oxfam International"),
    ("en", "oxfam international", "Oxfam International"),
    ("en", "Human Rights Watch", "Human Rights Watch"),
    ("en", "HRW", "Human Rights Watch"),
    ("en", "hrw", "Human Rights Watch"),
    ("en", "Genocide Alert", "Genocide Alert"),
    ("en", "Germany", "Genocide Alert"),
    ("en", "Panama", "Steering committee meets in Panama"),
    ("en", "A/RES/60/1", "The 2005 World Summit endorses the Responsibility to Protect"),
    ("en", "a/res/60/1", "The Responsibility to Protect"),
    ("en", "A / RES / 60 / 1", "The 2005 World Summit endorses the Responsibility to Protect"),
    ("en", "S/RES/1674", "Security Council resolution 1674"),
    ("en", "s/res/1674", "Security Council resolution 1674"),
    ("en", "SOVEREIGNTY", "The Responsibility to Protect"),
    # French: accents optional, plural, country names in French
    ("fr", "génocide", "La responsabilité de protéger"),
    ("fr", "genocides", "La responsabilité de protéger"),
    ("fr", "souverainete", "La responsabilité de protéger"),
    ("fr", "Royaume-Uni", "Oxfam International"),
    ("fr", "Oxfam", "Oxfam International"),
    # Spanish
    ("es", "genocidios", "La responsabilidad de proteger"),
    ("es", "crimenes", "La responsabilidad de proteger"),
    ("es", "crímenes", "La responsabilidad de proteger"),
    ("es", "soberania", "La responsabilidad de proteger"),
    # Russian: cases
    ("ru", "геноцид", "Обязанность защищать"),
    ("ru", "геноцида", "Обязанность защищать"),
    ("ru", "геноцидом", "Обязанность защищать"),
    ("ru", "преступление", "Обязанность защищать"),
    ("ru", "преступлений", "Обязанность защищать"),
    ("ru", "обязанности", "Обязанность защищать"),
    ("ru", "ответственность по защите", "Обязанность защищать"),  # the old form, a synonym (issue 23)
    # Arabic: with and without the article, with the attached particles و ب ل
    ("ar", "إبادة", "المسؤولية عن الحماية"),
    ("ar", "الإبادة", "المسؤولية عن الحماية"),
    ("ar", "الإبادة الجماعية", "المسؤولية عن الحماية"),
    ("ar", "والإبادة", "المسؤولية عن الحماية"),
    ("ar", "بالإبادة", "المسؤولية عن الحماية"),
    ("ar", "للإبادة", "المسؤولية عن الحماية"),
    ("ar", "جرائم", "المسؤولية عن الحماية"),
    ("ar", "وجرائم", "المسؤولية عن الحماية"),
    ("ar", "مسؤولية", "المسؤولية عن الحماية"),
    ("ar", "المملكة المتحدة", "Oxfam International"),
    # Chinese: a term inside a text without spaces
    ("zh-hans", "灭绝", "保护责任"),
    ("zh-hans", "种族", "保护责任"),
    ("zh-hans", "英国", "Oxfam International"),
    ("zh-hans", "A/RES/60/1", "保护责任"),
    ("zh-hans", "ICRtoP", "关于联盟"),
]

# (language, misspelt query, the suggestion shown)
MISSPELLINGS = [
    ("en", "genocde", "genocide"),
    ("en", "sovereinty", "sovereignty"),
    ("fr", "souverainte", "souveraineté"),
    ("es", "soberanai", "soberanía"),
    ("ru", "геноцыд", "геноцид"),
    ("ar", "المسؤليه", "المسؤولية"),
]

# What the SQLite fallback (prefix and substring matching on folded text) must find as well.
FALLBACK_QUERIES = [
    ("en", "pillars", "The Responsibility to Protect"),
    ("en", "pillar", "The Responsibility to Protect"),
    ("en", "crimes", "The Responsibility to Protect"),
    ("en", "member", "Our members"),
    ("en", "Oxfam", "Oxfam International"),
    ("en", "HRW", "Human Rights Watch"),
    ("en", "Panama", "Steering committee meets in Panama"),
    ("en", "A/RES/60/1", "The 2005 World Summit endorses the Responsibility to Protect"),
    ("en", "a / res / 60 / 1", "The 2005 World Summit endorses the Responsibility to Protect"),
    ("fr", "souverainete", "La responsabilité de protéger"),
    ("ru", "геноцида", "Обязанность защищать"),
    ("ar", "الإبادة", "المسؤولية عن الحماية"),
    ("zh-hans", "灭绝", "保护责任"),
]


@on_postgres
@pytest.mark.postgres
@pytest.mark.parametrize(("language", "query", "title"), QUERIES)
def test_postgres_finds_what_visitors_type(client, language, query, title):
    assert title in found(client, language, query)


@on_postgres
@pytest.mark.postgres
@pytest.mark.parametrize(("language", "query", "suggestion"), MISSPELLINGS)
def test_postgres_suggests_a_close_spelling(client, language, query, suggestion):
    page = results_page(client, language, query)
    assert titles(page) == []
    link = page.select_one(".search-suggestion a")
    assert link is not None and link.get_text(strip=True) == suggestion
    assert titles(BeautifulSoup(client.get(f"/{language}/search/{link['href']}").content, "html.parser"))


@pytest.mark.parametrize(("language", "query", "title"), FALLBACK_QUERIES)
def test_every_database_finds_word_forms_members_and_symbols(client, language, query, title):
    assert title in found(client, language, query)


def test_a_misspelling_gets_a_suggestion_on_every_database(client):
    link = results_page(client, "en", "genicide").select_one(".search-suggestion a")
    assert link.get_text(strip=True) == "genocide"
    assert link["href"] == "?q=genocide"


def test_exact_title_and_acronym_come_first(client):
    assert found(client, "en", "Human Rights Watch")[0] == "Human Rights Watch"
    assert found(client, "en", "HRW")[0] == "Human Rights Watch"
    assert found(client, "en", "Oxfam International")[0] == "Oxfam International"


def test_results_have_kind_snippet_with_marked_words_and_date_with_its_precision(client):
    page = results_page(client, "en", "Panama")
    result = page.select_one(".search-result")
    assert result.select_one(".search-result__kind").get_text(strip=True) == "Timeline"  # not "History"
    event = TimelineEvent.objects.get(title_en="Steering committee meets in Panama")
    time = result.select_one("time")
    expected = {"year": event.date.strftime("%Y"), "month": event.date.strftime("%Y-%m")}.get(
        event.precision, event.date.isoformat()
    )
    assert time["datetime"] == expected  # never more precise than the source
    assert result.select_one("a")["href"].endswith(f"#event-{event.pk}")
    marked = results_page(client, "en", "pillars").select(".search-result__snippet mark")
    assert "pillars" in [mark.get_text() for mark in marked]


def test_filter_by_kind_with_counts_and_clean_links(client):
    page = results_page(client, "en", "human rights")
    kinds = {a.get_text(" ", strip=True): a["href"] for a in page.select(".search-kinds a")}
    member_label = next(label for label in kinds if label.startswith("Members"))
    count = int(member_label.split("(")[1].rstrip(")"))
    assert kinds[member_label] == "?q=human+rights&kind=member"
    filtered = results_page(client, "en", "human rights", kind="member")
    assert filtered.select_one(".search-kinds [aria-current=page]").get_text(" ", strip=True) == member_label
    shown = [kind.get_text(strip=True) for kind in filtered.select(".search-result__kind")]
    assert shown and set(shown) == {"Member organisation"}  # each result says what it is
    assert len(shown) == min(count, 10)


def test_pagination_links_keep_the_query_and_kind(client):
    page = results_page(client, "en", "responsibility")
    next_link = page.select_one(".pagination a[rel=next]")
    assert next_link["href"] == "?q=responsibility&page=2"
    second = results_page(client, "en", "responsibility", page="2")
    assert second.select_one(".pagination a[rel=prev]")["href"] == "?q=responsibility"
    assert set(titles(page)).isdisjoint(titles(second))
    assert second.select_one(".search-results")["start"] == "11"


def test_an_unknown_kind_or_page_is_ignored_with_a_note(client):
    page = results_page(client, "en", "coalition", kind="<b>bogus</b>", page="999999")
    notes = " ".join(note.get_text() for note in page.select(".notice"))
    assert "That kind of result does not exist" in notes
    assert "That results page does not exist" in notes
    assert titles(page)


def test_query_and_text_are_escaped_and_only_marks_are_markup(client):
    page = StandardPage.objects.get(slug_en="about")
    page.intro = "Tags like <script>alert(1)</script> & zqxjunique words stay text."
    page.save_revision().publish()
    response = client.get("/en/search/", {"q": "zqxjunique <script>"})
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body
    hostile = client.get("/en/search/", {"q": '"><img src=x onerror=alert(1)>'}).content.decode()
    assert "<img src=x" not in hostile
    snippet = results_page(client, "en", "zqxjunique").select_one(".search-result__snippet")
    assert [tag.name for tag in snippet.find_all(True)] == ["mark"]
    assert "<script>alert(1)</script>" in snippet.get_text()


def test_empty_result_links_to_the_directory(client):
    page = results_page(client, "en", "zzzxxqqqnothing")
    assert "No results for “zzzxxqqqnothing”." in page.get_text()
    assert "/en/members/" in [a["href"] for a in page.select(".search-elsewhere a")]


def test_english_fallback_is_marked(client):
    page = StandardPage.objects.get(slug_en="about")
    page.title_fr = ""
    page.save_revision().publish()
    results = results_page(client, "fr", "coalition")
    link = next(a for a in results.select(".search-result__title a") if a.get_text(strip=True) == "About the Coalition")
    assert link["lang"] == "en"
    assert "En anglais" in link.find_parent("li").select_one(".search-result__fallback").get_text()


# --- the index follows the content ---------------------------------------------------------------


def test_publishing_unpublishing_and_deleting_a_page_updates_the_index(client):
    parent = StandardPage.objects.get(slug_en="about")
    page = StandardPage(title="Quixotic atrocity prevention toolkit", slug="toolkit", intro="Zephyrine guidance.")
    parent.add_child(instance=page)
    page.unpublish()
    assert "Quixotic atrocity prevention toolkit" not in found(client, "en", "zephyrine")
    page.save_revision().publish()
    assert "Quixotic atrocity prevention toolkit" in found(client, "en", "zephyrine")
    page.refresh_from_db()
    page.unpublish()
    assert "Quixotic atrocity prevention toolkit" not in found(client, "en", "zephyrine")
    page.save_revision().publish()
    page.refresh_from_db()
    page.delete()
    assert not SearchDocument.objects.filter(title="Quixotic atrocity prevention toolkit").exists()


def test_private_pages_never_appear(client):
    page = StandardPage.objects.get(slug_en="about")
    assert "About the Coalition" in found(client, "en", "coalition")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "About the Coalition" not in found(client, "en", "coalition")
    assert "Our history" not in found(client, "en", "history")  # below the private page


def test_moving_a_page_updates_its_address(client):
    history = HistoryPage.objects.get()
    home = Page.objects.get(depth=2)
    history.move(home, pos="last-child")
    link = results_page(client, "en", "Panama").select_one(".search-result__title a")
    assert link["href"].startswith("/en/history/#event-")


def test_members_are_indexed_when_saved_and_removed_when_unpublished_or_deleted(client):
    member = MemberOrganisationFactory(
        name="Xylophone Peace Network", acronym="XPN", region=Region.objects.first(), description="Early warning."
    )
    assert found(client, "en", "XPN") == ["Xylophone Peace Network"]
    member.name = "Xylophone Peace Alliance"
    member.save()
    assert found(client, "en", "xylophone") == ["Xylophone Peace Alliance"]
    member.published = False
    member.save()
    assert found(client, "en", "xylophone") == []
    member.published = True
    member.save()
    member.delete()
    assert found(client, "en", "xylophone") == []


def test_a_members_place_is_not_said_twice(client):
    MemberOrganisationFactory(name="Quokka Rights Forum", country="KE", region=Region.objects.first())
    result = results_page(client, "en", "quokka").select_one(".search-result")
    assert "Kenya" in result.select_one(".search-result__snippet").get_text()
    assert result.select_one(".search-result__place") is None  # not "Kenya · …" then "Kenya" again


def test_sample_members_never_appear(client):
    MemberOrganisationFactory(name="Yodelling Sample Org", region=Region.objects.first(), is_sample=True)
    backend.rebuild()
    assert found(client, "en", "yodelling") == []


def test_rebuild_indexes_every_kind(client):
    counts = backend.rebuild()
    assert counts["member"] == MemberOrganisation.objects.published().real().count() * 6
    assert {"page", "member", "history", "office"} <= set(counts)


# --- editors' picks and the report of searches without results ----------------------------------


def test_editors_picks_come_first(client):
    contact = Page.objects.get(slug_en="contact")
    query = PromotionQuery.get("donate")
    SearchPromotion.objects.create(query=query, page=contact, description="How to reach us.", sort_order=0)
    page = results_page(client, "en", "Donate")
    picks = page.select(".search-picks a")
    with translation.override("en"):
        assert [a.get_text(strip=True) for a in picks] == [contact.title]
    contact.unpublish()
    assert results_page(client, "en", "donate").select(".search-picks a") == []


def test_searches_without_results_are_counted_for_staff(client, admin_client):
    client.get("/en/search/", {"q": "Quasar Mandate"})
    client.get("/fr/search/", {"q": "quasar mandate"})
    client.get("/fr/search/", {"q": "quasar mandate"})
    entry = UnansweredSearch.objects.get(query="quasar mandate", language="fr")
    assert entry.hits == 2
    assert UnansweredSearch.objects.filter(query="quasar mandate", language="en").get().hits == 1
    client.get("/en/search/", {"q": "coalition"})
    assert not UnansweredSearch.objects.filter(query="coalition").exists()
    report = admin_client.get("/admin/reports/searches-without-results/")
    assert report.status_code == 200
    assert "quasar mandate" in report.content.decode()


def test_the_report_is_for_staff_only(client, django_user_model):
    assert client.get("/admin/reports/searches-without-results/").status_code == 302
    user = django_user_model.objects.create_user("visitor", "v@example.org", "a-long-test-password")
    client.force_login(user)
    assert client.get("/admin/reports/searches-without-results/").status_code in (302, 403)


def test_a_formula_typed_as_a_search_is_exported_as_text(admin_client):
    admin_client.get("/en/search/", {"q": "=HYPERLINK(1)"})
    response = admin_client.get("/admin/reports/searches-without-results/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "'=hyperlink(1)" in content


@pytest.mark.parametrize(
    "language, shown",
    [("en", "14–16 September 2005"), ("es", "14 a 16 de septiembre de 2005"), ("zh-hans", "2005年9月14日至16日")],
)
def test_a_history_entry_over_several_days_shows_its_whole_period(client, language, shown):
    """Not its first day only (third language review: "14 September 2005" for the 14–16 September Summit)."""
    page = results_page(client, language, "A/RES/60/1")
    result = next(item for item in page.select(".search-result") if "#event-" in item.select_one("a")["href"])
    assert shown in result.select_one(".search-result__meta").get_text().replace("\u00a0", " ")
