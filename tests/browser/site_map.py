"""The page types the browser, accessibility and screenshot checks visit: extend this one list.

Each entry is an English path; the other languages' addresses are found on the page itself (its
``<link rel="alternate" hreflang>``), so translated slugs need no second list.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str  # used in test ids and screenshot file names
    path: str  # the English address
    status: int = 200


PAGE_TYPES = [
    PageType("home", "/en/"),
    PageType("standard", "/en/about/"),  # the mission page ("About the Coalition")
    PageType("explainer", "/en/responsibility-to-protect/"),
    PageType("history", "/en/about/history/"),
    PageType("steering-committee", "/en/about/steering-committee/"),
    PageType("directory", "/en/members/"),
    PageType("members-map", "/en/members/map/"),  # the world map drawn on the server, with its tables
    PageType("member-profile", ""),  # path found on the directory page
    PageType("contact", "/en/contact/"),
    PageType("resources", "/en/resources/"),
    PageType("resource", "/en/resources/2005-world-summit-outcome-paragraphs-138140-responsibility-to-protect/"),
    PageType("events", "/en/events/"),
    PageType("event", "/en/events/sample-event-1/"),  # a generated sample event (tests/browser/server.py)
    PageType("contact-form", "/en/contact/write/"),
    PageType("join", "/en/join/"),
    PageType("newsletter", "/en/newsletter/"),
    PageType("privacy", "/en/privacy/"),
    PageType("crises", "/en/crises/"),
    PageType("crises-by-country", "/en/crises/?country=SS"),  # filtered on a country: the follow box
    PageType("crisis", "/en/crises/sample-crisis-1/"),  # generated samples (tests/browser/server.py)
    PageType("news", "/en/news/"),
    PageType("un-texts", "/en/un-texts/"),  # the tracker: filters, the chart and its table, the list
    PageType("un-text", "/en/un-texts/a-res-60-1/"),  # one UN text (un-texts-r2p.csv; its day from un-documents.csv)
    PageType("follow", "/en/follow/?country=SS"),  # the alert sign-up form
    PageType("article", "/en/news/sample-article-3/"),  # a sample statement signed by two sample members
    PageType("search", "/en/search/?q=coalition"),  # site search with results (header form's target)
    PageType("search-filtered", "/en/search/?q=human+rights&kind=member"),  # results of one kind
    PageType("search-empty", "/en/search/?q=genocde"),  # no results: a suggestion and where to look
    PageType("not-found", "/en/this-page-does-not-exist/", status=404),
]

# Languages every page type is checked in (Arabic for right-to-left).
A11Y_LANGUAGES = ["en", "ar"]
SCREENSHOT_WIDTHS = [375, 1280]
# Screenshots of every page type in each of these (left to right, right to left, Chinese script).
SCREENSHOT_LANGUAGES = ["en", "ar", "zh-hans"]
# The design rules (tests/browser/test_design_rules.py): English and Arabic on a phone and a desk, Chinese on
# a desk (text in Latin letters). Each of these page loads also serves the screenshot of the same page
# type, language and width (tests/browser/conftest.py, ``visit_page_type``).
DESIGN_RULE_CASES = [(language, width) for language in ("en", "ar") for width in (375, 1280)] + [("zh-hans", 1280)]
# Arabic screenshots with the mirrored-layout check.
RTL_PAGE_TYPES = ["home", "history", "directory", "member-profile", "contact", "search"]
