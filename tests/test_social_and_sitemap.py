"""Open Graph and Twitter card tags on every page type, and a sitemap that lists every public page
and member profile in all six languages with <lastmod> (sample content left out)."""

import datetime

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from events.factories import EventPageFactory
from events.models import EventIndexPage
from members.models import MemberOrganisation
from pages.models import MemberDirectoryPage
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LOCALES = {"en_US", "fr_FR", "es_ES", "ar_AR", "zh_CN", "ru_RU"}


def meta(page, key):
    tags = page.find_all("meta", attrs={"property": key}) or page.find_all("meta", attrs={"name": key})
    return [tag["content"] for tag in tags]


@pytest.fixture
def event(forget_cached_site_roots):
    page = EventPageFactory(
        parent=EventIndexPage.objects.get(),
        title="Dialogue on prevention",
        slug="dialogue-on-prevention",
        is_sample=False,
        start_date=datetime.date.today() + datetime.timedelta(days=20),
        # A photograph large enough for the share picture (Wagtail never enlarges a smaller one).
        image=wagtail_factories.ImageFactory(title="Hall", file__width=1600, file__height=1000),
        image_alt_text="The conference hall, seen from the back rows",
        summary="A dialogue with member organisations.",
    )
    page.save_revision().publish()  # as an editor publishes it (the sitemap's <lastmod> is that date)
    return page.specific_class.objects.get(pk=page.pk)


def public_urls(event):
    """One address of every page type, plus a member profile, the search page and an event."""
    urls = {}
    for page in Page.objects.filter(depth__gt=1).live().public().specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    directory = MemberDirectoryPage.objects.get()
    member = MemberOrganisation.objects.for_profile().first()
    urls["member profile"] = directory.profile_url(member)
    urls["EventPage"] = event.url
    urls["search"] = "/en/search/?q=protect"
    return urls


def test_every_page_type_has_open_graph_and_twitter_tags(client, event):
    urls = public_urls(event)
    assert {"ResourcePage", "ResourceIndexPage", "EventIndexPage", "EventPage", "HomePage", "HistoryPage"} <= set(urls)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = BeautifulSoup(response.content, "html.parser")
        assert meta(page, "og:title") and meta(page, "og:title")[0].strip(), name
        assert meta(page, "og:type")[0] in {"website", "article"}, name
        assert meta(page, "og:locale") == ["en_US"], name
        assert set(meta(page, "og:locale:alternate")) == LOCALES - {"en_US"}, name
        assert meta(page, "og:url")[0].startswith("http://testserver/en/"), name
        assert meta(page, "twitter:card")[0] in {"summary", "summary_large_image"}, name
        assert meta(page, "twitter:title") == meta(page, "og:title"), name


def test_a_page_with_an_image_shares_a_1200_by_630_rendition(client, event):
    page = BeautifulSoup(client.get(event.url).content, "html.parser")
    image = meta(page, "og:image")[0]
    assert image.startswith("http://testserver/media/images/") and ".fill-1200x630" in image
    assert meta(page, "og:image:width") == ["1200"] and meta(page, "og:image:height") == ["630"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "og:image:alt") == ["The conference hall, seen from the back rows"]  # the page's own
    assert meta(page, "og:description") == ["A dialogue with member organisations."]


def test_open_graph_in_arabic(client):
    page = BeautifulSoup(client.get("/ar/resources/").content, "html.parser")
    assert meta(page, "og:locale") == ["ar_AR"]
    assert "en_US" in meta(page, "og:locale:alternate")
    assert meta(page, "og:title") == ["موارد بشأن المسؤولية عن الحماية"]


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        lastmod = url.find(f"{SITEMAP}lastmod")
        entries[url.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return entries


def test_the_sitemap_lists_every_page_and_profile_in_six_languages(client, event):
    sample = EventPageFactory(parent=EventIndexPage.objects.get(), slug="a-sample-event", is_sample=True)
    entries = sitemap_entries(client)
    pages = Page.objects.filter(depth__gt=1).live().public().specific()
    expected = set()
    for page in pages:
        if getattr(page, "is_sample", False):
            continue
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                expected.add(page.get_full_url())
    directory = MemberDirectoryPage.objects.get()
    for member in MemberOrganisation.objects.published().filter(is_sample=False):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                expected.add(
                    directory.get_full_url() + directory.reverse_subpage("profile", kwargs={"slug": member.slug})
                )
    assert expected <= set(entries)
    assert not [url for url in entries if "a-sample-event" in url]
    assert sample.pk
    missing = sorted(url for url in expected if not entries[url])
    assert not missing, f"addresses without <lastmod>: {missing[:5]}"
    resource = ResourcePage.objects.get(symbol="A/RES/60/1")
    for code in ("en", "fr", "es", "ar", "zh-hans", "ru"):
        with translation.override(code):
            assert resource.get_full_url() in entries
    with translation.override("en"):
        assert entries[event.get_full_url()].startswith(str(datetime.date.today().year))
