"""The tracker of UN texts that refer to RtoP (issue 24): the loader (the file's 37 rows, idempotent,
dates as precise as given, nothing marked as checked, a bad row named and nothing imported, the
shipped copy identical), the listing and its filters with bad input, the chart and its table, a
text's page, CSV and JSON (parsed back), the feed, the crisis page's section, the site search by
symbol and by words, the sitemap and the translation export, in English and Arabic; query counts
that stay flat from 10 to 1,000 texts."""

import csv
import datetime
import io
import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import generation
from pages.models import InitialContentRecord
from publishing.models import CrisisIndexPage, CrisisPage
from untexts import loader
from untexts.models import UNText, UNTextIndexPage, named_links

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# Texts for the query-count check (10, then LARGE): ICRTOP_LARGE_LISTING sets it, 1,000 by default
# (records, not pages: they are quick to create).
LARGE = int(os.environ.get("ICRTOP_LARGE_LISTING", "1000"))


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def tracker():
    return UNTextIndexPage.objects.get()


def symbols(html):
    return [a.get_text(strip=True) for a in html.select(".listing__results .un-text__symbol a")]


# --- the loader ---------------------------------------------------------------------------------


def test_the_initial_content_holds_the_files_37_texts_as_the_file_gives_them():
    assert UNText.objects.count() == 37
    assert not UNText.objects.filter(verified=True).exists()  # staff check them against the UN's copy
    first = UNText.objects.get(symbol="S/RES/1674")
    assert (first.body, first.date, first.date_precision) == ("sc-resolution", datetime.date(2006, 4, 28), "day")
    assert first.reference_kind == "explicit" and first.official_url == "https://undocs.org/S/RES/1674(2006)"
    assert "verified: yes" in first.verification_notes and len(first.source_list) == 3
    year_only = UNText.objects.get(symbol="S/RES/2109")
    assert (year_only.date_iso, year_only.date_precision, year_only.country_list) == ("2013", "year", ["SD", "SS"])
    # The file knows A/RES/60/1 to the month; the UN documents list gives the day, checked in sources
    # it names (test_a_more_precise_date_comes_with_its_sources).
    assert UNText.objects.get(symbol="A/RES/60/1").date_iso == "2005-09-16"
    undated = UNText.objects.get(symbol="A/HRC/RES/49/2")
    assert undated.date is None and undated.date_precision == ""
    # "Primary responsibility to protect" without naming RtoP is pillar-one language.
    assert UNText.objects.get(symbol="S/RES/2085").reference_kind == "pillar-one"
    assert UNText.objects.get(symbol="S/PRST/2013/4").reference_kind == "explicit"


def test_the_shipped_copy_is_the_shared_file():
    shared = Path(settings.SHARED_CONTENT_DIR) / loader.FILE_NAME
    if not shared.exists():
        pytest.skip("no shared content folder beside this clone")
    assert loader.SHIPPED_COPY.read_bytes() == shared.read_bytes()


@pytest.mark.slow
def test_loading_again_creates_nothing_and_keeps_staff_changes_and_deletions():
    text = UNText.objects.get(symbol="S/RES/1674")
    text.subject = "Edited by staff"
    text.save()
    UNText.objects.filter(symbol="S/RES/1706").delete()
    call_command("load_initial_content", stdout=io.StringIO())
    assert UNText.objects.count() == 36
    assert UNText.objects.get(symbol="S/RES/1674").subject == "Edited by staff"


def write(tmp_path, rows):
    path = tmp_path / loader.FILE_NAME
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(loader.COLUMNS)
        writer.writerows(rows)
    return path


