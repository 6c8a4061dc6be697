"""Crisis levels (issue 24): the level set of the initial content, a crisis's level and its dated
history read from its entries, the badge (always labelled), the timeline, risk factors and
recommended actions, the listing's level / region / country filters with their counts and bad input,
the levels as CSV and JSON (parsed back) and their feed, the signal on a change, sample histories,
in English and Arabic; query counts that stay flat as crises are added."""

import csv
import datetime
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _

from core import generation
from core.samples import SAMPLE_REGION_OF_COUNTRY
from members.factories import RegionFactory
from publishing.models import CrisisIndexPage, CrisisLevel, CrisisLevelChange, CrisisPage
from publishing.signals import crisis_level_changed

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def level(slug):
    return CrisisLevel.objects.get(slug_en=slug)


def change(slug, date, precision="day", reason="A reason."):
    return CrisisLevelChange(level=level(slug), date=date, precision=precision, reason=reason)


def publish(page):
    CrisisIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return CrisisPage.objects.get(pk=page.pk)


@pytest.fixture(name="crises")
def crises_fixture():
    north = RegionFactory(name="Testland North", slug="testland-north")
    south = RegionFactory(name="Testland South", slug="testland-south")
    lakeland = CrisisPage(
        title="Lakeland situation", slug="lakeland", region=north, countries=["SS", "SD"], summary="Lake."
    )
    lakeland.level_changes = [
        change("serious-concern", datetime.date(2021, 1, 1), "year", "Hate speech rose."),
        change("imminent-risk", datetime.date(2023, 3, 1), "month", "Militias gathered."),
    ]
    lakeland.risk_factors = "<ul><li>Arms flows</li></ul>"
    lakeland.recommended_actions = "<ul><li>Deploy monitors</li></ul>"
    hillside = CrisisPage(title="Hillside situation", slug="hillside", region=south, countries=["ML"])
    hillside.level_changes = [change("current-crisis", datetime.date(2024, 5, 14))]
    quiet = CrisisPage(title="Quiet situation", slug="quiet", region=south)
    return {"lakeland": publish(lakeland), "hillside": publish(hillside), "quiet": publish(quiet)}


def test_the_initial_content_has_the_four_levels_in_six_languages():
    levels = list(CrisisLevel.objects.order_by("sort_order"))
    assert [lvl.slug for lvl in levels] == ["current-crisis", "imminent-risk", "serious-concern", "past"]
    with translation.override("ar"):
        assert CrisisLevel.objects.get(slug_en="imminent-risk").name == "خطر وشيك"
    with translation.override("zh-hans"):
        assert CrisisLevel.objects.get(slug_en="past").name == "过往危机"
    assert all(lvl.description_fr and lvl.description_ru for lvl in levels)


def test_the_level_and_since_when_come_from_the_latest_entries(crises):
    lakeland = crises["lakeland"]
    assert lakeland.level.slug == "imminent-risk"
    assert (lakeland.level_since, lakeland.level_since_precision) == (datetime.date(2023, 3, 1), "month")
    # An entry that confirms the same level later keeps the earlier "since".
    page = lakeland.get_latest_revision_as_object()
    page.level_changes.add(change("imminent-risk", datetime.date(2024, 1, 1), "year", "Still so."))
    page.save_revision().publish()
    lakeland.refresh_from_db()
    assert lakeland.level.slug == "imminent-risk" and lakeland.level_since == datetime.date(2023, 3, 1)
    assert crises["quiet"].level is None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_crisis_page_shows_its_level_history_risks_and_actions(client, crises, language):
    url = crises["lakeland"].url.replace("/en/", f"/{language}/", 1)
    html = soup(client.get(url))
    assert html.html["dir"] == ("rtl" if language == "ar" else "ltr")
    section = html.select_one(".crisis-level")
    badge = section.select_one(".crisis-level__now .level-badge")
    with translation.override(language):
        name = level("imminent-risk").name
    assert badge.get_text(strip=True) == name  # the badge says the level in words
    assert "level-badge--high" in badge["class"]
    # "Imminent risk since March 2023" is said once, in the title band; the section's history dates it.
    assert section.select_one(".crisis-level__now time") is None
    assert len(html.select("main .crisis-header__level")) == 1
    assert html.select_one(".crisis-header__level time")["datetime"] == "2023-03"  # never an invented day
    history = section.select(".level-history li")
    assert [li.select_one("time")["datetime"] for li in history] == ["2023-03", "2021"]  # newest first
    assert "Militias gathered." in history[0].get_text()
    assert "Arms flows" in html.select_one(".crisis__risks").get_text()
    assert "Deploy monitors" in html.select_one(".crisis__actions").get_text()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_home_page_names_its_crises_section_for_every_level_it_lists(client, crises, language):
    """The home page lists every crisis the coalition follows, at any level but past: an "Imminent risk"
    beside a "Current crisis". Its heading says so, rather than "Current crises" (one of the levels)."""
    html = soup(client.get(f"/{language}/"))
    section = html.select_one(".home-crises")
    with translation.override(language):
        heading = str(_("Situations we follow"))
        names = {level(slug).name for slug in ("imminent-risk", "current-crisis")}
        current = level("current-crisis").name
    assert section.select_one("#home-crises-heading").get_text(strip=True) == heading
    assert heading != current and current.lower() not in heading.lower()
    badges = [badge.get_text(strip=True) for badge in section.select(".level-badge")]
    assert all(any(badge.endswith(name) for badge in badges) for name in names), badges


