"""The resources library: the UN documents list loaded with the initial content, the library's
listing and filters, a resource's page, the timeline links, search, feed and query counts."""

import io
import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from core.models import Topic
from resources import un_documents
from resources.models import ResourceIndexPage, ResourcePage

# Items for the flat query-count check (10, then LARGE). Creating 1,000 pages (each indexed for search
# in six languages) takes many minutes on the 2-core CI machine: ICRTOP_LARGE_LISTING=1000 runs it in full.
LARGE = int(os.environ.get("ICRTOP_LARGE_LISTING", "150"))

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CSV_ROWS = 32


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def resource(symbol=None, title=None):
    if symbol is not None:
        return ResourcePage.objects.get(symbol=symbol)
    return ResourcePage.objects.get(title=title)


def listing_titles(page):
    return [a.get_text(strip=True) for a in page.select(".member-list h3 a")]


# --- the UN documents load ------------------------------------------------------------------


def test_every_un_document_is_in_the_library(client):
    assert ResourcePage.objects.live().filter(is_sample=False).count() == CSV_ROWS
    library = ResourceIndexPage.objects.get()
    page = soup(client.get(library.url))
    assert f"{CSV_ROWS} resources" in page.select_one("#listing-results-heading").get_text()


def test_the_shipped_copy_is_the_shared_file():
    shared = Path(settings.SHARED_CONTENT_DIR) / "un-documents.csv"
    if not shared.exists():
        pytest.skip("no shared content folder on this machine (a clean clone uses the shipped copy)")
    assert un_documents.SHIPPED_COPY.read_bytes() == shared.read_bytes()


def test_a_month_date_shows_the_month_only(client):
    page = soup(client.get(resource("A/66/874–S/2012/578").url))
    time = page.select_one("dl time")
    assert time["datetime"] == "2012-07"
    assert time.get_text() == "July 2012"


def test_a_year_date_shows_the_year_only(client):
    page = soup(client.get(resource("A/70/999–S/2016/620").url))
    time = page.select_one("dl time")
    assert (time["datetime"], time.get_text()) == ("2016", "2016")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_date_and_a_symbol_of_different_years_say_which_date_it_is(client, language):
    """un-documents.csv gives the Framework of Analysis 2014 (its publication) beside A/70/741–S/2016/71
    (its issue as a UN document in 2016, whose day the file does not give): the page says so, invents
    no 2016 date, and a document whose symbol and date agree carries no such note."""
    framework = resource("A/70/741–S/2016/71")
    page = soup(client.get(f"/{language}" + framework.get_url()[3:]))
    with translation.override(language):
        note = translation.gettext(
            "Date of publication. The symbol is that of its issue as a UN document, in %(year)s."
        ) % {"year": 2016}
    date = next(div for div in page.select("dl.facts > div") if div.select_one("time"))
    assert date.select_one("time")["datetime"] == "2014"
    assert date.select_one(".facts__note").get_text(" ", strip=True) == note
    assert page.select("dl.facts time[datetime^='2016']") == []
    other = soup(client.get(resource("A/70/999–S/2016/620").url))
    assert other.select_one("dl.facts .facts__note") is None


def test_a_day_date_shows_the_day(client):
    page = soup(client.get(resource("A/RES/60/1").url))
    time = page.select_one("dl time")
    assert (time["datetime"], time.get_text()) == ("2005-09-16", "16 September 2005")


def test_the_2025_report_without_symbol_shows_no_link(client):
    report = resource(title="Responsibility to protect: 20 years of commitment to principled and collective action")
    assert (report.symbol, report.official_url, report.date_precision) == ("", "", "year")
    page = soup(client.get(report.url))
    main = page.select_one("main")
    assert "No official copy is linked yet." in main.get_text()
    assert not [a for a in main.select("a[href]") if a["href"].startswith("http")]


def test_the_staff_notes_never_reach_the_public_page(client, admin_client):
    doc = resource("A/63/677")
    assert "Distr.: General, 12 January 2009" in doc.notes
    assert "studylib.net" in doc.verified
    public = client.get(doc.url).content.decode()
    assert "Distr.: General" not in public and "studylib" not in public
    admin = admin_client.get(f"/admin/pages/{doc.pk}/edit/").content.decode()
    assert "Distr.: General, 12 January 2009" in admin and "studylib.net" in admin