GOOD = ["S/RES/9999", "Security Council", "2030-01", "A test subject", "SS", "Recalls RtoP", "", "", "partly"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["", *GOOD[1:]], "the symbol is empty"),
        ([GOOD[0], "Trusteeship Council", *GOOD[2:]], "the body 'Trusteeship Council' is not one of"),
        ([*GOOD[:2], "2030-13-45", *GOOD[3:]], "the date '2030-13-45' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ([*GOOD[:4], "ZZ", *GOOD[5:]], "unknown country code(s) ZZ"),
        ([*GOOD[:7], "not a web address", GOOD[8]], "the source 'not a web address' is not a web address"),
        ([*GOOD[:8], "certainly"], "verified is 'certainly', not yes, partly or empty"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_imported(tmp_path, row, problem):
    path = write(tmp_path, [["S/RES/9998", *GOOD[1:]], row])
    with pytest.raises(loader.UNTextsError) as error:
        loader.load(path, lambda key: (False, None), lambda key, obj: None)
    assert f"{loader.FILE_NAME}, line 3" in str(error.value) and problem in str(error.value)
    assert "nothing was imported" in str(error.value)
    assert not UNText.objects.filter(symbol__in=["S/RES/9998", "S/RES/9999"]).exists()


def test_a_file_row_keeps_a_text_staff_added_first(tmp_path):
    UNText.objects.create(
        symbol="S/RES/9999", body="sc-resolution", subject="Staff's own", reference_kind="explicit", reference="x"
    )
    created = loader.load(write(tmp_path, [GOOD]), lambda key: (False, None), lambda key, obj: None)
    assert created == 0 and UNText.objects.get(symbol="S/RES/9999").subject == "Staff's own"


# --- the listing, the chart, a text's page ---------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_tracker_lists_the_texts_newest_first_in_english_and_arabic(client, language):
    html = soup(client.get(tracker().url.replace("/en/", f"/{language}/", 1)))
    assert html.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert symbols(html)[:2] == ["A/RES/75/277", "A/HRC/RES/44/14"]
    last = soup(client.get(tracker().url.replace("/en/", f"/{language}/", 1) + "?page=2"))
    assert symbols(last)[-1] == "A/HRC/RES/49/2"  # no known date: last
    tags = {tag.get_text(strip=True) for tag in html.select(".reference-tag")}
    with translation.override(language):
        assert {str(UNText.Reference.EXPLICIT.label), str(UNText.Reference.PILLAR_ONE.label)} == tags


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "?body=hrc-resolution&country=SY",
            ["A/HRC/RES/36/20", "A/HRC/RES/32/25", "A/HRC/RES/31/17", "A/HRC/RES/30/10"],
        ),
        ("?country=ss&year=2014", ["S/RES/2187", "S/RES/2155"]),
        ("?reference=explicit&body=ga-resolution", ["A/RES/75/277", "A/RES/63/308", "A/RES/60/1"]),
        ("?body=sc-presidential-statement", ["S/PRST/2013/4"]),
        ("?year=2007", []),
    ],
)
def test_the_filters(client, query, expected):
    assert symbols(soup(client.get(tracker().url + query))) == expected


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("?body=trusteeship", "There is no body “trusteeship”; that filter was ignored."),
        ("?country=QQ", "There is no country “QQ”; that filter was ignored."),
        ("?year=twenty", "There is no year “twenty”; that filter was ignored."),
        ("?reference=implicit", "There is no kind of reference “implicit”; that filter was ignored."),
        ("?year=%00", "The value given for “year” contains a NUL character; it was ignored."),
    ],
)
def test_bad_filter_values_are_ignored_with_a_note(client, query, note):
    html = soup(client.get(tracker().url + query))
    assert note in [li.get_text(" ", strip=True) for li in html.select(".member-notes li")]
    assert html.select_one("#listing-results-heading").get_text(strip=True) == "37 texts"
    assert client.get(tracker().url + "?page=99").status_code == 404


