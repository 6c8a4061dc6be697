"""A visitor on a phone searches from the header, narrows the results to members and opens one."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import new_context

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone_page(chromium, live_site):
    context = new_context(chromium, live_site, **PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_phone_search_from_the_header_filter_by_kind_and_open_a_member(phone_page):
    page = phone_page
    page.goto("/en/")
    # On a phone the search sits in the header's Menu disclosure: one tap opens it.
    page.locator("header summary.site-menu__button").click()
    header_search = page.locator("header").get_by_role("search", name="Search the site")
    header_search.get_by_role("searchbox", name="Search the site").fill("human rights")
    header_search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=human\+rights$"))
    # On a phone the kinds of result are folded, as a listing's filters are: one tap opens them.
    page.locator("summary", has_text="Kinds of result").click()
    kinds = page.get_by_role("navigation", name="Kinds of result")
    members = kinds.get_by_role("link", name=re.compile(r"^Members \(\s*\d+\s*\)$"))
    expect(members).to_have_count(1)
    members.click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=human\+rights&kind=member$"))
    page.locator("summary", has_text="Kinds of result").click()
    expect(kinds.locator("[aria-current=page]")).to_contain_text("Members")
    kind_labels = page.locator(".search-result__kind").all_text_contents()  # as written (shown in capitals)
    assert kind_labels and set(kind_labels) == {"Member organisation"}
    page.locator(".search-results").get_by_role("link", name="Human Rights Watch").click()
    expect(page).to_have_url(re.compile(r"/en/members/[^/]+/$"))
    expect(page.locator("h1")).to_contain_text("Human Rights Watch")


def test_arabic_search_finds_a_word_without_its_article(phone_page):
    page = phone_page
    page.goto("/ar/search/?q=%D8%A5%D8%A8%D8%A7%D8%AF%D8%A9")  # إبادة, the page says الإبادة
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".search-results li").first).to_be_visible()
    expect(page.locator(".search-results mark").first).to_contain_text("الإبادة")