def test_loading_again_creates_nothing_and_keeps_editors_changes():
    doc = resource("A/RES/60/1")
    doc.summary = "Edited by an editor."
    doc.save_revision().publish()
    deleted = resource("S/RES/2117 (2013)")
    deleted.delete()
    count = ResourcePage.objects.count()
    call_command("load_initial_content", stdout=io.StringIO())
    assert ResourcePage.objects.count() == count
    assert resource("A/RES/60/1").summary == "Edited by an editor."
    assert not ResourcePage.objects.filter(symbol="S/RES/2117 (2013)").exists()


def write_csv(tmp_path, rows):
    path = tmp_path / "un-documents.csv"
    header = "title,symbol,body,date,topic,official_url,verified,notes\n"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("bad_row", "problem"),
    [
        ("A bad one,X/2,General Assembly,2012-13,t,https://undocs.org/X/2,v,n", "the date '2012-13'"),
        ("A bad one,X/2,General Assembly,2012-07-25,t,not a link,v,n", "is not a web address"),
        (",X/2,General Assembly,2012,t,,v,n", "the title is empty"),
        ("A bad one,X/2,,2012,t,,v,n", "the issuing body is empty"),
        ("New document,X/1,General Assembly,2013,t,,v,n", "the same document as line 2"),
    ],
)
def test_a_bad_row_is_named_and_nothing_changes(tmp_path, bad_row, problem):
    path = write_csv(tmp_path, ["New document,X/1,General Assembly,2012-07-25,t,https://undocs.org/X/1,v,n", bad_row])
    count = ResourcePage.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load_initial_content", un_documents_csv=path, stdout=io.StringIO())
    assert "un-documents.csv, line 3" in str(error.value)
    assert problem in str(error.value)
    assert "nothing was imported" in str(error.value)
    assert ResourcePage.objects.count() == count
    assert not ResourcePage.objects.filter(symbol="X/1").exists()


def test_a_good_new_row_is_added_with_its_precision(tmp_path):
    path = write_csv(tmp_path, ["New document,X/1,General Assembly,2012-07,A subject,,checked there,one source"])
    call_command("load_initial_content", un_documents_csv=path, stdout=io.StringIO())
    doc = resource("X/1")
    assert (doc.date_precision, doc.date_iso, doc.summary) == ("month", "2012-07", "A subject")
    assert (doc.verified, doc.notes) == ("checked there", "one source")
    assert doc.issuing_body == ResourcePage.IssuingBody.GENERAL_ASSEMBLY


# --- timeline, search, pages ----------------------------------------------------------------


def test_the_timeline_links_its_un_symbols_to_the_library(client):
    page = soup(client.get("/en/about/history/"))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".timeline__doc a")}
    assert links["A/RES/60/1"] == resource("A/RES/60/1").url
    assert links["A/63/677"] == resource("A/63/677").url
    assert links["S/RES/1674 (2006)"] == resource("S/RES/1674 (2006)").url


@pytest.mark.parametrize("query", ["A/RES/60/1", "World Summit Outcome"])
def test_search_finds_a_resource_by_symbol_or_title(client, query):
    page = soup(client.get("/en/search/", {"q": query}))
    titles = [a.get_text(strip=True) for a in page.select(".search-result__title a")]
    assert resource("A/RES/60/1").title in titles


def test_a_resource_page_in_arabic(client):
    doc = resource("A/RES/60/1")
    page = soup(client.get("/ar" + doc.get_url()[3:]))
    assert page.html["dir"] == "rtl"
    assert page.select_one(".facts dd [dir=ltr]").get_text() == "A/RES/60/1"
    assert "الجمعية العامة" in page.select_one("dl").get_text()
    assert page.select_one(".site-footer__logo")["href"] == "/ar/"  # the footer's home link stays in Arabic


def test_the_library_in_arabic(client):
    page = soup(client.get("/ar/resources/"))
    assert page.html["dir"] == "rtl"
    assert page.select_one("h1").get_text(strip=True) == "الموارد"
    assert len(page.select(".member-list li")) == 20