def test_the_chart_draws_every_year_and_its_table_has_the_same_numbers(client):
    html = soup(client.get(tracker().url + "?reference=pillar-one"))
    svg = html.select_one(".bar-chart svg")
    assert svg["role"] == "img"
    assert html.select_one("#" + svg["aria-labelledby"].split()[0]).name == "title"
    bars = {rect.select_one("title").get_text(): float(rect["height"]) for rect in svg.select("rect")}
    table = {
        row.select_one("th").get_text(): int(row.select_one("td").get_text())
        for row in html.select(".bar-chart tbody tr")
    }
    pillar = UNText.objects.filter(reference_kind="pillar-one")
    assert table["Year not known"] == 1
    for year in range(2011, 2020):
        expected = pillar.filter(date__year=year).count()
        assert table[str(year)] == expected and f"{year}: {expected}" in bars  # every year, gaps too
    assert bars["2018: 0"] == 0.0
    assert int(html.select_one(".bar-chart tfoot td").get_text()) == pillar.count()
    assert "From 2011 to 2019" in svg.select_one("desc").get_text()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_kinds_of_reference_and_the_open_data_stand_beside_the_filters(client, language):
    """Not below the pagination: the listing's aside, right after the filter panel (under it on a wide
    screen), explains the two kinds of reference and gives the open data with the current filters."""
    with translation.override(language):
        url = tracker().url
    html = soup(client.get(url + "?year=2014"))
    listing = html.select_one("section.listing")
    aside = listing.select_one(":scope > aside.listing__aside")
    assert aside.find_previous_sibling(class_="listing__filters") is not None
    assert aside.find_next_sibling(class_="listing__results") is not None
    with translation.override(language):
        explanation = translation.gettext(
            "Explicit reference: the text names the Responsibility to Protect (or paragraphs 138 and 139 of the "
            "2005 World Summit Outcome). Pillar-one language: it speaks of a State’s responsibility to protect "
            "its own population without naming RtoP. Each entry is a short paraphrase; the official text is on "
            "the UN’s document system."
        )
    assert explanation in aside.get_text() and (language == "en" or "Explicit" not in explanation)
    links = [a["href"] for a in aside.select("a")]
    assert links == [url + "un-texts.csv?year=2014", url + "un-texts.json?year=2014", url + "feed/?year=2014"]
    after = listing.find_next_siblings()
    assert not any("un-texts.csv" in str(element) for element in after)  # no second copy under the list


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_texts_own_page(client, language):
    text = UNText.objects.get(symbol="S/RES/2109")
    html = soup(client.get(tracker().text_url(text).replace("/en/", f"/{language}/", 1)))
    assert html.select_one("h1").get_text(strip=True) == "S/RES/2109"
    assert html.select_one(".facts time")["datetime"] == "2013"
    links = [a["href"] for a in html.select("a[rel~=external]")]
    assert "https://undocs.org/S/RES/2109(2013)" in links and text.source_list[0] in links
    # Sources are named by their site (the file gives no titles), never shown as raw addresses broken
    # mid-word; two pages of one site are told apart.
    sources = [(a["href"], a.get_text()) for a in html.select(".un-text-page__sources a")]
    assert [href for href, _name in sources] == text.source_list
    assert all(not name.startswith("http") and "/" not in name for _href, name in sources)
    assert sources[0][1] == text.source_list[0].split("/")[2].removeprefix("www.")
    assert "verified" not in html.select_one("main").get_text().lower()  # the staff's checks stay in the admin
    assert client.get(tracker().url + "s-res-0/").status_code == 404


# --- open data and feed -------------------------------------------------------------------------------


def test_csv_and_json_parse_back_with_the_filters(client):
    response = client.get(tracker().url + "un-texts.csv?country=LY")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["symbol"] for row in rows] == ["S/RES/1973", "S/RES/1970"]
    assert rows[0]["date"] == "2011-03-17" and rows[0]["countries"] == "LY" and rows[0]["url"].endswith("/s-res-1973/")
    assert "verified" not in rows[0] and "verification_notes" not in rows[0]

    response = client.get(tracker().url.replace("/en/", "/ar/", 1) + "un-texts.json?year=2013&body=bogus")
    data = json.loads(response.content)
    assert data["notes"] and data["count"] == len(data["texts"]) == 3
    by_symbol = {text["symbol"]: text for text in data["texts"]}
    assert by_symbol["S/RES/2109"]["date"] == "2013" and by_symbol["S/RES/2109"]["countries"] == ["SD", "SS"]
    with translation.override("ar"):
        assert by_symbol["S/PRST/2013/4"]["body_name"] == str(UNText.Body.SC_STATEMENT.label)
    assert client.get(tracker().url + "un-texts.xml").status_code == 404


def test_the_feed_lists_texts_and_honours_the_filters(client):
    response = client.get(tracker().url + "feed/?body=sc-presidential-statement")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "S/PRST/2013/4: Prevention of conflicts in Africa"
    ]
    assert entries[0].find(f"{ATOM}link").attrib["href"].endswith("/un-texts/s-prst-2013-4/")


