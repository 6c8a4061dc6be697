"""The design rules, on every page type (tests/browser/site_map.py) in English and Arabic, on a phone and a
desk (and in Chinese on a desk, for text in Latin letters): one page load each, all the rules in one
``page.evaluate`` (tests/browser/design_rules.js):

- no picture shown twice on a page;
- no list of cards or headed items with the browser's markers;
- no definition list at the browser's default indentation;
- no text in Latin letters without its own ``lang`` in an Arabic or Chinese page;
- no card grid row whose cards' titles (or, for cards of a heading and a text, texts) start at different heights.
"""

from pathlib import Path

import pytest

from .conftest import keep_visit, visit_page_type
from .site_map import DESIGN_RULE_CASES, PAGE_TYPES, SCREENSHOT_LANGUAGES, SCREENSHOT_WIDTHS

RULES = (Path(__file__).resolve().parent / "design_rules.js").read_text()
CASES = DESIGN_RULE_CASES


@pytest.mark.parametrize(("language", "width"), CASES, ids=[f"{language}-{width}" for language, width in CASES])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_every_page_type_follows_the_design_rules(chromium, live_site, page_type, language, width):
    context, page, status = visit_page_type(chromium, live_site, page_type, language, width)
    try:
        assert status == page_type.status, f"{page.url} answered {status}"
        problems = page.evaluate(RULES)
    finally:
        if language in SCREENSHOT_LANGUAGES and width in SCREENSHOT_WIDTHS:
            # The screenshot test of the same page type, language and width runs next on this worker
            # (tests/conftest.py, ``PageVisitScheduling``): it takes its picture of this same load.
            keep_visit(page_type, language, width, (context, page, status))
        else:
            context.close()
    assert not problems, f"{page.url} at {width}px breaks the design rules:\n" + "\n".join(f"- {p}" for p in problems)
