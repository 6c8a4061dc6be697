"""Wagtail's site lookup, page route and view-restriction check cached per content generation
(``sitecache.routing``), as a visitor sees it: fewer queries for the same page, and every change to
the page tree (publish, unpublish, slug, move, privacy) takes effect on the next request in every
language. The page cache is off here (its own tests are in test_sitecache.py), so each request routes."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from members.factories import MemberOrganisationFactory
from pages.models import HomePage, MemberDirectoryPage, StandardPage

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.SITECACHE_PAGE_CACHE = False


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def urls_of(page):
    page = Page.objects.get(pk=page.pk)  # the stored url paths, not the instance's
    return [url_in(page, code) for code in LANGUAGES]


def publish_child(parent, title, slug):
    child = StandardPage(title=title, slug=slug)
    parent.add_child(instance=child)
    child.save_revision().publish()
    return StandardPage.objects.get(pk=child.pk)


def visit_all(client, urls, status=200):
    for url in urls:
        response = client.get(url)
        assert response.status_code == status, url
    translation.activate("en")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content


def test_a_routed_page_is_served_again_with_fewer_queries_and_the_same_content(client, settings):
    home = HomePage.objects.get()
    page = publish_child(home, "Routing check", "routing-check")
    grandchild = publish_child(page, "Two levels down", "two-levels-down")
    url = url_in(grandchild, "en")
    client.get(url)
    cached_count, cached_body = queries_for(client, url)
    settings.SITECACHE_ROUTE_CACHE = False
    client.get(url)
    plain_count, plain_body = queries_for(client, url)
    # The site, the two slugs (base and specific rows each), the ancestors and the restrictions.
    assert plain_count - cached_count >= 5, (plain_count, cached_count)
    assert cached_body == plain_body


def test_unpublishing_a_page_makes_it_404_at_once_in_every_language(client):
    page = publish_child(HomePage.objects.get(), "Soon withdrawn", "soon-withdrawn")
    urls = urls_of(page)
    visit_all(client, urls)
    visit_all(client, urls)
    page.unpublish()
    visit_all(client, urls, status=404)


def test_a_new_slug_moves_the_address_at_once(client):
    page = publish_child(HomePage.objects.get(), "Renamed address", "old-address")
    old_urls = urls_of(page)
    visit_all(client, old_urls)
    page.slug = "new-address"
    page.save_revision().publish()
    new_urls = urls_of(page)
    assert "/en/new-address/" in new_urls
    visit_all(client, [url for url in old_urls if url not in new_urls], status=404)
    visit_all(client, new_urls)


def test_moving_a_page_serves_it_at_its_new_address(client):
    home = HomePage.objects.get()
    section = publish_child(home, "A section", "a-section")
    page = publish_child(home, "Wandering page", "wandering")
    visit_all(client, urls_of(page))
    page.move(section, pos="last-child")
    visit_all(client, urls_of(page))
    old = client.get("/en/wandering/")  # Wagtail's automatic redirect, not the cached old route
    assert (old.status_code, old["Location"]) == (301, "/en/a-section/wandering/")
    assert "Wandering page" in client.get("/en/a-section/wandering/").content.decode()


def test_a_privacy_setting_added_after_routing_asks_for_the_password(client):
    page = publish_child(HomePage.objects.get(), "Members only", "members-only")
    urls = urls_of(page)
    visit_all(client, urls)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode(), url
    translation.activate("en")


def test_a_restricted_section_stays_restricted_on_the_second_visit(client):
    section = publish_child(HomePage.objects.get(), "Private section", "private-section")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    inner = publish_child(section, "Inner page", "inner")
    for _ in range(2):
        response = client.get(url_in(inner, "fr"))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_member_profiles_route_through_the_cached_directory(client):
    member = MemberOrganisationFactory(name="Routed Member Organisation")
    directory = MemberDirectoryPage.objects.live().get()
    for code in LANGUAGES:
        url = url_in(directory, code) + f"{member.slug}/"
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Routed Member Organisation" in response.content.decode()
        assert client.get(url_in(directory, code) + "no-such-member/").status_code == 404
    translation.activate("en")
