"""Fixtures for the browser tests: a live gunicorn site (production settings, own database) and
Debian's Chromium driven by Playwright's Python API (never ``playwright install``).

Everything under tests/browser/ is marked ``browser``; ``make test-browser`` runs them over both cores
(pytest-xdist): each worker starts its own live site and its own Chromium once for its session. The
Lighthouse audits (marked ``lighthouse`` too) run after them in a session of their own, so that no other
test shares the machine while pages are measured.
"""

import os
import re
import urllib.parse
from pathlib import Path

import pytest

from .server import CHROMIUM, CHROMIUM_ARGS, ROOT, LiveSite
from .site_map import PAGE_TYPES

ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
BROWSER_DIR = Path(__file__).resolve().parent


# Journeys that start servers of their own, wait for the scheduler or load a site for a minute: marked
# ``slow``, so that they start first (tests/conftest.py) and no worker is left with one at the end.
LONG_JOURNEYS = {
    "test_dev_shared_cache",
    "test_edge_proxy",
    "test_editor",
    "test_editor_publishing",
    "test_editors_preview_review",
    "test_html_validity",
    "test_resilience_cache",
    "test_resilience_database_down",
    "test_staff_journeys",
    "test_topology",
    "test_two_factor",
}


@pytest.hookimpl(tryfirst=True)  # before -m selects on the marker
def pytest_collection_modifyitems(config, items):
    """Mark browser tests (and the Lighthouse audits, and the long journeys as slow); tests/conftest.py
    then moves them after the rest."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            stem = Path(str(item.path)).stem
            if stem == "test_lighthouse":
                item.add_marker(pytest.mark.lighthouse)
            if stem in LONG_JOURNEYS:
                item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def live_site():
    site = LiveSite()
    try:
        site.start()
    except Exception:
        site.stop()
        raise
    yield site
    site.stop()


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing (Debian package 'chromium'); CI must not skip browser tests")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's 'chromium' (tests/tools/system-packages.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(chromium, live_site, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = chromium.new_context(base_url=live_site.base_url, **options)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def context(chromium, live_site):
    context = new_context(chromium, live_site)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" and "Content Security Policy" in msg.text else None,
    )
    page.csp_errors = errors
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        path = ARTIFACTS / "failures" / (re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:] + ".png")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception:  # noqa: BLE001, S110 - a failure screenshot is a courtesy only
            pass


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def alternate_path(page, language):
    """The address of the page currently open in ``page``, in another language (from hreflang)."""
    href = page.locator(f'link[rel="alternate"][hreflang="{language}"]').first.get_attribute("href")
    assert href, f"no hreflang={language} alternate on {page.url}"
    return re.sub(r"^https?://[^/]+", "", href)


def member_profile_path(page, language="en"):
    """The first member profile linked from the directory (``page`` must be on the directory)."""
    for href in page.locator(".member-list a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        if re.fullmatch(rf"(https?://[^/]+)?/{language}/[^/]+/[^/?#]+/", href or ""):
            return re.sub(r"^https?://[^/]+", "", href)
    return None


_kept_visits = {}  # (page type, language, width) -> (context, page, status): a load kept for the next check


def visit_page_type(chromium, live_site, page_type, language, width):
    """``page_type`` in ``language`` in a new browser context ``width`` px wide (900 high), loaded: returns
    (context, page, HTTP status). A load kept by ``keep_visit`` for the same page type, language and
    width is handed over instead of loading the page again. The caller closes the context (or keeps it)."""
    kept = _kept_visits.pop((page_type.name, language, width), None)
    if kept is not None:
        return kept
    context = new_context(chromium, live_site, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        path = resolve_path(page, page_type, language)
        status = page.goto(path).status
        page.wait_for_load_state("load")  # pictures in place: rows and rendition sources are final
    except BaseException:
        context.close()
        raise
    return context, page, status


def keep_visit(page_type, language, width, visit):
    """Keeps a page load for the next check of the same page type, language and width on this worker
    (one kept at a time: any other is closed)."""
    for context, _page, _status in _kept_visits.values():
        context.close()
    _kept_visits.clear()
    _kept_visits[(page_type.name, language, width)] = visit


_resolved_paths = {}  # (page type, language) -> address, for this worker's live site


def resolve_path(page, page_type, language="en"):
    """The address of ``page_type`` in ``language``, found by browsing once (translated slugs differ)."""
    key = (page_type.name, language)
    if key not in _resolved_paths:
        _resolved_paths[key] = _browse_to_path(page, page_type, language)
    return _resolved_paths[key]


def _browse_to_path(page, page_type, language):
    if page_type.name == "member-profile":
        page.goto("/en/members/")
        path = member_profile_path(page)
        assert path, "no member profile link on the directory page"
    else:
        path = page_type.path
    if language == "en":
        return path
    if page_type.status == 404:
        return re.sub(r"^/en/", f"/{language}/", path)
    page.goto(path)
    translated = alternate_path(page, language)
    query = urllib.parse.urlsplit(path).query
    if query and "?" not in translated:  # alternates name the page; the search words stay the same
        translated += "?" + query
    return translated


@pytest.fixture(scope="session")
def page_types():
    return PAGE_TYPES
