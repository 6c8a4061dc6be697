"""HTTP caching, compression and the page cache, as a visitor's browser or a shared cache sees them:
headers, 304, brotli/gzip bodies, and pages that are fresh in all six languages right after each
kind of change."""

import gzip

import brotli
import pytest
from django.conf import settings
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from members.factories import MemberOrganisationFactory
from members.models import Region
from offices.factories import OfficeFactory
from pages.models import HomePage, MemberDirectoryPage, StandardPage

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def page_cache(settings):
    settings.SITECACHE_PAGE_CACHE = True


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def home_urls():
    return [f"/{code}/" for code in LANGUAGES]


def directory_urls():
    directory = MemberDirectoryPage.objects.live().first()
    return [url_in(directory, code) for code in LANGUAGES]


def text(response):
    body = response.content
    if response.get("Content-Encoding") == "br":
        body = brotli.decompress(body)
    elif response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


# --- headers a browser and a shared cache read ------------------------------------------------


def test_anonymous_page_is_public_with_validator_and_exact_vary(client):
    response = client.get("/en/")
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=600"}
    assert response["ETag"]
    assert response["Vary"] == "Accept-Encoding"
    assert not response.cookies


def test_conditional_request_gets_304(client):
    first = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    again = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    changed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH='W/"something-else"')
    assert changed.status_code == 200


def test_conditional_request_gets_304_from_the_page_cache(client, page_cache, django_assert_num_queries):
    first = client.get("/en/", HTTP_ACCEPT_ENCODING="br")
    with django_assert_num_queries(0):
        again = client.get("/en/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_signed_in_editor_is_never_stored(admin_client):
    response = admin_client.get("/en/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    admin = admin_client.get("/admin/")
    assert "no-store" in admin["Cache-Control"]


def test_page_with_a_form_token_is_never_stored(client):
    """A password-protected page shows a form with a CSRF token: per visitor, never shared."""
    page = StandardPage.objects.live().first()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-words")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in text(response)
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_post_is_not_cached(client):
    response = client.post("/en/search/", {"q": "x"})
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url, content_type",
    [
        ("/en/", "text/html"),
        ("/sitemap.xml", "application/xml"),
        ("/en/members.json", "application/json"),
        ("/en/members.csv", "text/csv"),
    ],
)
@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_text_responses_are_compressed(client, url, content_type, encoding):
    MemberOrganisationFactory.create_batch(5, region=Region.objects.first())
    plain = client.get(url)
    assert plain.get("Content-Encoding") is None
    response = client.get(url, HTTP_ACCEPT_ENCODING=f"{encoding}, identity;q=0.5")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    if len(plain.content) < 200:
        pytest.skip("too short to compress")
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content) < len(plain.content)
    assert text(response) == plain.content.decode() or encoding == "gzip"


def test_brotli_preferred_and_refused_codings_respected(client):
    assert client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, br")["Content-Encoding"] == "br"
    assert client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, br;q=0")["Content-Encoding"] == "gzip"
    assert client.get("/en/", HTTP_ACCEPT_ENCODING="identity").get("Content-Encoding") is None


def test_icalendar_and_vcard_are_compressible(client):
    from sitecache.middleware import COMPRESSIBLE_TYPES

    assert {"text/calendar", "text/vcard", "text/csv", "application/json", "application/xml"} <= COMPRESSIBLE_TYPES


# --- the page cache ----------------------------------------------------------------------------


def test_second_request_is_a_hit_without_queries(client, page_cache, django_assert_num_queries):
    assert client.get("/fr/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/fr/")
    assert response["X-Page-Cache"] == "hit"
    assert response.status_code == 200
    assert 'lang="fr"' in text(response)


def test_a_visitors_search_leaves_the_cached_pages_in_place(client, page_cache):
    # Wagtail counts every search term (search promotions' daily hits): a count is not content.
    assert client.get("/fr/")["X-Page-Cache"] == "miss"
    assert client.get("/en/search/", {"q": "protect"}).status_code == 200
    assert client.get("/fr/")["X-Page-Cache"] == "hit"


def test_query_string_and_encoding_are_part_of_the_key(client, page_cache):
    directory = directory_urls()[0]
    assert client.get(directory)["X-Page-Cache"] == "miss"
    assert client.get(directory + "?type=member")["X-Page-Cache"] == "miss"
    assert client.get(directory, HTTP_ACCEPT_ENCODING="br")["X-Page-Cache"] == "miss"
    assert client.get(directory + "?type=member")["X-Page-Cache"] == "hit"


