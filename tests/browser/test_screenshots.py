"""Screenshots of every page type at phone and desktop widths, and the Arabic layout mirrored.

Saved in test-artifacts/screenshots/ (git-ignored): ``<page type>-<language>-<width>.png``.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import new_context, resolve_path, visit_page_type
from .site_map import PAGE_TYPES, RTL_PAGE_TYPES, SCREENSHOT_LANGUAGES, SCREENSHOT_WIDTHS

BY_NAME = {p.name: p for p in PAGE_TYPES}


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
@pytest.mark.parametrize("language", SCREENSHOT_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_screenshot_of_each_page_type(chromium, live_site, screenshot_dir, page_type, language, width):
    # The design rules' load of the same page, language and width when it just ran on this worker.
    context, page, status = visit_page_type(chromium, live_site, page_type, language, width)
    try:
        assert status == page_type.status, f"{page.url} answered {status}"
        expect(page.locator("h1")).to_be_visible()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px"
        target = screenshot_dir / f"{page_type.name}-{language}-{width}.png"
        try:
            page.screenshot(path=str(target), full_page=True)
        except PlaywrightError as error:
            if "Unable to capture screenshot" not in str(error):
                raise
            # Chromium's compositor gave no frame (seen once on a machine loaded far beyond its cores):
            # the picture is taken once more, of a fresh load of the same page.
            context.close()
            context, page, status = visit_page_type(chromium, live_site, page_type, language, width)
            assert status == page_type.status, f"{page.url} answered {status}"
            page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 1000
    finally:
        context.close()


def brand_centre(page):
    box = page.locator(".site-brand").bounding_box()
    return box["x"] + box["width"] / 2


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
@pytest.mark.parametrize("name", RTL_PAGE_TYPES)
def test_arabic_layout_is_mirrored(chromium, live_site, screenshot_dir, name, width):
    page_type = BY_NAME[name]
    context = new_context(chromium, live_site, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(resolve_path(page, page_type))
        english_brand = brand_centre(page)
        english_heading = page.locator("h1").bounding_box()
        page.goto(resolve_path(page, page_type, "ar"))
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        arabic_brand = brand_centre(page)
        arabic_heading = page.locator("h1").bounding_box()

        assert english_brand < width / 2 < arabic_brand, (
            f"brand not mirrored: centre at {english_brand:.0f}px in English, {arabic_brand:.0f}px in Arabic"
        )
        # The main heading starts on the right in Arabic: its right edge sits where English starts on the left.
        english_start = english_heading["x"]
        arabic_start = width - (arabic_heading["x"] + arabic_heading["width"])
        assert abs(english_start - arabic_start) <= 2, (english_heading, arabic_heading)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"Arabic {name} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()
