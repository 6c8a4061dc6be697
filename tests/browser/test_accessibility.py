"""axe-core (bundled by axe-playwright-python, works offline) on every page type, English and Arabic.

WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices: zero violations. The scan's browser
context bypasses the page's Content-Security-Policy (the policy rightly forbids the injected axe
script); every other browser test runs with the real policy.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import new_context, resolve_path
from .site_map import A11Y_LANGUAGES, PAGE_TYPES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE = Axe()

# Violations in templates other issues are rewriting, reported to the lead: (page type, rule id) -> why.
# The test xfails while nothing but these remain (any other violation fails it); delete an entry once
# its part is merged.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary[:300]}")
    return "\n".join(lines)


def axe_violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


@pytest.fixture
def scan_page(chromium, live_site):
    context = new_context(chromium, live_site, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", A11Y_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
def test_no_axe_violations(scan_page, page_type, language):
    path = resolve_path(scan_page, page_type, language)
    response = scan_page.goto(path)
    assert response.status == page_type.status, f"{path} answered {response.status}"
    assert scan_page.locator("html").get_attribute("lang") == language
    violations = axe_violations(scan_page)
    known = {rule for (name, rule) in KNOWN_VIOLATIONS if name == page_type.name}
    if violations and {v["id"] for v in violations} <= known:
        pytest.xfail("known, reported: " + "; ".join(KNOWN_VIOLATIONS[(page_type.name, rule)] for rule in known))
    assert not violations, f"axe found {len(violations)} violation(s) on {path}:\n{describe(violations)}"
