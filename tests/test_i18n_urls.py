"""Language-prefixed URLs, the language switcher, hreflang and canonical links, and the choice of
language at the root."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from pages.models import StandardPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
OWN_NAMES = ["English", "Français", "Español", "العربية", "中文", "Русский"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def french_slugs():
    """The about section with French titles and slugs (as a translator would publish them)."""
    about = StandardPage.objects.get(slug_en="about")
    about.title_fr = "À propos de la Coalition"
    about.slug_fr = "a-propos"
    about.save()
    history = Page.objects.get(slug_en="history").specific
    history.title_fr = "Notre histoire"
    history.slug_fr = "histoire"
    history.save()
    return history


# The history page in each language, with the slugs the initial content ships (none yet in Arabic
# and Chinese: the English ones).
HISTORY = {
    "en": "/en/about/history/",
    "fr": "/fr/a-propos/histoire/",
    "es": "/es/acerca-de/historia/",
    "ar": "/ar/about/history/",
    "zh-hans": "/zh-hans/about/history/",
    "ru": "/ru/o-koalitsii/istoriya/",
}


@pytest.mark.parametrize(("code", "direction"), [(c, "rtl" if c == "ar" else "ltr") for c in LANGUAGES])
def test_every_language_serves_the_site_with_lang_and_dir(client, code, direction):
    response = client.get(HISTORY[code])
    assert response.status_code == 200
    html = soup(response).find("html")
    assert html["lang"] == code
    assert html["dir"] == direction


def test_switcher_is_a_plain_list_of_links_naming_each_language_in_itself(client):
    nav = soup(client.get("/ar/about/")).find("nav", class_="language-switcher")
    links = nav.select("ul > li > a")
    assert [a.get_text(strip=True) for a in links] == OWN_NAMES
    assert [a["lang"] for a in links] == LANGUAGES
    current = [a for a in links if a.has_attr("aria-current")]
    assert [a.get_text() for a in current] == ["العربية"]
    assert not nav.find("script") and not nav.find("select")


def test_switcher_leads_to_the_same_page_with_translated_slugs_and_keeps_the_query(client, french_slugs):
    links = {a["lang"]: a["href"] for a in soup(client.get("/en/about/history/?page=2")).select(".language-switcher a")}
    assert links["fr"] == "/fr/a-propos/histoire/?page=2"
    assert links["en"] == "/en/about/history/?page=2"
    assert links["ar"] == "/ar/about/history/?page=2"  # no Arabic slug yet: the English one
    page = client.get(links["fr"])
    assert page.status_code == 200
    assert soup(page).find("h1").get_text(strip=True) == "Notre histoire"


def test_hreflang_lists_all_six_languages_and_x_default_and_a_canonical(client, french_slugs):
    head = soup(client.get("/fr/a-propos/histoire/?utm=x")).find("head")
    alternates = {link["hreflang"]: link["href"] for link in head.find_all("link", rel="alternate")}
    assert set(alternates) == set(LANGUAGES) | {"x-default"}
    assert alternates["fr"] == "http://testserver/fr/a-propos/histoire/"
    assert alternates["en"] == alternates["x-default"] == "http://testserver/en/about/history/"
    assert alternates["zh-hans"] == "http://testserver/zh-hans/about/history/"
    assert head.find("link", rel="canonical")["href"] == "http://testserver/fr/a-propos/histoire/"


def test_routable_sub_pages_keep_their_sub_path_in_every_language(rf):
    from django.template import Context, Template
    from django.utils import translation

    page = StandardPage.objects.get(slug_en="about")
    page.slug_fr = "a-propos"
    page.save()
    request = rf.get("/en/about/some-member/", {"region": "africa"})
    template = Template("{% load site_tags %}{% language_links as links %}{% for l in links %}{{ l.url }} {% endfor %}")
    with translation.override("en"):
        rendered = template.render(Context({"request": request, "page": page, "routable_suffix": "some-member/"}))
    urls = rendered.split()
    assert "/en/about/some-member/?region=africa" in urls
    assert "/fr/a-propos/some-member/?region=africa" in urls


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("zh-CN,zh;q=0.9", "/zh-hans/"), ("ar-EG,ar;q=0.8", "/ar/"), ("de-DE,de;q=0.9", "/en/"), ("ru", "/ru/")],
)
def test_root_sends_a_first_time_visitor_to_their_preferred_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("url", ["/xx/", "/xx/about/", "/zh/", "/fr-ca/", "/de/about/"])
def test_unknown_language_prefixes_give_the_404_page(client, url):
    response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    page = soup(response)
    language = page.find("html")["lang"]
    assert language in LANGUAGES
    with translation.override(language):
        assert page.find("h1").get_text(strip=True) == translation.gettext("Page not found")


@override_settings(DEBUG=False)
def test_the_404_page_in_arabic_is_right_to_left(client):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.find("html")["dir"] == "rtl"
    # The switcher cannot keep a page that does not exist: it leads to each language's home page.
    links = {a["lang"]: a["href"] for a in page.select(".language-switcher a")}
    assert links["en"] == "/en/" and links["fr"] == "/fr/" and links["ar"] == "/ar/no-such-page/"