def test_signed_in_editor_bypasses_the_page_cache(admin_client, page_cache):
    from django.test import Client

    client = Client()
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in admin_client.get("/en/")


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    translation.activate("en")  # a request leaves its language active in this thread


def assert_fresh(client, urls, present=(), absent=()):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "miss", f"{url} was served from the cache after the change"
        body = text(response)
        for snippet in present:
            assert snippet in body, (url, snippet)
        for snippet in absent:
            assert snippet not in body, (url, snippet)


def menu_page():
    home = HomePage.objects.get()
    return StandardPage.objects.child_of(home).live().filter(show_in_menus=True).first()


def test_publishing_a_page_refreshes_every_language(client, page_cache):
    urls = home_urls() + directory_urls()
    warm(client, urls)
    page = menu_page()
    for code in LANGUAGES:
        setattr(page, f"title_{code.replace('-', '_')}", f"Renamed section {code}")
    page.save_revision().publish()
    for code, url in zip(LANGUAGES * 2, urls, strict=True):
        assert_fresh(client, [url], present=[f"Renamed section {code}"])


def test_unpublishing_a_page_refreshes_every_language(client, page_cache):
    page = menu_page()
    with translation.override("en"):
        title = page.title
    warm(client, home_urls())
    page.unpublish()
    assert_fresh(client, home_urls()[:1], absent=[f">{title}<"])
    assert_fresh(client, home_urls()[1:])


def test_moving_a_page_refreshes_every_language(client, page_cache):
    page = menu_page()
    child = StandardPage(title="Moved page", slug="moved-page", show_in_menus=True)
    page.add_child(instance=child)
    child.save_revision().publish()
    warm(client, home_urls())
    child.move(HomePage.objects.get(), pos="last-child")
    assert_fresh(client, home_urls(), present=["Moved page"])


def test_deleting_a_page_refreshes_every_language(client, page_cache):
    home = HomePage.objects.get()
    extra = StandardPage(title="Short-lived section", slug="short-lived", show_in_menus=True)
    home.add_child(instance=extra)
    extra.save_revision().publish()
    warm(client, home_urls())
    Page.objects.get(pk=extra.pk).delete()
    assert_fresh(client, home_urls(), absent=["Short-lived section"])


def test_saving_a_member_refreshes_the_directory_in_every_language(client, page_cache):
    warm(client, directory_urls())
    MemberOrganisationFactory(name="Freshly Joined Organisation", region=Region.objects.first())
    assert_fresh(client, directory_urls(), present=["Freshly Joined Organisation"])


def test_renaming_a_region_refreshes_every_language(client, page_cache):
    region = Region.objects.first()
    warm(client, directory_urls())
    for code in LANGUAGES:
        setattr(region, f"name_{code.replace('-', '_')}", f"Renamed region {code}")
    region.save()
    for code, url in zip(LANGUAGES, directory_urls(), strict=True):
        assert_fresh(client, [url], present=[f"Renamed region {code}"])


def test_saving_an_office_refreshes_the_footer_in_every_language(client, page_cache):
    warm(client, home_urls())
    OfficeFactory(name="Brand-new Office", published=True)
    assert_fresh(client, home_urls(), present=["Brand-new Office"])


def test_images_and_documents_invalidate(client, page_cache):
    warm(client, home_urls())
    Image.objects.create(title="A picture", file=get_test_image_file())
    assert_fresh(client, home_urls())
    warm(client, home_urls())
    from django.core.files.base import ContentFile

    Document.objects.create(title="A report", file=ContentFile(b"report", name="report.txt"))
    assert_fresh(client, home_urls())


def test_a_rendition_made_while_rendering_does_not_invalidate(client, page_cache):
    image = Image.objects.create(title="A picture", file=get_test_image_file())
    warm(client, home_urls())
    image.get_rendition("fill-100x100")
    assert client.get("/en/")["X-Page-Cache"] == "hit"


def test_ignored_models_do_not_invalidate(client, page_cache, settings):
    settings.SITECACHE_IGNORED_MODELS = ["offices"]
    warm(client, home_urls())
    OfficeFactory(name="Unseen office", published=False)
    assert client.get("/en/")["X-Page-Cache"] == "hit"


def test_a_draft_does_not_invalidate(client, page_cache):
    page = menu_page()
    warm(client, home_urls())
    page.title = "Draft title nobody sees yet"
    page.save_revision()
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "hit"
    assert "Draft title nobody sees yet" not in text(response)
