"""A visitor's journeys through the site, in Chromium against the live gunicorn server."""

import re

from playwright.sync_api import expect

from .conftest import alternate_path


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def test_home_then_the_rtop_explainer_and_the_history(page):
    response = page.goto("/en/")
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).not_to_be_empty()

    main_nav(page).get_by_role("link", name="The Responsibility to Protect").click()
    expect(page).to_have_url(re.compile(r"/en/responsibility-to-protect/$"))
    expect(page.locator("h1")).to_have_text("The Responsibility to Protect")
    expect(page.locator("#crimes h2")).to_be_visible()
    expect(page.locator("#pillars h2")).to_be_visible()

    # On a wide screen the coalition's name in the header is the way home (the menu keeps to the sections).
    expect(main_nav(page).get_by_role("link", name="Home")).to_be_hidden()
    page.locator("header a.site-brand").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.get_by_role("link", name="Our history").first.click()
    expect(page).to_have_url(re.compile(r"/en/about/history/$"))
    expect(page.locator("h1")).to_have_text("Our history")
    expect(page.locator("ol.timeline > li").first).to_be_visible()
    # The UN symbols linked on their own line are targets of 24 px at least (WCAG 2.2, 2.5.8).
    heights = page.locator(".timeline__doc a").evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24, heights
    assert page.csp_errors == [], page.csp_errors


def test_switching_language_keeps_the_page(page):
    page.goto("/en/about/history/")
    english_title = page.locator("h1").inner_text()
    page.locator("nav.language-switcher").locator('a[hreflang="fr"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert re.search(r"/fr/[^/]+/[^/]+/$", page.url), f"not a French sub-page: {page.url}"
    # The same page: its English alternate is where we came from.
    assert alternate_path(page, "en") == "/en/about/history/"
    assert page.locator("h1").inner_text()  # translated or the marked English fallback
    page.locator("nav.language-switcher").locator('a[hreflang="ar"]').click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert alternate_path(page, "en") == "/en/about/history/"
    page.locator("nav.language-switcher").locator('a[hreflang="en"]').click()
    expect(page.locator("h1")).to_have_text(english_title)


def test_visitor_finds_an_office_phone_number(page):
    page.goto("/en/")
    # Contact sits with the other ways to get involved in the footer of every page.
    page.locator("footer").get_by_role("link", name="Contact", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/contact/$"))
    phones = page.locator('main a[href^="tel:"]')
    expect(phones.first).to_be_visible()
    hrefs = phones.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "tel:+12125991320" in hrefs, hrefs  # New York, from the offices records
    assert all(re.fullmatch(r"tel:\+\d{6,15}", href) for href in hrefs), hrefs
    # The footer carries the phones on every other page too (the contact page shows them above).
    page.goto("/en/about/")
    expect(page.locator('footer a[href^="tel:"]').first).to_be_visible()


def test_directory_filter_by_region_then_sector_and_open_a_member(page):
    page.goto("/en/")
    main_nav(page).get_by_role("link", name="Our members").click()
    expect(page).to_have_url(re.compile(r"/en/members/$"))
    form = page.locator("main form[method=get]").first
    total = page.locator(".member-list > li").count()
    assert total > 1

    def choose(name):
        """Pick the first option that has members (not "All"), submit, return its value."""
        select = form.locator(f'select[name="{name}"]')
        options = select.locator("option").evaluate_all(
            "els => els.map(e => [e.value, e.textContent]).filter(([v, t]) => v && !/\\(0\\)/.test(t))"
        )
        assert options, f"no {name} option with members"
        value = options[0][0]
        select.select_option(value)
        form.locator('button[type="submit"], input[type="submit"]').first.click()
        expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(value)}"))
        return value

    region = choose("region")
    after_region = page.locator(".member-list > li").count()
    assert 0 < after_region <= total
    sector = choose("sector")
    assert f"region={region}" in page.url and f"sector={sector}" in page.url  # filters combine, in the URL
    after_sector = page.locator(".member-list > li").count()
    assert 0 < after_sector <= after_region

    first = page.locator(".member-list > li").first.locator("a[href]").first
    name = first.inner_text().strip()
    first.click()
    expect(page).to_have_url(re.compile(r"/en/members/[^/?]+/$"))
    expect(page.locator("h1")).to_contain_text(name.split(" (")[0])


def test_visitor_searches_from_the_header_and_opens_a_result(page):
    page.goto("/en/about/history/")
    header_search = page.locator("header").get_by_role("search", name="Search the site")
    header_search.get_by_role("searchbox", name="Search the site").fill("sovereignty")
    header_search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=sovereignty$"))
    expect(page.locator("h1")).to_have_text("Search")
    expect(page.locator("main").get_by_role("searchbox", name="Search the site")).to_have_value("sovereignty")
    # exact: the titles of UN documents in the library contain the same words
    results = page.locator(".search-results")
    result = results.get_by_role("link", name="The Responsibility to Protect", exact=True)
    expect(result).to_have_count(1)
    result.click()
    expect(page).to_have_url(re.compile(r"/en/responsibility-to-protect/$"))
    assert page.csp_errors == [], page.csp_errors


def test_a_visitor_adds_an_event_to_their_calendar(page):
    import icalendar

    page.goto("/en/")
    main_nav(page).get_by_role("link", name="Events").click()
    expect(page).to_have_url(re.compile(r"/en/events/$"))
    page.locator(".member-list h3 a").first.click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Sample event"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Add to my calendar")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(open(download.path(), "rb").read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == page.locator("h1").inner_text()
    assert event["UID"] and event["DTSTAMP"] and event["DTSTART"]
    assert page.csp_errors == [], page.csp_errors


def test_a_visitor_opens_a_crisis_and_reads_a_statement(page):
    page.goto("/en/")
    main_nav(page).get_by_role("link", name="Crises").click()
    expect(page).to_have_url(re.compile(r"/en/crises/$"))
    page.locator(".member-list h3 a", has_text="Sample crisis 2").click()
    expect(page.locator("h1")).to_have_text("Sample crisis 2")
    statements = page.locator("#statements-heading").locator("xpath=..")
    statements.get_by_role("link", name=re.compile(r"^Sample statement")).first.click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Sample statement"))
    signatories = page.locator(".article__signatories")
    expect(signatories.locator("h2")).to_have_text("Signed by 2 member organisations")
    title = page.locator("h1").inner_text()
    signatories.get_by_role("link").first.click()
    expect(page.locator(".member-profile__statements")).to_contain_text(title)
    assert page.csp_errors == [], page.csp_errors
