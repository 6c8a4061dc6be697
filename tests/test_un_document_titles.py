"""UN documents' official titles and the library's summaries in the site's other languages
(``resources/initial_content/un-document-titles.csv`` and ``un-document-summaries.json``, loaded by
``load_initial_content`` through ``resources.un_documents``).

A document shows the UN's official title where it is known, else its English title marked
``lang="en"`` with a notice; a Security Council resolution is cited as the UN cites it in each
language. The loader fills empty fields only, twice is once, and a bad row changes nothing."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from resources import un_documents
from resources.models import ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

NOTICE = "Title in English: the UN’s official title in this language is not yet on this site."
TRANSLATED_COLUMNS = [
    f"{field}_{language}"
    for field in ("title", "slug", "summary")
    for language in ("en", "fr", "es", "ar", "zh_hans", "ru")
]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def document(symbol):
    return ResourcePage.objects.get(symbol=symbol)


def url_in(language, page):
    with translation.override(language):
        return page.get_url()


def notice_of(page, language):
    """The resource page's "title in English" notice, in ``language``, or None."""
    with translation.override(language):
        notice = translation.gettext(NOTICE)
    assert notice != NOTICE or language == "en"
    return next((p for p in page.select(".layout-sidebar__main p") if p.get_text(strip=True) == notice), None)


def heading(page):
    return page.select_one("h1")


def columns(page):
    page.refresh_from_db()
    return {column: getattr(page, column) for column in TRANSLATED_COLUMNS}


def load(**options):
    out = io.StringIO()
    call_command("load_initial_content", stdout=out, **options)
    return out.getvalue()


# --- what visitors see --------------------------------------------------------------------


def test_a_french_page_shows_the_official_title_and_no_notice(client):
    page = soup(client.get(url_in("fr", document("A/63/677"))))
    assert heading(page).get_text(strip=True) == "La mise en œuvre de la responsabilité de protéger"
    assert not heading(page).has_attr("lang")
    assert notice_of(page, "fr") is None
    assert page.select_one(".lead").get_text(strip=True).startswith("Stratégie fondée sur trois piliers")


def test_an_arabic_page_shows_the_uns_citation_of_a_resolution_and_no_notice(client):
    page = soup(client.get(url_in("ar", document("S/RES/1674 (2006)"))))
    assert page.html["dir"] == "rtl"
    assert heading(page).get_text(strip=True) == "قرار مجلس الأمن 1674 (2006)"
    assert not heading(page).has_attr("lang")
    assert notice_of(page, "ar") is None
    assert page.select_one(".lead").get_text(strip=True) == "حماية المدنيين في النزاعات المسلحة"


def test_a_security_council_resolution_in_russian(client):
    page = soup(client.get(url_in("ru", document("S/RES/1973 (2011)"))))
    assert heading(page).get_text(strip=True) == "Резолюция 1973 (2011) Совета Безопасности"
    assert notice_of(page, "ru") is None


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_document_without_a_known_title_keeps_the_english_one_marked_and_says_so(client, language):
    doc = document("A/72/884–S/2018/525")
    page = soup(client.get(url_in(language, doc)))
    title = heading(page)
    assert title.get_text(strip=True) == doc.title_en
    assert (title["lang"], title["dir"]) == ("en", "ltr")
    assert notice_of(page, language) is not None
    # Its summary is the library's own, translated: no English paragraph left unmarked.
    lead = page.select_one(".lead")
    assert not lead.has_attr("lang")
    assert lead.get_text(strip=True) != doc.summary_en


def test_the_library_cards_mark_only_the_english_titles(client):
    with translation.override("fr"):
        library = ResourceIndexPage.objects.get().get_url()
    page = soup(client.get(library, {"body": "secretary-general"}))
    links = {a.get_text(strip=True): a for a in page.select(".card__title a")}
    official = links["La mise en œuvre de la responsabilité de protéger"]
    english = links[document("A/72/884–S/2018/525").title_en]
    assert not official.has_attr("lang")
    assert english["lang"] == "en"


@pytest.mark.parametrize(
    ("symbol", "official"),
    [("A/63/677", "La mise en œuvre de la responsabilité de protéger"), ("A/72/884–S/2018/525", None)],
)
def test_search_results_mark_only_the_english_titles(client, symbol, official):
    page = soup(client.get("/fr/search/", {"q": symbol}))
    titles = {a.get_text(strip=True): a for a in page.select(".search-result__title a")}
    if official:
        assert not titles[official].has_attr("lang")
    else:
        assert titles[document(symbol).title_en]["lang"] == "en"


# --- the shipped files ------------------------------------------------------------------


def test_every_title_has_an_https_source_and_names_a_listed_document():
    rows = un_documents.read_rows(un_documents.SHIPPED_COPY)
    symbols = {row.symbol for row in rows}
    with un_documents.TITLES.open(encoding="utf-8", newline="") as handle:
        titles = list(csv.DictReader(handle))
    assert titles
    for title in titles:
        assert title["symbol"] in symbols
        assert title["source_url"].startswith("https://")


def test_every_summary_translates_the_current_english_text_in_every_language():
    rows = un_documents.read_rows(un_documents.SHIPPED_COPY)
    data = json.loads(un_documents.SUMMARIES.read_text(encoding="utf-8"))
    for row in rows:
        entry = data[row.document_id]
        assert entry["en"] == row.summary, row.document_id
        assert sorted(entry) == sorted(["en", "fr", "es", "ar", "zh-hans", "ru"]), row.document_id


# --- the loader ---------------------------------------------------------------------------