def test_a_crisis_without_history_shows_no_level(client, crises):
    html = soup(client.get(crises["quiet"].url))
    assert html.select_one(".crisis-level") is None and html.select_one(".crisis__risks") is None
    assert html.select_one(".page-header .level-badge") is None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_phone_reads_the_level_in_the_title_band_and_can_follow_right_after_the_facts(client, crises, language):
    """The level and since when sit under the title (before the picture and the facts); the follow box
    has a copy right after the facts (a phone's aside comes after the whole page), with its own heading."""
    html = soup(client.get(crises["lakeland"].url.replace("/en/", f"/{language}/", 1)))
    header = html.select_one(".page-header__text")
    with translation.override(language):
        name = level("imminent-risk").name
    assert header.select_one("h1 + .crisis-header__level .level-badge").get_text(strip=True).endswith(name)
    assert header.select_one(".crisis-header__level time")["datetime"] == "2023-03"
    early = html.select_one(".layout-sidebar__main .follow-box--early")
    assert early.find_previous_sibling("section").select_one("dl.facts")  # right after the facts
    beside = html.select_one(".layout-sidebar__aside .follow-box")
    assert early["aria-labelledby"] != beside["aria-labelledby"]
    assert html.select_one("#" + early["aria-labelledby"]) and html.select_one("#" + beside["aria-labelledby"])
    assert early.select_one("a.button")["href"] == beside.select_one("a.button")["href"]


def results(html):
    return [a.get_text(strip=True) for a in html.select(".listing__results > ul h3 a")]


def facet(html, name):
    select = html.select_one(f"select[name={name}]")
    return {option["value"]: option.get_text(strip=True) for option in select.select("option") if option["value"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?level=imminent-risk", ["Lakeland situation"]),
        ("?level=current-crisis", ["Hillside situation"]),
        ("?country=SD", ["Lakeland situation"]),
        ("?country=ml", ["Hillside situation"]),  # a code in lower case
        ("?region=testland-south&level=current-crisis", ["Hillside situation"]),
        ("?region=testland-north&country=ML", []),
    ],
)
def test_the_crises_listing_filters_by_level_region_and_country(client, crises, query, expected):
    assert results(soup(client.get(crises["lakeland"].get_parent().url + query))) == expected