# --- elsewhere on the site ----------------------------------------------------------------------------


def test_a_crisis_page_lists_the_texts_on_its_countries(client):
    crisis = CrisisPage(title="Libya test situation", slug="libya-test", countries=["LY"])
    CrisisIndexPage.objects.get().add_child(instance=crisis)
    html = soup(client.get(crisis.url))
    section = html.select_one(".crisis__un-texts")
    assert [a.get_text(strip=True) for a in section.select(".un-text__symbol a")] == ["S/RES/1973", "S/RES/1970"]
    assert section.select_one("p > a")["href"] == tracker().url + "?country=LY"
    listing = soup(client.get(CrisisIndexPage.objects.get().url + "?country=LY"))
    assert "2 UN texts on Libya refer to RtoP" in listing.select_one("main").get_text()


def found(client, query, language="en"):
    html = soup(client.get(f"/{language}/search/", {"q": query}))
    return [a.get_text(strip=True) for a in html.select(".search-result__title a")]


def test_the_site_search_finds_a_text_by_symbol_and_by_words(client):
    assert "S/RES/2150: Prevention and fight against genocide" in found(client, "S/RES/2150")
    assert "S/RES/1674: Protection of civilians in armed conflict" in found(client, "S/RES/1674(2006)")
    assert any(title.startswith("A/RES/63/308") for title in found(client, "first GA resolution on RtoP"))
    assert any(title.startswith("S/RES/2150:") for title in found(client, "S/RES/2150", language="ar"))
    text = UNText.objects.get(symbol="S/RES/2150")
    text.live = False  # unpublished: no longer found
    text.save()
    assert not any(title.startswith("S/RES/2150") for title in found(client, "S/RES/2150"))


def test_the_sitemap_lists_every_text_in_every_language(client):
    paths = [
        "/" + url.split("/", 3)[3]
        for url in re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    ]
    assert [path for path in paths if path.endswith("/s-res-1674/")] == [
        f"{tracker_path}s-res-1674/"
        for tracker_path in (
            "/en/un-texts/",
            "/fr/textes-onu/",
            "/es/textos-onu/",
            "/ar/un-texts/",
            "/zh-hans/un-texts/",
            "/ru/teksty-oon/",
        )
    ]
    assert "/en/members/map/" in paths and "/ar/members/map/" in paths


def test_the_translation_export_holds_the_texts_and_the_levels_but_not_the_checks(tmp_path):
    output = tmp_path / "fr.po"
    call_command("export_translations", "--language", "fr", "--output", str(output), stdout=io.StringIO())
    text = output.read_text(encoding="utf-8")
    pk = UNText.objects.get(symbol="S/RES/2150").pk
    assert f'msgctxt "un-text:{pk}:subject"' in text and "Prevention and fight against genocide" in text
    assert 'msgctxt "crisis-level:' in text and "Imminent risk" in text
    assert "verification_notes" not in text and "Not yet checked against the official UN text" not in text


def test_the_initial_content_remembers_each_text():
    assert InitialContentRecord.objects.filter(key__startswith="un-text:").count() == 37


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.slow
def test_queries_stay_flat_from_10_to_1000_texts(client):
    UNText.objects.all().delete()
    urls = [
        tracker().url + "?body=sc-resolution",
        tracker().url + "?country=SS&reference=pillar-one",
        tracker().url + "un-texts.csv",
        tracker().url + "un-texts.json?year=2010",
        tracker().url + "feed/",
    ]

    def add(start, count):
        texts = [
            UNText(
                symbol=f"S/RES/{5000 + number}",
                slug=f"s-res-{5000 + number}",
                body="sc-resolution",
                date=datetime.date(2000 + number % 25, 1 + number % 12, 1),
                date_precision="month",
                subject=f"Bulk subject {number}",
                countries=["SS", "SD"] if number % 2 else ["ML"],
                reference_kind="pillar-one" if number % 3 else "explicit",
                reference="Recalls the primary responsibility to protect.",
                official_url=f"https://undocs.org/S/RES/{5000 + number}",
            )
            for number in range(start, start + count)
        ]
        UNText.objects.bulk_create(texts)

    add(0, 10)
    for url in urls:
        client.get(url)  # warm the per-process caches
    counts = []
    for total in (10, LARGE):
        if total > 10:
            add(10, total - 10)
        generation.bump()
        measured = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            measured.append(len(captured))
        counts.append(measured)
    assert all(large <= small for small, large in zip(counts[0], counts[1], strict=True)), counts