def forget_translations(symbol, *languages):
    """The page as a site loaded before these translations had it: no title, slug or summary there."""
    blank = {}
    for language in languages:
        column = language.replace("-", "_")
        blank.update({f"title_{column}": None, f"slug_{column}": None, f"summary_{column}": ""})
    ResourcePage.objects.filter(symbol=symbol).update(**blank)


def test_loading_twice_is_loading_once():
    forget_translations("S/RES/1674 (2006)", "es", "zh-hans")
    first = load()
    assert "0 object(s) created, 4 translation(s) filled in" in first
    pages = list(ResourcePage.objects.filter(is_sample=False))
    before = {page.pk: (columns(page), page.latest_revision_id) for page in pages}
    assert "0 object(s) created, 0 translation(s) filled in" in load()
    assert {page.pk: (columns(page), page.latest_revision_id) for page in pages} == before
    resolution = document("S/RES/1674 (2006)")
    assert (resolution.title_es, resolution.title_zh_hans) == (
        "Resolución 1674 (2006) del Consejo de Seguridad",
        "安全理事会第1674(2006)号决议",
    )


def test_an_existing_site_gets_the_titles_and_the_old_french_address_redirects(
    client, django_capture_on_commit_callbacks
):
    """A site loaded before the titles existed: its pages have no French title, slug or summary."""
    forget_translations("A/63/677", "fr")
    doc = document("A/63/677")
    doc.save_revision().publish()  # the French address falls back to the English slug again
    old_french = url_in("fr", document("A/63/677"))
    assert "implementing-the-responsibility-to-protect" in old_french
    with django_capture_on_commit_callbacks(execute=True):
        output = load()
    assert "0 object(s) created" in output
    doc = document("A/63/677")
    assert doc.title_fr == "La mise en œuvre de la responsabilité de protéger"
    assert doc.slug_fr == "la-mise-en-oeuvre-de-la-responsabilite-de-proteger"
    assert doc.summary_fr.startswith("Stratégie fondée sur trois piliers")
    new_french = url_in("fr", doc)
    assert new_french != old_french
    response = client.get(old_french)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(new_french)
    assert Redirect.objects.filter(redirect_page=doc).exists()


def test_a_title_and_a_summary_staff_have_changed_are_kept():
    forget_translations("A/63/677", "es")
    doc = document("A/63/677")
    doc.title_fr = "Mise en œuvre de la responsabilité de protéger (titre choisi)"
    doc.summary_fr = "Résumé rédigé par l’équipe."
    doc.save_revision().publish()
    load()
    doc = document("A/63/677")
    assert doc.title_fr == "Mise en œuvre de la responsabilité de protéger (titre choisi)"
    assert doc.summary_fr == "Résumé rédigé par l’équipe."
    assert doc.title_es == "Hacer efectiva la responsabilidad de proteger"  # the same run filled the empty one


def test_a_page_with_a_waiting_draft_is_left_to_its_editors():
    forget_translations("A/64/864", "fr")
    forget_translations("A/63/677", "fr")
    doc = document("A/64/864")
    doc.title = "A draft title"
    doc.save_revision()
    load()
    assert document("A/64/864").summary_fr == ""
    assert document("A/63/677").summary_fr.startswith("Stratégie")  # a page without a draft is filled


def write_titles(tmp_path, lines):
    path = tmp_path / "un-document-titles.csv"
    path.write_text("symbol,language,title,source_url\n" + "".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


GOOD = "A/64/864,fr,Titre de contrôle,https://example.org/a-64-864"


@pytest.mark.parametrize(
    ("bad_row", "problem"),
    [
        ("A/99/999,fr,Un titre,https://example.org/x", "the symbol 'A/99/999' is not in"),
        ("A/64/864,de,Ein Titel,https://example.org/x", "the language 'de' is not one of"),
        ("A/64/864,es,,https://example.org/x", "the title is empty"),
        ("A/64/864,es,Un título,http://example.org/x", "is not an https address"),
        ("A/64/864,fr,Un autre titre,https://example.org/y", "a second title in fr (line 2)"),
    ],
)
def test_a_bad_title_row_is_named_and_nothing_changes(tmp_path, bad_row, problem):
    ResourcePage.objects.filter(symbol="A/64/864").update(title_fr=None)
    path = write_titles(tmp_path, [GOOD, bad_row])
    with pytest.raises(CommandError) as error:
        load(un_document_titles_csv=path)
    message = str(error.value)
    assert "un-document-titles.csv, line 3" in message
    assert problem in message
    assert "nothing was imported" in message
    assert document("A/64/864").title_fr is None


def test_a_good_title_file_fills_the_empty_title(tmp_path):
    ResourcePage.objects.filter(symbol="A/64/864").update(title_fr=None)
    load(un_document_titles_csv=write_titles(tmp_path, [GOOD]))
    assert document("A/64/864").title_fr == "Titre de contrôle"


def test_a_summary_of_an_unknown_document_is_named_and_nothing_changes(tmp_path):
    ResourcePage.objects.filter(symbol="A/64/864").update(summary_fr="")
    path = tmp_path / "summaries.json"
    path.write_text(
        json.dumps(
            {
                "A/64/864": {"en": "Early warning and assessment", "fr": "Alerte rapide et évaluation"},
                "X/404": {"en": "Nothing", "fr": "Rien"},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        load(un_document_summaries_json=str(path))
    assert "summaries.json (X/404): not a document of un-documents.csv" in str(error.value)
    assert document("A/64/864").summary_fr == ""
