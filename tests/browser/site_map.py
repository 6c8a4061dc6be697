"""The page types the browser, accessibility and screenshot checks visit: extend this one list.

Each entry is an English path; the other languages' addresses are found on the page itself (its
``<link rel="alternate" hreflang>``), so translated slugs need no second list. ``optional`` entries are
visited only when ``features.py`` says the part of the site they belong to exists.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str  # used in test ids and screenshot file names
    path: str  # the English address
    status: int = 200
    needs: str = ""  # a feature name from features.FEATURES; empty means "always there"


PAGE_TYPES = [
    PageType("home", "/en/"),
    PageType("standard", "/en/about/"),  # the mission page ("About the Coalition")
    PageType("explainer", "/en/responsibility-to-protect/"),
    PageType("history", "/en/about/history/"),
    PageType("steering-committee", "/en/about/steering-committee/"),
    PageType("directory", "/en/members/"),
    PageType("member-profile", "", needs="member_profiles"),  # path found on the directory page
    PageType("contact", "/en/contact/"),
    PageType("search", "/en/search/?q=coalition"),  # site search with results (header form's target)
    PageType("not-found", "/en/this-page-does-not-exist/", status=404),
]

# Languages every page type is checked in (Arabic for right-to-left).
A11Y_LANGUAGES = ["en", "ar"]
SCREENSHOT_WIDTHS = [375, 1280]
# Arabic screenshots with the mirrored-layout check.
RTL_PAGE_TYPES = ["home", "history", "directory", "member-profile", "contact", "search"]