def test_the_tracker_is_linked_from_the_resources_the_rtop_explainer_and_crisis_pages(client):
    """A visitor finds the tracker without knowing its address (usability walk of issue 24)."""
    from pages.models import RtoPExplainerPage
    from resources.models import ResourceIndexPage

    for language in ("en", "ar"):
        with translation.override(language):
            url = tracker().url
            for page in (ResourceIndexPage.objects.get(), RtoPExplainerPage.objects.get()):
                links = [
                    a.get_text(" ", strip=True) for a in soup(client.get(page.url)).select(f'main a[href="{url}"]')
                ]
                assert links, (language, page)
    crisis = CrisisPage(title="Libya link test", slug="libya-link-test", countries=["LY"])
    CrisisIndexPage.objects.get().add_child(instance=crisis)
    section = soup(client.get(crisis.url)).select_one(".crisis__un-texts")
    assert [a.get_text(strip=True) for a in section.select(f'a[href="{tracker().url}"]')] == [
        "All UN texts that refer to RtoP"
    ]


SOURCE_NOTES = (
    "not yet read",
    "cut off",
    "excerpt read",
    "Per ICRtoP",
    "GCR2P",
    "reposted",
    "Pillar I-type",
    "per press",
    "(per ",
)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_visitors_read_no_research_notes_and_staff_keep_them(client, language):
    """The file's notes on its sources and doubts stay staff-side (usability walk of issue 24)."""
    with translation.override(language):
        pages = {
            symbol: soup(client.get(tracker().text_url(UNText.objects.get(symbol=symbol))))
            for symbol in ("S/RES/2155", "S/RES/2171", "S/RES/1975", "S/RES/2304")
        }
        listing = soup(client.get(tracker().url + "?year=2014")).select_one("main").get_text(" ")
    for symbol, html in pages.items():
        main = html.select_one("main").get_text(" ")
        assert not [note for note in SOURCE_NOTES if note in main], symbol
    assert not [note for note in SOURCE_NOTES if note in listing]
    vote = [
        dd.get_text(strip=True)
        for dt, dd in zip(pages["S/RES/2304"].select("dt"), pages["S/RES/2304"].select("dd"), strict=False)
        if dt.get_text(strip=True) in ("Vote", "التصويت")
    ]
    # The vote without its note, restated in words (review of issue 23).
    in_words = {
        "en": "adopted by 11 votes to none, with 4 abstentions",
        "ar": "اعتُمد بتأييد 11 دون معارضة أحد وامتناع 4 عن التصويت",
    }
    assert vote == [in_words[language]]
    assert (
        "Emphasizes that the Government of South Sudan bears the primary responsibility …"
        in pages["S/RES/2155"].get_text()
    )
    staff = UNText.objects.get(symbol="S/RES/2304").verification_notes
    assert "a reposted copy lists Senegal" in staff and "GCR2P: 50th SC resolution" in staff
    assert "exact wording not yet read" in UNText.objects.get(symbol="S/RES/2171").verification_notes


def test_loading_again_cleans_texts_an_earlier_import_left_with_notes_but_not_staff_edits():
    rows = {row.symbol: row for row in loader.read_rows(loader.default_path())}
    texts = {symbol: UNText.objects.get(symbol=symbol) for symbol in ("S/RES/2304", "S/RES/2171")}
    for symbol, text in texts.items():  # as the first version of the loader wrote them
        text.reference, text.vote = rows[symbol].reference, rows[symbol].vote
        text.verification_notes = "Imported earlier."
        text.save()
    texts["S/RES/2171"].vote = "Edited by staff"
    texts["S/RES/2171"].save()
    for _run in range(2):  # twice: the second run changes nothing
        loader.load(
            loader.default_path(),
            lambda key: (True, UNText.objects.filter(symbol=key.split(":", 1)[1]).first()),
            lambda key, obj: None,
        )
        first = UNText.objects.get(symbol="S/RES/2304")
        assert (first.vote, first.verification_notes.count("reposted copy")) == ("11-0-4", 1)
        assert not first.reference.endswith(")") and first.verification_notes.startswith("Imported earlier.")
        second = UNText.objects.get(symbol="S/RES/2171")
        assert (second.reference, second.vote) == ("Contains two notable references to RtoP", "Edited by staff")


