"""The header and listing layout on phones and desks: the menu is a disclosure that opens and closes
with the keyboard without JavaScript, the header keeps one height in every language, and the member
directory shows its result count before the folded filters; an English list in an Arabic page keeps its
bullets beside its text; the UN texts' chart spans its column; "Sample" badges never misalign cards."""

import pytest
from playwright.sync_api import expect

from .conftest import new_context, resolve_path
from .site_map import PAGE_TYPES

BY_NAME = {p.name: p for p in PAGE_TYPES}


def test_the_phone_menu_opens_and_closes_with_the_keyboard_without_javascript(chromium, live_site):
    context = new_context(chromium, live_site, viewport={"width": 375, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/en/")
        button = page.locator("summary.site-menu__button")
        nav_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Our members")
        french = page.locator("nav.language-switcher a[hreflang='fr']")
        search = page.get_by_role("searchbox", name="Search the site")
        expect(button).to_be_visible()
        expect(nav_link).to_be_hidden()
        expect(french).to_be_hidden()

        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the brand
        page.keyboard.press("Tab")  # the menu button
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("details.site-menu")).to_have_attribute("open", "")
        # One tap shows the search, every section and every language.
        expect(search).to_be_visible()
        expect(nav_link).to_be_visible()
        expect(french).to_be_visible()
        page.keyboard.press("Tab")
        expect(search).to_be_focused()

        button.focus()
        page.keyboard.press("Space")
        expect(nav_link).to_be_hidden()
        page.keyboard.press("Enter")
        expect(nav_link).to_be_visible()
        nav_link.focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Our members")
    finally:
        context.close()


def test_on_a_desk_the_menu_is_always_open_without_a_button(chromium, live_site):
    context = new_context(chromium, live_site, viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/en/")
        expect(page.locator("summary.site-menu__button")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Our members")).to_be_visible()
        expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_header_keeps_one_height_in_every_language(chromium, live_site, width):
    context = new_context(chromium, live_site, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        heights = {}
        for language in ["en", "fr", "es", "ar", "zh-hans", "ru"]:
            page.goto(f"/{language}/")
            heights[language] = round(page.locator(".site-header").bounding_box()["height"])
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"/{language}/ scrolls sideways by {overflow}px at {width}px"
        assert len(set(heights.values())) == 1, heights
        if width < 1000:
            assert heights["en"] <= 80, f"the phone header takes {heights['en']}px"
    finally:
        context.close()


@pytest.mark.parametrize("listing", ["directory", "crises", "news", "resources", "events"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_listing_on_a_phone_shows_the_count_then_folded_filters_then_the_items(
    chromium, live_site, language, listing
):
    context = new_context(chromium, live_site, viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto(resolve_path(page, BY_NAME[listing], language))
        count = page.locator(".listing__count")
        filters = page.locator("details.filter-panel")
        first_item = page.locator(".member-list > li").first
        expect(filters.locator("select").first).to_be_hidden()
        count_box, filters_box, item_box = (x.bounding_box() for x in (count, filters, first_item))
        assert count_box["y"] < filters_box["y"] < item_box["y"]
        assert item_box["y"] < 812 * 1.2, f"the first item starts {item_box['y']:.0f}px down"
        filters.locator("summary").click()
        expect(filters.locator("select").first).to_be_visible()
    finally:
        context.close()


def test_a_profile_prints_without_navigation_and_with_link_addresses(chromium, live_site, screenshot_dir):
    context = new_context(chromium, live_site, viewport={"width": 800, "height": 1000})
    try:
        page = context.new_page()
        page.goto(resolve_path(page, BY_NAME["member-profile"]))
        page.emulate_media(media="print")
        expect(page.locator("h1")).to_be_visible()
        for hidden in (".main-nav", ".language-switcher", ".header-search", ".site-footer__columns", ".breadcrumbs"):
            expect(page.locator(hidden).first).to_be_hidden()
        expect(page.locator(".print-address")).to_be_visible()
        region_link = page.locator(".facts a").first
        after = region_link.evaluate("a => getComputedStyle(a, '::after').content")
        assert "/members/?region=" in after, after
        page.screenshot(path=str(screenshot_dir / "member-profile-en-print.png"), full_page=True)
    finally:
        context.close()


MARKER_BESIDE_TEXT = """(item) => {
  // Where the item's marker stands: at the item's start edge for a marker outside the text, at the
  // start of its first line for one inside it; and where the item's text starts.
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !node.textContent.trim()) node = walker.nextNode();
  const range = document.createRange();
  range.selectNodeContents(node);
  const text = range.getClientRects()[0];
  const box = item.getBoundingClientRect();
  const inside = getComputedStyle(item).listStylePosition === "inside";
  return { marker: inside ? text.left - 1 : box.left, text: text.left, inside };
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_an_english_list_in_an_arabic_page_keeps_each_bullet_beside_its_text(chromium, live_site, width):
    """A crisis page in Arabic whose risk factors fell back to English: the list is a left-to-right
    block aligned to the column's end (text-align: end), and each bullet stays beside its text, not
    stranded at the block's far left edge (``:root[dir="rtl"] [dir="ltr"] :is(ul, ol)`` in site.css)."""
    context = new_context(chromium, live_site, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(resolve_path(page, BY_NAME["crisis"], "ar"))
        items = page.locator('main [dir="ltr"] ul > li')
        assert items.count() >= 1
        for index in range(items.count()):
            where = items.nth(index).evaluate(MARKER_BESIDE_TEXT)
            assert abs(where["text"] - where["marker"]) <= 30, (
                f"bullet {where['marker']:.0f}px, text {where['text']:.0f}px"
            )
    finally:
        context.close()


def test_the_un_texts_chart_uses_the_column_width_on_a_desk(chromium, live_site):
    """At 1280 px the tracker's chart spans its column (the SVG is 100 % wide on its viewBox), not a
    fixed 630 px; the kinds of reference and the open data sit beside the filters, above the pagination."""
    context = new_context(chromium, live_site)
    try:
        page = context.new_page()
        page.goto(resolve_path(page, BY_NAME["un-texts"], "en"))
        chart = page.locator(".bar-chart__svg--wide").bounding_box()
        column = page.locator("main .wrap").first.evaluate(
            "el => { const s = getComputedStyle(el);"
            " return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
        )
        assert chart["width"] >= column - 2, f"chart {chart['width']:.0f}px in a {column:.0f}px column"
        aside = page.locator(".listing__aside").bounding_box()
        filters = page.locator(".listing__filters").bounding_box()
        results = page.locator(".listing__results").bounding_box()
        assert (
            abs(aside["x"] - filters["x"]) < 2
            and aside["y"] > filters["y"]
            and aside["x"] + aside["width"] < results["x"]
        )
        assert aside["y"] < page.locator(".pagination").bounding_box()["y"]
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1024, 1280])
def test_sample_badges_never_misalign_the_home_cards(chromium, live_site, width):
    """The home page's cards of a row (latest news, crises) start their texts at one height: a "Sample"
    badge stands on its own line and never wraps into a card's meta line."""
    context = new_context(chromium, live_site, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto("/en/")
        rows = page.evaluate(
            """() => [...document.querySelectorAll('.home-news .grid, .home-crises .grid')].flatMap((grid) => {
              const rows = new Map();
              for (const item of grid.children) {
                const top = Math.round(item.getBoundingClientRect().top);
                const teaser = item.querySelector('.card__teaser');
                const badge = item.querySelector('.card__meta .badge--quiet');
                if (!rows.has(top)) rows.set(top, []);
                rows.get(top).push({
                  teaser: teaser ? Math.round(teaser.getBoundingClientRect().top) : null,
                  badge: badge ? badge.getClientRects().length : 0,
                });
              }
              return [...rows.values()];
            })"""
        )
        assert rows
        for row in rows:
            assert all(card["badge"] <= 1 for card in row), row  # a badge is never split over two lines
            tops = [card["teaser"] for card in row if card["teaser"] is not None]
            assert max(tops) - min(tops) <= 2, f"teasers at {tops} in one row at {width}px"
    finally:
        context.close()
