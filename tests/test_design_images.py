"""Pictures on pages and member logos: alternative text required unless marked decorative, rendered as
<picture> with AVIF and WebP sources, a JPEG fallback, a srcset, width and height, lazy below the fold;
the Open Graph picture comes from the same image."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from members.models import MemberOrganisation
from pages.models import HistoryPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def make_image(title="Test picture", size=(1600, 1000)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 61, 92)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="test-picture.png"))


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def publish(page):
    page.save_revision().publish()


def test_a_page_image_needs_alternative_text_or_the_decorative_mark():
    page = StandardPage.objects.get(url_path__endswith="/about/")
    page.image = make_image()
    page.image_alt_text = ""
    page.image_is_decorative = False
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "image_alt_text" in error.value.message_dict
    page.image_is_decorative = True
    page.full_clean()  # decorative: no text needed
    page.image_is_decorative = False
    page.image_alt_text = "Delegates in the General Assembly hall"
    page.full_clean()


def test_a_page_image_renders_as_picture_with_modern_formats_sizes_and_alt_text(client):
    page = StandardPage.objects.get(url_path__endswith="/about/")
    page.image = make_image()
    page.image_alt_text = "Delegates in the General Assembly hall"
    publish(page)
    picture = soup(client.get("/en/about/")).select_one(".page-header__image picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    assert all(len(source["srcset"].split(",")) == 3 for source in picture.find_all("source"))
    img = picture.img
    assert img["alt"] == "Delegates in the General Assembly hall"
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["src"].endswith((".jpg", ".jpeg"))
    assert len(img["srcset"].split(",")) == 3 and img["sizes"]
    # At the top of the page: loaded at once, not lazily.
    assert "loading" not in img.attrs and img["fetchpriority"] == "high"


def test_a_decorative_image_has_an_empty_alt_and_cards_load_lazily(client):
    history = HistoryPage.objects.get()
    history.image = make_image()
    history.image_alt_text = ""
    history.image_is_decorative = True
    publish(history)
    page = soup(client.get("/en/about/"))  # the About page's cards show its children's pictures
    img = page.select_one(".card__image img")
    assert img is not None and img["alt"] == ""
    assert img["loading"] == "lazy"
    assert int(img["width"]) and int(img["height"])


def test_every_image_on_the_main_pages_has_alt_and_dimensions(client):
    home = HomePage.objects.get()
    home.image = make_image()
    home.image_alt_text = "Civil society representatives at a meeting"
    publish(home)
    member = MemberOrganisation.objects.for_public_display().first()
    member.logo = make_image("Logo")
    member.logo_alt_text = ""
    member.save()
    for url in ["/en/", "/ar/", "/en/members/", f"/en/members/{member.slug}/"]:
        for img in soup(client.get(url)).find_all("img"):
            assert img.has_attr("alt"), (url, img)
            assert img.get("width") and img.get("height"), (url, img)
    profile = soup(client.get(f"/en/members/{member.slug}/"))
    assert profile.select_one(".member-profile__logo img")["alt"] == member.name  # the name by default
    card = soup(client.get("/en/members/", {"q": member.name})).select_one(".member-summary__logo img")
    assert card["alt"] == ""  # beside the name it repeats: decorative


def test_open_graph_image_comes_from_the_page_image_or_the_default(client):
    page = soup(client.get("/en/contact/"))
    assert page.find("meta", property="og:image")["content"].endswith(".png")
    home = HomePage.objects.get()
    home.image = make_image()
    home.image_alt_text = "A meeting"
    publish(home)
    page = soup(client.get("/en/"))
    assert page.find("meta", property="og:image:width")["content"] == "1200"
    assert page.find("meta", property="og:image:height")["content"] == "630"
    assert page.find("meta", property="og:image")["content"].startswith("http")
    assert page.find("meta", property="og:image:alt")["content"] == "A meeting"


def test_the_hero_without_an_image_shows_the_drawing(client):
    page = soup(client.get("/en/"))
    drawing = page.select_one(".hero__media svg")
    assert drawing is not None and drawing["aria-hidden"] == "true"


@pytest.mark.parametrize("kind", ["crisis", "article", "event"])
def test_crises_articles_and_events_take_the_same_picture_with_alt_text_or_decorative_mark(client, kind):
    from events import sample as event_samples
    from events.models import EventPage
    from publishing import samples as publishing_samples
    from publishing.models import ArticlePage, CrisisPage

    if kind == "event":
        event_samples.create(2)
        page = EventPage.objects.filter(is_sample=True).order_by("pk").first()
    else:
        publishing_samples.make(1)
        model = CrisisPage if kind == "crisis" else ArticlePage
        page = model.objects.filter(is_sample=True).order_by("pk").first()
    page.image = make_image()
    page.image_alt_text = ""
    page.image_is_decorative = False
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "image_alt_text" in error.value.message_dict
    page.image_alt_text = "Delegates in the General Assembly hall"
    page.full_clean()
    publish(page)

    picture = soup(client.get(page.url)).select_one("main picture")
    assert [source["type"] for source in picture.find_all("source")] == ["image/avif", "image/webp"]
    img = picture.img
    assert img["alt"] == "Delegates in the General Assembly hall"
    assert int(img["width"]) > 0 and int(img["height"]) > 0 and img["srcset"]


@pytest.mark.parametrize("kind", ["crisis", "article", "event"])
def test_listing_cards_show_each_picture_lazily_in_a_fixed_number_of_queries(client, kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events import sample as event_samples
    from events.models import EventPage
    from publishing import samples as publishing_samples
    from publishing.models import ArticlePage, CrisisPage

    if kind == "event":
        event_samples.create(8)
        pages = list(EventPage.objects.filter(is_sample=True).order_by("start", "pk"))[4:]  # the upcoming half
    else:
        publishing_samples.make(4)
        model = CrisisPage if kind == "crisis" else ArticlePage
        pages = list(model.objects.filter(is_sample=True).order_by("pk"))[:4]
    type(pages[0]).objects.filter(pk__in=[page.pk for page in pages]).update(image=None)  # samples may have one
    listing_url = pages[0].get_parent().url

    def picture_count():
        client.get(listing_url)  # warm: renditions made, chrome cached
        with CaptureQueriesContext(connection) as queries:
            page = soup(client.get(listing_url))
        return len(page.select(".listing__results .card__image picture")), len(queries), page

    for number, page in enumerate(pages[:1]):
        page.image = make_image(f"Picture {number}")
        page.image_alt_text = f"Picture {number} of {page.title}"
        publish(page)
    one, queries_for_one, _ = picture_count()
    for number, page in enumerate(pages[1:], start=1):
        page.image = make_image(f"Picture {number}")
        page.image_alt_text = f"Picture {number} of {page.title}"
        publish(page)
    four, queries_for_four, listing = picture_count()

    assert (one, four) == (1, 4)
    # The pictures come with the pages (select_related) and their renditions from Wagtail's renditions cache.
    assert queries_for_four == queries_for_one, "a query per card picture"
    for img in listing.select(".listing__results .card__image img"):
        assert img["alt"].startswith("Picture ") and img["loading"] == "lazy"
        assert int(img["width"]) > 0 and int(img["height"]) > 0


@pytest.mark.slow
def test_the_home_page_cards_show_their_pictures_in_a_fixed_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from publishing import samples as publishing_samples
    from publishing.models import ArticlePage, CrisisPage

    publishing_samples.make(4)
    pages = [*CrisisPage.objects.filter(is_sample=True), *ArticlePage.objects.filter(is_sample=True)]

    def home():
        client.get("/en/")  # warm: the sections are read once per content generation
        with CaptureQueriesContext(connection) as queries:
            page = soup(client.get("/en/"))
        return len(page.select(".home-news .card__image img, .home-crises .card__image img")), len(queries)

    for page in pages:
        page.image, page.image_alt_text = None, ""
        publish(page)
    none, queries_without = home()
    for number, page in enumerate(pages):
        page.image = make_image(f"Home picture {number}")
        page.image_alt_text = f"Home picture {number}"
        publish(page)
    pictures, queries_with = home()
    assert none == 0 and pictures >= 4
    assert queries_with == queries_without, "a query per card picture on the home page"