def test_open_data_gives_the_sites_real_address(client):
    rows = list(csv.DictReader(io.StringIO(client.get(tracker().url + "un-texts.csv").content.decode())))
    data = json.loads(client.get(tracker().url + "un-texts.json").content)
    records = data["texts"] if isinstance(data, dict) else data
    addresses = [row["url"] for row in rows] + [record["url"] for record in records]
    assert len(addresses) == 74 and all(url.startswith("http://testserver/en/un-texts/") for url in addresses)


def test_the_tracker_is_paginated_and_the_chart_marks_the_chosen_year(client):
    first = soup(client.get(tracker().url))
    assert len(symbols(first)) == 20 and first.select_one(".listing__results a[href*='page=2']")
    assert len(symbols(soup(client.get(tracker().url + "?page=2")))) == 17
    # A phone's drawing: a row per year, each with its year and its number (none left out to fit).
    wide, phone = first.select(".bar-chart__svg--wide"), first.select_one(".bar-chart__svg--phone")
    assert len(wide) == 1 and phone["role"] == "img" and phone.select_one("#" + phone["aria-labelledby"].split()[0])
    years = [text.get_text() for text in phone.select(".bar-chart__year")]
    numbers = [int(text.get_text()) for text in phone.select(".bar-chart__value")]
    assert years == [str(year) for year in range(int(years[0]), int(years[-1]) + 1)] and "2005" in years
    assert len(numbers) == len(years) and sum(numbers) == int(first.select_one(".bar-chart tfoot td").get_text()) - 1
    assert int(phone["viewbox"].split()[2]) <= 375 and int(phone["viewbox"].split()[3]) >= 20 * len(years)
    html = soup(client.get(tracker().url + "?year=2014"))
    assert html.select_one(".bar-chart__bar--selected title").get_text().startswith("2014:")
    assert len(html.select(".bar-chart__svg rect")) > 10  # every year is still drawn, for comparison
    assert "2014" in html.select_one(".bar-chart figcaption").get_text()


def test_in_arabic_english_fallbacks_are_left_to_right_blocks_with_a_notice(client):
    text = UNText.objects.get(symbol="S/RES/2155")
    text.subject_ar = ""  # a text added by staff, whose subject is not translated yet
    text.save()
    with translation.override("ar"):
        text = UNText.objects.get(symbol="S/RES/2155")
        page = soup(client.get(tracker().text_url(text)))
        listing = soup(client.get(tracker().url + "?year=2014"))
    assert page.select_one(".translation-notice") and listing.select_one(".translation-notice")
    assert soup(client.get(tracker().url)).select_one(".translation-notice") is None  # English
    # An item whose subject and paraphrase are in English reads as one English block (no zig-zag of
    # right-aligned symbol and left-aligned English): the item carries lang="en" dir="ltr", its English
    # lines inherit it, and its lines in Arabic (body and date, kind of reference) are isolated runs.
    item = listing.select_one(f"#text-{text.slug}")
    assert (item["lang"], item["dir"]) == ("en", "ltr")
    reference = item.select_one(".un-text__reference")
    assert not reference.get("dir") and not item.select_one(".un-text__subject").get("dir")
    assert reference.select_one(".reference-tag") is None
    kind = reference.find_previous_sibling("p")
    assert "un-text__kind" in kind["class"] and not kind.get("dir")
    assert (kind.select_one("span")["lang"], kind.select_one("span")["dir"]) == ("ar", "rtl")
    with translation.override("ar"):
        assert kind.select_one("[lang=ar] .reference-tag").get_text(strip=True) == text.get_reference_kind_display()
    meta = item.select_one(".meta > span")
    assert (meta["lang"], meta["dir"]) == ("ar", "rtl") and "2014" in meta.get_text()
    own = page.select_one(".un-text__reference")
    assert (own["lang"], own["dir"]) == ("en", "ltr") and own.find_previous_sibling("p").select_one(".reference-tag")
    crisis = CrisisPage(title="Crisis in English only", slug="english-only", countries=["LY"])
    CrisisIndexPage.objects.get().add_child(instance=crisis)
    title = soup(client.get(crisis.url.replace("/en/", "/ar/", 1))).title.get_text()
    assert title.startswith("Crisis in English only · ") and "International Coalition" not in title


