"""Missing translations fall back to English, honestly marked: lang="en" dir="ltr" on the element
and a discreet notice on the page."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

NOTICE = "translation-notice"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def is_marked_english(element):
    return element.get("lang") == "en" and element.get("dir") == "ltr"


@pytest.fixture
def about():
    return StandardPage.objects.get(slug_en="about")


def clear_arabic(page, *fields):
    for field in fields:
        setattr(page, f"{field}_ar", None if field != "body" else [])
    page.save()


def test_untranslated_page_is_english_marked_and_announced(client, about):
    clear_arabic(about, "title", "intro", "seo_title", "search_description")
    page = soup(client.get("/ar/about/"))
    assert page.find("html")["dir"] == "rtl"
    heading = page.find("h1")
    assert heading.get_text(strip=True) == "About the Coalition"
    assert is_marked_english(heading)
    assert is_marked_english(page.select_one(".page-header .lead"))
    assert page.find(class_=NOTICE) is not None
    # The page's own title stays English; the coalition's name is in the page's language (a <title>
    # cannot mark a part of itself as English).
    title = page.find("title")
    assert title.get_text().startswith("About the Coalition")
    assert title.get_text().endswith("التحالف الدولي من أجل المسؤولية عن الحماية")
    assert page.find("meta", attrs={"name": "description"}).get("lang") in ("en", None)


def test_translated_page_has_no_marks_and_no_notice(client, about):
    about.title_fr = "À propos de la Coalition"
    about.intro_fr = "Qui nous sommes."
    about.seo_title_fr = "À propos"
    about.search_description_fr = "La coalition en bref."
    about.body_fr = [{"type": "paragraph", "value": "<p>Texte français.</p>"}]
    about.save()
    page = soup(client.get("/fr/a-propos/"))
    heading = page.find("h1")
    assert heading.get_text(strip=True) == "À propos de la Coalition"
    assert not heading.has_attr("lang")
    assert page.find(class_=NOTICE) is None
    assert page.find("title").get_text().startswith("À propos ·")
    assert not page.find("title").has_attr("lang")
    description = page.find("meta", attrs={"name": "description"})
    assert description["content"] == "La coalition en bref." and not description.has_attr("lang")
    assert not page.select(".prose[lang]")


def test_translated_title_wins_over_an_english_only_seo_title(client, about):
    about.seo_title_en = "About ICRtoP"
    about.seo_title_es = None
    about.title_es = "Acerca de la Coalición"
    about.save()
    title = soup(client.get("/es/acerca-de/")).find("title")
    assert title.get_text().startswith("Acerca de la Coalición ·")
    assert not title.has_attr("lang")


def test_navigation_and_breadcrumb_labels_are_marked_when_they_fall_back(client, about):
    about.title_ru = "О коалиции"
    about.save()
    for slug in ("history", "events"):
        page = Page.objects.get(slug_en=slug)
        page.title_ru = None
        page.save()
    page = soup(client.get("/ru/o-koalitsii/istoriya/"))
    nav = {a.get_text(strip=True): a for a in page.select(".main-nav a")}
    assert not nav["О коалиции"].has_attr("lang")
    assert is_marked_english(nav["Events"])
    crumbs = page.select(".breadcrumbs a")
    assert crumbs[1].get_text(strip=True) == "О коалиции" and not crumbs[1].has_attr("lang")
    assert crumbs[-1].get_text(strip=True) == "Our history" and is_marked_english(crumbs[-1])


def test_home_highlight_titles_and_summaries_are_marked_when_they_fall_back(client):
    home = HomePage.objects.get()
    history = Page.objects.get(slug_en="history").specific
    # The shipped Chinese content translates the history page: take its title and summaries away.
    history.title_zh_hans = None
    history.search_description_zh_hans = None
    history.intro_zh_hans = None
    history.save()
    home.highlights_zh_hans = [{"type": "highlight", "value": {"page": history.pk, "summary": ""}}]
    home.highlights_heading_zh_hans = "重点"
    home.save()
    page = soup(client.get("/zh-hans/"))
    card = page.select_one(".highlights .card")
    link = card.find("a")
    assert link.get_text(strip=True) == "Our history" and is_marked_english(link)
    summary = card.find("p")
    assert summary is not None and summary.get_text(strip=True) and is_marked_english(summary)


def test_timeline_events_fall_back_one_by_one(client):
    history = Page.objects.get(slug_en="history").specific
    event = history.timeline()[0]
    event.title_fr = "Rapport de la CIISE"
    event.text_fr = None
    event.save()
    page = soup(client.get("/fr/a-propos/histoire/"))
    first = page.select_one("ol.timeline > li")
    title = first.find("h3")
    assert title.get_text(strip=True) == "Rapport de la CIISE" and not title.has_attr("lang")
    text = first.find("p", lang=True)
    assert text is not None and is_marked_english(text)
    assert page.find(class_=NOTICE) is not None


def test_english_pages_never_carry_fallback_marks(client):
    page = soup(client.get("/en/about/history/"))
    assert not page.select("[data-fallback]")
    assert page.find(class_=NOTICE) is None


def test_arabic_pages_keep_document_symbols_left_to_right(client):
    page = soup(client.get("/ar/about/history/"))
    assert page.find("html")["dir"] == "rtl"
    symbols = page.select(".timeline__doc a, .timeline__doc span")
    assert symbols and all(symbol.get("dir") == "ltr" for symbol in symbols)
    assert any("A/RES/60/1" in symbol.get_text() for symbol in symbols)
    # The language names keep their own direction inside the Arabic page.
    names = {a["lang"]: a.get("dir") for a in page.select(".language-switcher a")}
    assert names["ar"] == "rtl" and names["en"] == names["zh-hans"] == "ltr"