def test_the_listing_counts_each_facet_with_the_other_filters_kept(client, crises):
    html = soup(client.get(crises["lakeland"].get_parent().url + "?region=testland-south"))
    assert facet(html, "level")["current-crisis"] == "Current crisis (1)"
    assert facet(html, "level")["imminent-risk"] == "Imminent risk (0)"
    assert facet(html, "country") == {"ML": "Mali (1)"}  # only countries that have results
    cards = {card.select_one("h3").get_text(strip=True): card for card in html.select(".crisis-summary")}
    badge = cards["Hillside situation"].select_one(".level-badge")
    assert badge.get_text(" ", strip=True) == "Level: Current crisis"  # labelled, not a colour alone
    # The status follows the level: said once, by the badge; a crisis without a level says its status.
    assert cards["Hillside situation"].select_one(".card__meta").get_text(" ", strip=True) == "Testland South · Mali"
    assert cards["Quiet situation"].select_one(".card__meta").get_text(" ", strip=True) == "Current · Testland South"


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("?level=doom", "There is no level “doom”; that filter was ignored."),
        ("?country=XX", "There is no country “XX”; that filter was ignored."),
        ("?country=%00", "The value given for “country” contains a NUL character; it was ignored."),
        ("?region=" + "r" * 300, "The value given for “region” is longer than 200 characters; it was ignored."),
    ],
)
def test_bad_filter_values_are_ignored_with_a_note(client, crises, query, note):
    for language in ("en", "ar"):
        url = crises["lakeland"].get_parent().url.replace("/en/", f"/{language}/", 1) + query
        html = soup(client.get(url))
        if language == "en":
            assert note in [li.get_text(" ", strip=True) for li in html.select(".member-notes li")]
        assert len(results(html)) == 3


def test_levels_and_history_as_csv_and_json_parse_back(client, crises):
    index_url = crises["lakeland"].get_parent().url
    response = client.get(index_url + "levels.csv?region=testland-north")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["crisis"], row["level"], row["date"], row["current"]) for row in rows] == [
        ("Lakeland situation", "serious-concern", "2021", "no"),
        ("Lakeland situation", "imminent-risk", "2023-03", "yes"),
    ]
    assert rows[0]["countries"] == "SD;SS" and rows[1]["reason"] == "Militias gathered."

    response = client.get(index_url.replace("/en/", "/ar/", 1) + "levels.json?level=current-crisis&region=nowhere")
    data = json.loads(response.content)
    assert data["count"] == 1 and data["notes"]  # the bad region is reported, the rest applied
    hillside = data["crises"][0]
    with translation.override("ar"):
        assert hillside["level_name"] == level("current-crisis").name
    assert hillside["level_since"] == "2024-05-14" and hillside["history"][0]["current"] is True
    assert client.get(index_url + "nothing.json").status_code == 404


def test_the_level_feed_lists_the_latest_changes_and_honours_the_filters(client, crises):
    response = client.get(crises["lakeland"].get_parent().url + "levels/feed/?country=SS")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Lakeland situation: Imminent risk", "Lakeland situation: Serious concern"]
    summary = root.find(f"{ATOM}entry").find(f"{ATOM}summary").text
    assert summary.startswith("Imminent risk since March 2023.")  # as precise as known


def test_a_level_change_of_a_live_crisis_is_signalled_once(crises):
    heard = []

    def listener(sender, page, change, previous_level_id, **kwargs):
        heard.append((page.pk, change.level.slug, previous_level_id))

    crisis_level_changed.connect(listener)
    try:
        page = crises["lakeland"].get_latest_revision_as_object()
        page.summary = "Edited."
        page.save_revision().publish()  # no change of level: nothing
        assert heard == []
        page = CrisisPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        page.level_changes.add(change("current-crisis", datetime.date(2024, 6, 1)))
        page.save_revision()  # a draft: nothing yet
        assert heard == []
        page.get_latest_revision().publish()
        assert heard == [(page.pk, "current-crisis", level("imminent-risk").pk)]
    finally:
        crisis_level_changed.disconnect(listener)


def test_sample_crises_get_marked_sample_histories_countries_and_a_status_that_fits_their_level(client):
    call_command("make_sample_content", "--count", "4", stdout=io.StringIO())
    for crisis in CrisisPage.objects.samples():
        changes = list(crisis.level_changes.all())
        assert changes and all(c.reason.startswith("Sample level change") for c in changes)
        assert crisis.level_id == crisis.level_history()[-1].level_id
        assert crisis.countries and crisis.title.startswith("Sample crisis")  # the filter and UN texts show
        html = soup(client.get(crisis.url))
        shown = (html.select_one(".level-badge") or html.select_one("main")).get_text(" ", strip=True)
        assert (crisis.status == "past") == (crisis.level.slug == "past"), (crisis.status, shown)
    assert not CrisisLevelChange.objects.filter(page__is_sample=False).exists()


