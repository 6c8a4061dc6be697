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

from .conftest import new_context, resolve_path
from .site_map import PAGE_TYPES

RULES = (Path(__file__).resolve().parent / "design_rules.js").read_text()
CASES = [(language, width) for language in ("en", "ar") for width in (375, 1280)] + [("zh-hans", 1280)]


@pytest.mark.parametrize(("language", "width"), CASES, ids=[f"{language}-{width}" for language, width in CASES])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_every_page_type_follows_the_design_rules(chromium, live_site, page_type, language, width):
    context = new_context(chromium, live_site, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        path = resolve_path(page, page_type, language)
        assert page.goto(path).status == page_type.status
        page.wait_for_load_state("load")  # pictures in place: rows and rendition sources are final
        problems = page.evaluate(RULES)
        assert not problems, f"{path} at {width}px breaks the design rules:\n" + "\n".join(f"- {p}" for p in problems)
    finally:
        context.close()