def test_a_resource_publishes_a_report_as_json_ld(client):
    page = soup(client.get(resource("A/66/874–S/2012/578").url))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Report"
    assert data["reportNumber"] == "A/66/874–S/2012/578"
    assert data["datePublished"] == "2012-07"
    assert data["publisher"]["name"] == "Secretary-General"
    assert "notes" not in json.dumps(data) and "University of Denver" not in json.dumps(data)


# --- the listing's filters ------------------------------------------------------------------


def test_filter_by_type(client):
    page = soup(client.get("/en/resources/", {"type": "report"}))
    assert listing_titles(page) == [
        "The Responsibility to Protect: Report of the International Commission on Intervention and State Sovereignty"
    ]


def test_filter_by_body_and_year_combined(client):
    page = soup(client.get("/en/resources/", {"body": "security-council", "year": "2011"}))
    assert listing_titles(page) == [
        "Security Council resolution 1975 (2011)",
        "Security Council resolution 1973 (2011)",
        "Security Council resolution 1970 (2011)",
    ]
    year = page.select_one("#listing-year option[selected]")
    assert year.get_text() == "2011 (3)"


def test_filter_by_topic_in_any_language(client):
    topic = Topic.objects.create(name="Prevention", slug="prevention", slug_fr="prevention-fr")
    doc = resource("A/73/898–S/2019/463")
    doc.topics.add(topic)
    doc.save_revision().publish()
    for language, slug in (("en", "prevention"), ("fr", "prevention-fr")):
        page = soup(client.get(f"/{language}/resources/" if language == "en" else "/fr/ressources/", {"topic": slug}))
        assert listing_titles(page) == [doc.title]


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"type": "novel"}, "There is no type “novel”; that filter was ignored."),
        ({"topic": "nothing"}, "There is no topic “nothing”; that filter was ignored."),
        ({"year": "20x1"}, "There is no year “20x1”; that filter was ignored."),
        ({"page": "abc"}, "There is no page “abc”; that filter was ignored."),
        ({"body": "x" * 300}, "longer than 200 characters"),
        ({"type": "report\x00"}, "contains a NUL character"),
    ],
)
def test_bad_filters_are_ignored_with_a_note(client, params, note):
    page = soup(client.get("/en/resources/", params))
    assert note in page.select_one(".member-notes").get_text()
    assert f"{CSV_ROWS} resources" in page.select_one("#listing-results-heading").get_text()


def test_a_page_beyond_the_last_is_a_404(client):
    assert client.get("/en/resources/", {"page": "2"}).status_code == 200
    assert client.get("/en/resources/", {"page": "99"}).status_code == 404


def test_the_atom_feed_honours_the_filters(client):
    page = soup(client.get("/en/resources/", {"body": "general-assembly"}))
    link = page.find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == "/en/resources/feed/?body=general-assembly"
    response = client.get(link["href"])
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = sorted(entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry"))
    assert titles == sorted(
        ResourcePage.objects.filter(issuing_body="general-assembly").values_list("title", flat=True)
    )
    assert all(entry.find(f"{ATOM}updated") is not None for entry in feed.findall(f"{ATOM}entry"))


# --- query counts ---------------------------------------------------------------------------


def add_sample_resources(count):
    from resources import sample

    return sample.create(count)


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.slow
def test_the_listing_query_count_stays_flat_from_10_to_many_items(client, django_assert_max_num_queries):
    topic = Topic.objects.create(name="Prevention", slug="prevention")
    for page in add_sample_resources(10):
        page.topics.add(topic)
        page.save()
    urls = ["/en/resources/?topic=prevention", "/en/resources/?type=report"]
    few = {url: count_queries(client, url) for url in urls}
    add_sample_resources(LARGE - 10)
    # Many items: the same listings, and a later page of one of them, in no more queries than with 10.
    for url, measured_as in [*((url, url) for url in urls), ("/en/resources/?type=report&page=2", urls[1])]:
        client.get(url)  # the new pages invalidated the cached chrome: the second render is measured
        with django_assert_max_num_queries(few[measured_as]):
            assert client.get(url).status_code == 200