def test_a_sample_crisis_is_in_its_country_s_region(client):
    """Eight sample crises cover every sample country; the page shows the country's region, never
    another's (Syria and Libya: the Middle East and North Africa; the others: Africa)."""
    call_command("make_sample_content", "--count", "8", stdout=io.StringIO())
    mena = {"SY", "LY"}
    seen = set()
    for crisis in CrisisPage.objects.samples():
        (country,) = crisis.countries
        seen.add(country.code)
        expected = "Middle East and North Africa" if country.code in mena else "Africa"
        facts = soup(client.get(crisis.url)).select_one("main").get_text(" ", strip=True)
        assert crisis.region.name == expected, (crisis.title, country.code, crisis.region.name)
        assert expected in facts
        other = "Africa" if country.code in mena else "Middle East and North Africa"
        assert f"Region {other}" not in facts and f"Region: {other}" not in facts
    assert seen == {"SS", "SY", "LY", "CF", "BI", "SD", "ML", "CD"}


def test_a_crisis_status_follows_its_level_and_the_filters_read_differently(client, crises):
    page = crises["hillside"].get_latest_revision_as_object()
    assert page.status == "current"
    page.level_changes.add(change("past", datetime.date(2025, 1, 1), "year", "Resolved."))
    page.save_revision().publish()
    assert CrisisPage.objects.get(pk=page.pk).status == "past"  # never "Current" with level "Past"
    html = soup(client.get(CrisisIndexPage.objects.get().url))
    options = [label.get_text(" ", strip=True) for label in html.select(".filter-panel label, .filters label")]
    text = html.select_one("main").get_text(" ")
    assert "Archived situations" in text and "Ongoing situations" in text, options


@pytest.mark.slow
def test_the_listing_and_its_data_keep_a_flat_number_of_queries(client, crises):
    index = CrisisIndexPage.objects.get()
    urls = [index.url + "?level=imminent-risk", index.url + "levels.csv", index.url + "levels/feed/"]
    for url in urls:
        client.get(url)  # warm the per-process caches

    def add(start, count):
        for number in range(start, start + count):
            page = CrisisPage(title=f"Bulk {number}", slug=f"bulk-{number}", countries=["SS"])
            page.level_changes = [change("serious-concern", datetime.date(2020, 1, 1), "year")]
            page.level_changes.add(change("imminent-risk", datetime.date(2022, 1, 1), "year"))
            index.add_child(instance=page)

    counts = []
    for total in (10, 60):
        add(len(counts) * 10, 10 if total == 10 else 50)
        generation.bump()
        measured = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            measured.append(len(captured))
        counts.append(measured)
    assert all(large <= small for small, large in zip(counts[0], counts[1], strict=True)), counts


def test_open_data_and_the_feed_give_the_sites_real_address_and_the_changes_own_dates(client, crises):
    """Not the Site record's placeholder host, and each entry dated by its change (usability walk)."""
    index_url = crises["lakeland"].get_parent().url
    rows = list(csv.DictReader(io.StringIO(client.get(index_url + "levels.csv").content.decode())))
    data = json.loads(client.get(index_url + "levels.json").content)
    addresses = [row["crisis_url"] for row in rows] + [crisis["url"] for crisis in data["crises"]]
    assert addresses and all(url.startswith("http://testserver/en/") for url in addresses), addresses
    root = ET.fromstring(client.get(index_url + "levels/feed/?country=SS").content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}id").text.split("#")[0] for entry in entries] == [
        "http://testserver" + crises["lakeland"].url
    ] * 2
    # Known to the month and to the year: no <published> (no invented day), <updated> is required.
    assert [entry.find(f"{ATOM}published") for entry in entries] == [None, None]
    assert all(entry.find(f"{ATOM}updated").text for entry in entries)
    everything = ET.fromstring(client.get(index_url + "levels/feed/").content).findall(f"{ATOM}entry")
    hillside = next(entry for entry in everything if entry.find(f"{ATOM}title").text.startswith("Hillside"))
    assert hillside.find(f"{ATOM}published").text.startswith("2024-05-14T00:00:00")  # the change's own day


