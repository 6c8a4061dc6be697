"""The W3C Nu HTML Checker finds no error on any page type (tests/browser/site_map.py), in English, Arabic and
Chinese: every page's HTML as the live site (production settings) serves it, checked in one Java process.

The checker is the ``vnu-jar`` npm package at an exact version, locked in tests/vnu/ (installed by
tests/tools/vnu-install.sh from ``make test-setup``), run with Debian's Java (``default-jre-headless``,
tests/tools/system-packages.sh). Warnings are not failures; every error is.
"""

import html.parser
import json
import os
import re
import shutil
import subprocess

import pytest

from .conftest import ARTIFACTS
from .server import ROOT
from .site_map import PAGE_TYPES

VNU_JAR = ROOT / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ["en", "ar", "zh-hans"]
PAGES = ARTIFACTS / "html"
# Seconds per page: a gunicorn worker's first member map draws the world's shapes (once per process),
# which takes longer than the default on a busy machine.
TIMEOUT = 60


class Links(html.parser.HTMLParser):
    """The hreflang alternates and the links of a page."""

    def __init__(self):
        super().__init__()
        self.alternates, self.hrefs = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs.get("href")
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def links_of(live_site, path):
    status, _headers, body = live_site.get(path, timeout=TIMEOUT)
    assert status == 200, f"{path} answered {status}"
    parser = Links()
    parser.feed(body.decode())
    return parser


def english_path(live_site, page_type):
    if page_type.name != "member-profile":
        return page_type.path
    hrefs = links_of(live_site, "/en/members/").hrefs
    return next(href for href in hrefs if re.fullmatch(r"/en/members/[^/?#]+/", href))


def path_in(live_site, page_type, language):
    path = english_path(live_site, page_type)
    if language == "en":
        return path
    if page_type.status != 200:
        return re.sub(r"^/en/", f"/{language}/", path)
    translated = re.sub(r"^https?://[^/]+", "", links_of(live_site, path).alternates[language])
    query = path.partition("?")[2]
    return f"{translated}?{query}" if query and "?" not in translated else translated


@pytest.fixture(scope="module")
def java():
    found = shutil.which("java")
    if found is None or not VNU_JAR.exists():
        reason = "java is missing (Debian's default-jre-headless)" if found is None else f"{VNU_JAR} is missing"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must not skip the HTML check (make test-setup installs both)")
        install = "bash tests/tools/system-packages.sh && bash tests/tools/vnu-install.sh"
        pytest.skip(f"!!! HTML CHECK NOT RUN: {reason}: {install}")
    return found


def test_the_nu_html_checker_finds_no_error_on_any_page_type(java, live_site):
    shutil.rmtree(PAGES, ignore_errors=True)
    PAGES.mkdir(parents=True)
    files = {}
    for page_type in PAGE_TYPES:
        for language in LANGUAGES:
            path = path_in(live_site, page_type, language)
            status, _headers, body = live_site.get(path, timeout=TIMEOUT)
            assert status == page_type.status, f"{path} answered {status}"
            target = PAGES / f"{page_type.name}-{language}.html"
            target.write_bytes(body)
            files[target.resolve().as_uri()] = path
    result = subprocess.run(  # noqa: S603 - our own locked checker on our own files
        # A deep stack: the checker asks for 512k at least, and overflows it on these pages (the member map).
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *sorted(PAGES.glob("*.html"))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except ValueError:
        pytest.fail(f"the Nu HTML Checker did not run (exit {result.returncode}):\n{result.stderr[-2000:]}")
    errors = [message for message in messages if message.get("type") in ("error", "non-document-error")]
    lines = []
    for message in errors:
        where = files.get(message.get("url"), message.get("url"))
        lines.append(f"- {where} line {message.get('lastLine')}: {message.get('message')}")
        lines.append(f"    {(message.get('extract') or '').strip()[:200]}")
    assert not errors, f"the Nu HTML Checker found {len(errors)} error(s) (pages in {PAGES}):\n" + "\n".join(lines)
    assert len(files) == len(PAGE_TYPES) * len(LANGUAGES)
