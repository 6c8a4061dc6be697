"""Keyboard-only use and a browser without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import new_context, resolve_path
from .site_map import A11Y_LANGUAGES, PAGE_TYPES

BY_NAME = {p.name: p for p in PAGE_TYPES}

FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)

MARK_FOCUSABLES = """(selector) => {
  const style = (el) => {
    const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, outlineStyle: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth) || 0, boxShadow: s.boxShadow};
  };
  // Rendered and not inside a closed disclosure (the phone menu, a folded filter panel): checkVisibility
  // sees the content-visibility that hides a closed <details>' content.
  const shown = (el) => el.getClientRects().length && el.checkVisibility({visibilityProperty: true});
  // A radio group is one Tab stop (arrow keys move inside it): its checked radio, else its first.
  const tabStop = (el) => {
    if (el.type !== 'radio' || !el.name) return true;
    const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
    return el === (group.find((r) => r.checked) || group[0]);
  };
  const els = [...document.querySelectorAll(selector)].filter(shown).filter(tabStop);
  return els.map((el, i) => {
    el.dataset.kb = String(i);
    const label = (el.textContent || el.getAttribute('aria-label') || el.name || el.tagName).trim().slice(0, 60);
    return {id: String(i), label, ...style(el)};
  });
}"""

ACTIVE = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  // A text area is scrolled to its caret (its first lines), not to its bottom edge: those lines must show.
  const bottom = el.tagName === "TEXTAREA" ? r.top + Math.min(r.height, 48) : r.bottom;
  const onScreen = r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= innerWidth + 1
                   && r.top >= -1 && bottom <= innerHeight + 1;
  return {id: el.dataset.kb || null, tag: el.tagName, elid: el.id, onScreen,
          box: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`,
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, outlineStyle: s.outlineStyle,
          outlineWidth: parseFloat(s.outlineWidth) || 0, boxShadow: s.boxShadow};
}"""


def has_visible_focus(focused, resting):
    outline = (
        focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2 and focused["outline"] != resting["outline"]
    )
    shadow = focused["boxShadow"] not in ("none", resting["boxShadow"])
    return outline or shadow


# Every page type in both directions on a desktop; on a phone the header wraps (brand, search form,
# languages, menu), so the page types with the most controls are walked at 375 px too.
KEYBOARD_CASES = [(p.name, language, 1280) for p in PAGE_TYPES for language in A11Y_LANGUAGES] + [
    (name, language, 375) for name in ("home", "directory", "contact") for language in A11Y_LANGUAGES
]


@pytest.mark.parametrize(("name", "language", "width"), KEYBOARD_CASES, ids=lambda v: str(v))
def test_every_control_is_reachable_with_tab_in_reading_order_and_shows_focus(
    chromium, live_site, name, language, width
):
    page_type = BY_NAME[name]
    context = new_context(chromium, live_site, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        path = resolve_path(page, page_type, language)
        assert page.goto(path).status == page_type.status
        elements = page.evaluate(MARK_FOCUSABLES, FOCUSABLE)
        assert len(elements) > 10
        resting = {element["id"]: element for element in elements}

        reached, problems = [], []
        for _ in range(len(elements) + 3):
            page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE)
            if active["id"] is None:
                continue
            if active["id"] in reached:
                break
            reached.append(active["id"])
            element = resting[active["id"]]
            if not has_visible_focus(active, element):
                problems.append(f"{element['label']!r}: focused {active['outline']} / {active['boxShadow']}")
            if not active["onScreen"]:
                problems.append(f"{element['label']!r}: focused but outside the {width}px screen ({active['box']})")

        missing = [resting[i]["label"] for i in resting if i not in reached]
        assert not missing, f"{path}: not reachable with Tab: {missing}"
        assert reached == [e["id"] for e in elements], f"{path}: Tab order differs from the reading order"
        assert not problems, f"{path} at {width}px:\n" + "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/en/", "/en/about/history/", "/ar/"])
def test_the_skip_link_is_first_visible_when_focused_and_moves_focus_to_main(page, path):
    page.goto(path)
    skip = page.locator("a.skip-link")
    assert skip.count() == 1, f"{path}: no skip link (a.skip-link) to the main content"
    box_before = skip.bounding_box()
    assert box_before is None or box_before["y"] + box_before["height"] <= 0, "skip link visible before focus"
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] >= 24, f"focused skip link not on screen: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    page.keyboard.press("Tab")  # the next Tab continues inside the main content, not in the header
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_the_site_reads_and_navigates_without_javascript(chromium, live_site):
    context = new_context(chromium, live_site, java_script_enabled=False)
    try:
        page = context.new_page()
        assert page.goto("/en/").status == 200
        expect(page.locator("h1")).to_be_visible()
        nav = page.get_by_role("navigation", name="Main")
        for name, path in [
            ("About the Coalition", r"/en/about/$"),
            ("The Responsibility to Protect", r"/en/responsibility-to-protect/$"),
            ("Our members", r"/en/members/$"),
            ("News and statements", r"/en/news/$"),
        ]:
            nav.get_by_role("link", name=name).click()
            expect(page).to_have_url(re.compile(path))
            expect(page.locator("h1")).to_be_visible()
            expect(page.locator("main")).not_to_be_empty()
        page.locator("nav.language-switcher").locator('a[hreflang="fr"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page).to_have_url(re.compile(r"/fr/[^/]+/$"))
        expect(page.locator("footer a[href^='tel:']").first).to_be_visible()
    finally:
        context.close()