def test_staff_who_choose_a_status_against_the_level_are_told_it_follows_the_level(admin_client, crises):
    """The crisis form explains the rule beside the status, and after saving a status that contradicts
    the level, says what visitors will see and how to change it; in Arabic too."""
    from django.urls import reverse

    from .admin_form_data import edit_form_data

    hillside = crises["hillside"]  # current crisis since 14 May 2024
    edit_url = reverse("wagtailadmin_pages:edit", args=[hillside.pk])
    form = soup(admin_client.get(edit_url))
    assert "Follows the level when the page is published" in form.get_text(" ", strip=True)
    data = edit_form_data(admin_client, hillside)
    data["status"] = "past"
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data, follow=True)
    text = soup(response).get_text(" ", strip=True)
    assert "The status follows the level" in text
    assert "“Current crisis”" in text and "shown as “Current”, not “Past”" in text
    assert CrisisPage.objects.get(pk=hillside.pk).status == "current"
    # A status that agrees with the level gives no such message.
    data = edit_form_data(admin_client, hillside)
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data, follow=True)
    assert "The status follows the level" not in soup(response).get_text(" ", strip=True)


def test_a_sample_organisation_is_in_its_country_s_region(client):
    """Sample organisations (make_sample_content makes the members sample statements are signed by) sit
    in a country of their region: never "Libya · Asia-Pacific" in the directory."""
    from members.models import MemberOrganisation

    call_command("make_sample_members", "40", stdout=io.StringIO())
    samples = list(MemberOrganisation.objects.samples().select_related("region"))
    assert len(samples) >= 40
    for member in samples:
        if member.region.slug_en == "global":
            continue  # a global organisation may be based anywhere
        assert SAMPLE_REGION_OF_COUNTRY[member.country.code] == member.region.slug_en, (
            member.name,
            member.country.code,
            member.region.slug_en,
        )
    assert {member.region.slug_en for member in samples} - {"global"}, "every sample in Global"


def test_open_data_never_exports_the_generated_samples(client):
    """Sample crises and organisations (make_sample_content) show on the pages, marked "Sample", but the
    open data (members CSV/JSON, crisis levels CSV/JSON and their feed) is taken as real: none of them."""
    from members.models import MemberOrganisation

    call_command("make_sample_content", "--count", "3", stdout=io.StringIO())
    assert CrisisPage.objects.samples().live().exists() and MemberOrganisation.objects.samples().exists()
    crises_url = CrisisPage.objects.samples().live().first().get_parent().url
    assert "Sample crisis" in client.get(crises_url).content.decode()  # the page shows them
    for path in (
        crises_url + "levels.csv",
        crises_url + "levels.json",
        crises_url + "levels/feed/",
        "/en/members.csv",
        "/en/members.json",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "Sample crisis" not in body and "Sample organisation" not in body, path
    assert "Human Rights Watch" in client.get("/en/members.csv").content.decode()  # the real ones stay


@pytest.mark.parametrize(
    ("language", "pattern"),
    [
        ("en", r"^Level: Imminent risk \(since March 2023\)$"),
        ("fr", r"^Niveau : .+ \(depuis mars 2023\)$"),
        ("ar", r"^.+ \(منذ .+2023\)$"),
        ("zh-hans", r"^级别：\s?迫在眉睫的风险（自2023年3月起）$"),
        ("ru", r"^.+ \(с марта 2023 г\.\)$"),
    ],
)
def test_a_level_and_its_date_read_as_one_phrase(client, crises, language, pattern):
    """ "Imminent risk (since March 2023)", "过往危机（自2023年10月15日起）": the date in brackets after the
    level, so that "Past crisis since 15 October 2023" no longer reads as a contradiction (fourth language
    review), on the crises listing and in the crisis's title band."""
    index = CrisisIndexPage.objects.get()
    with translation.override(language):
        urls = [index.url, crises["lakeland"].url]
    for url in urls:
        html = soup(client.get(url))
        lines = [
            " ".join(p.get_text().split())
            for p in html.select(".crisis-summary__level, .crisis-header__level")
            if "2023" in p.get_text()
        ]
        assert lines and all(re.match(pattern, line) for line in lines), (url, lines)


@pytest.mark.parametrize(("language", "one", "two"), [("en", "Country", "Countries"), ("es", "País", "Países")])
def test_a_crisis_on_one_country_says_country(client, crises, language, one, two):
    """Not "Countries" above a single name (third language review)."""
    for key, label in (("hillside", one), ("lakeland", two)):
        with translation.override(language):
            url = crises[key].url
        terms = [dt.get_text(strip=True) for dt in soup(client.get(url)).select("main dt")]
        assert label in terms, terms
        assert ({one, two} - {label}).isdisjoint(terms), terms