# --- a more precise date from the UN documents list --------------------------------------------


def test_sources_of_one_site_are_numbered_from_the_second_on():
    assert named_links(["https://undocs.org/S/RES/1", "http://www.r2p.org/a", "https://r2p.org/b"]) == [
        ("https://undocs.org/S/RES/1", "undocs.org"),
        ("http://www.r2p.org/a", "r2p.org"),
        ("https://r2p.org/b", "r2p.org (2)"),
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_more_precise_date_comes_with_its_sources(client, language):
    """un-texts-r2p.csv knows A/RES/60/1 only as September 2005; un-documents.csv gives 16 September 2005
    for the same symbol, checked in two pages it names. The text's page shows the day with those pages;
    a text whose date no other list refines shows no such note. The open data carries them."""
    text = UNText.objects.get(symbol="A/RES/60/1")
    assert (text.date, text.date_precision) == (datetime.date(2005, 9, 16), "day")
    assert "un-documents.csv" in text.verification_notes and "un-texts-r2p.csv gives 2005-09" in text.verification_notes
    with translation.override(language):
        url = tracker().url + text.slug + "/"
    html = soup(client.get(url))
    dates = [div for div in html.select("dl.facts > div") if div.select_one(".facts__note")]
    assert len(dates) == 1
    shown = dates[0].get_text(" ", strip=True)
    assert ("16 September 2005" if language == "en" else "16 أيلول/سبتمبر 2005") in shown
    links = [(a["href"], a.get_text()) for a in dates[0].select(".facts__note a")]
    assert links == [
        ("https://static.un.org/en/genocideprevention/key-documents.shtml", "static.un.org"),
        ("https://www.globalsecurity.org/wmd/library/news/un/un-050916-unnews04.htm", "globalsecurity.org"),
    ]
    other = soup(client.get(tracker().url + "s-res-1674/"))
    assert other.select_one(".facts__note") is None
    rows = list(csv.DictReader(io.StringIO(client.get(tracker().url + "un-texts.csv").content.decode())))
    row = next(row for row in rows if row["symbol"] == "A/RES/60/1")
    assert (row["date"], row["date_precision"]) == ("2005-09-16", "day")
    assert row["date_sources"].split(";")[1].startswith("https://www.globalsecurity.org/")


def test_a_date_from_another_list_only_refines_the_same_period_and_never_overrides_staff(tmp_path, settings):
    """A rerun upgrades a text still holding the file's own date; a text whose date staff changed keeps
    it; a list that dates the symbol in another month (a distribution date, say) is not used."""
    text = UNText.objects.get(symbol="A/RES/60/1")
    text.date, text.date_precision, text.date_sources = datetime.date(2005, 9, 1), "month", ""
    text.save()

    def load_again():
        loader.load(
            loader.default_path(),
            lambda key: (True, UNText.objects.filter(symbol=key.split(":", 1)[1]).first()),
            lambda key, obj: None,
        )

    for _run in range(2):
        load_again()
        text = UNText.objects.get(symbol="A/RES/60/1")
        assert (text.date_iso, len(text.date_source_list)) == ("2005-09-16", 2)
        assert text.verification_notes.count("is from un-documents.csv") == 1
    text.date, text.date_precision, text.date_sources = datetime.date(2005, 9, 1), "month", ""
    text.save()
    shared = tmp_path / "un-documents.csv"
    from resources import un_documents

    original = un_documents.default_path().read_text(encoding="utf-8")
    shared.write_text(
        original.replace(",A/RES/60/1,General Assembly,2005-09-16,", ",A/RES/60/1,General Assembly,2005-10-24,"),
        encoding="utf-8",
    )
    assert "2005-10-24" in shared.read_text(encoding="utf-8")
    settings.SHARED_CONTENT_DIR = tmp_path
    load_again()
    assert UNText.objects.get(symbol="A/RES/60/1").date_iso == "2005-09"  # another month: not a refinement
    settings.SHARED_CONTENT_DIR = Path(original and loader.SHIPPED_COPY.parent.parent)  # neither file there
    text.date, text.date_precision = datetime.date(2005, 9, 14), "day"  # staff's own day
    text.save()
    load_again()
    assert UNText.objects.get(symbol="A/RES/60/1").date_iso == "2005-09-14"


@pytest.mark.parametrize(("language", "label"), [("fr", "2018\u00a0: 0"), ("zh-hans", "2018：0"), ("en", "2018: 0")])
def test_the_chart_bars_name_their_year_the_languages_way(client, language, label):
    """What a screen reader reads for a bar: French with a no-break space before the colon, Chinese a
    full-width colon (third language review)."""
    with translation.override(language):
        url = tracker().url
    html = soup(client.get(url + "?reference=pillar-one"))
    assert label in [title.get_text() for title in html.select(".bar-chart svg rect title")]


def test_the_world_summit_outcome_gives_no_procedural_note_as_its_vote(client):
    """The file read no vote for A/RES/60/1, only that it was adopted without reference to a Main
    Committee: the Vote cell says the sources give none (the visitor walk read the note as a vote)."""
    text = UNText.objects.get(symbol="A/RES/60/1")
    html = soup(client.get(tracker().text_url(text)))
    cells = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in html.select("dl dt")}
    assert cells["Vote"] == "not given in the sources read", cells


# --- subjects in the six languages ----------------------------------------------------------------------


def test_the_subjects_are_translated_and_the_paraphrase_stays_english_and_marked(client):
    """The subjects are the coalition's own descriptions, shown in the page's language (fourth language
    review); the paraphrases, which quote resolutions' English, stay English, marked ``lang="en"``."""
    text = UNText.objects.get(symbol="A/RES/75/277")
    with translation.override("zh-hans"):
        url = tracker().text_url(text)
    html = soup(client.get(url))
    subject = html.select_one(".lead")
    assert subject.get_text(strip=True) == "保护责任和防止灭绝种族、战争罪、族裔清洗和危害人类罪"
    assert not subject.get("lang")
    assert html.select_one(".un-text__reference")["lang"] == "en"
    description = html.select_one('meta[name="description"]')["content"]
    assert description == "A/RES/75/277: 保护责任和防止灭绝种族、战争罪、族裔清洗和危害人类罪"
    with translation.override("zh-hans"):
        listing = soup(client.get(tracker().url + "?page=2")).get_text() + soup(client.get(tracker().url)).get_text()
    assert "阿拉伯叙利亚共和国：人权状况" in listing and "Syria - human rights situation" not in listing
    assert "科特迪瓦：选举后危机、制裁" in listing
    with translation.override("en"):
        url = tracker().url
    english = soup(client.get(url + "?page=2")).get_text() + soup(client.get(url)).get_text()
    assert "Côte d'Ivoire - post-electoral crisis, sanctions" in english and "Cote d'Ivoire" not in english


def test_an_existing_database_gets_the_subjects_translated_and_corrected():
    text = UNText.objects.get(symbol="S/RES/1975")
    text.subject_en = "Cote d'Ivoire - post-electoral crisis, sanctions"  # as an earlier load wrote it
    text.subject_zh_hans = text.subject_ru = ""
    text.subject_fr = "Côte d’Ivoire : texte d’une traductrice"
    text.save()
    call_command("load_initial_content", stdout=io.StringIO())
    text.refresh_from_db()
    assert text.subject_en == "Côte d'Ivoire - post-electoral crisis, sanctions"
    assert text.subject_zh_hans == "科特迪瓦：选举后危机、制裁"
    assert text.subject_ru == "Кот-д’Ивуар: кризис после выборов, санкции"
    assert text.subject_fr == "Côte d’Ivoire : texte d’une traductrice"  # a translator's text stays theirs
