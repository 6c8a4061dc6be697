"""What French and Spanish visitors read after the fourth language read (review 23d, issue 23): the
UN texts' votes as the UN's volumes of resolutions write them (no English, "adoptée à l'unanimité",
the countries that abstained by their names in the language), country names in Spanish links that
need no article, one word for an archived crisis, French hours "de 10 h à 12 h 30", lower case after
a field's name in the error summary, the feminine "All" of the reference filter and the privacy
notice's table."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from events.models import EventIndexPage
from publishing.models import CrisisIndexPage, CrisisPage
from tests.engagement_helpers import contact_data
from tests.test_dates import visit_in
from tests.test_events import NEXT_YEAR, make_event
from untexts.models import UNText, UNTextIndexPage

pytestmark = pytest.mark.django_db


def words(html):
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").select_one("main").get_text(" ")).strip()


def vote_cell(client, symbol, language):
    with translation.override(language):
        url = UNTextIndexPage.objects.get().text_url(UNText.objects.get(symbol=symbol))
    response = client.get(url)
    assert response.status_code == 200, url
    html = BeautifulSoup(response.content, "html.parser")
    for term in html.select("dl dt"):
        if term.get_text(strip=True) in ("Vote", "Votación"):
            return term.find_next_sibling("dd")
    raise AssertionError(f"no vote on {url}")


@pytest.mark.parametrize(
    "symbol, language, shown",
    [
        ("S/RES/1975", "fr", "adoptée à l’unanimité"),
        ("S/RES/1975", "es", "aprobada por unanimidad"),
        ("S/RES/1975", "en", "adopted unanimously"),
        ("S/RES/2150", "fr", "adoptée à l’unanimité"),  # the file's bare "unanimous"
        (
            "S/RES/1973",
            "fr",
            "adoptée par 10 voix contre zéro, avec 5 abstentions "
            "(Allemagne, Brésil, Chine, Fédération de Russie, Inde)",
        ),
        (
            "S/RES/1973",
            "es",
            "aprobada por 10 votos contra ninguno y 5 abstenciones "
            "(Alemania, Brasil, China, Federación de Rusia, India)",
        ),
        (
            "S/RES/1973",
            "en",
            "adopted by 10 votes to none, with 5 abstentions (Brazil, China, Germany, India, Russian Federation)",
        ),
        ("S/PRST/2013/4", "fr", "sans objet (déclaration du Président)"),
        ("S/PRST/2013/4", "es", "no procede (declaración de la Presidencia)"),
        ("A/RES/75/277", "fr", "adoptée par 115 voix contre 15, avec 28 abstentions"),
        ("A/RES/75/277", "es", "aprobada por 115 votos contra 15 y 28 abstenciones"),
        ("S/RES/2117", "es", "aprobada por 14 votos contra ninguno y 1 abstención (Federación de Rusia)"),
    ],
)
def test_the_vote_reads_as_the_un_records_write_it_in_the_visitors_language(client, symbol, language, shown):
    cell = vote_cell(client, symbol, language)
    assert cell.get_text(strip=True) == shown
    assert not cell.get("lang")  # generated in the language: no English left to mark


def test_the_search_reads_and_shows_votes_in_words(client):
    html = BeautifulSoup(client.get("/es/search/", {"q": "abstenciones"}).content, "html.parser")
    results = {}
    for item in html.select(".search-result"):
        symbol = item.select_one(".search-result__title").get_text(strip=True).split(":")[0]
        results[symbol] = " ".join(item.get_text(" ").split())
    assert "A/HRC/RES/44/14" in results, list(results)
    assert "32 votos contra 1 y 14 abstenciones" in results["A/HRC/RES/44/14"]
    assert not re.search(r"\b\d+-\d+-\d+\b", " ".join(results.values()))


def test_the_reference_filters_all_option_agrees_with_its_feminine_name(client):
    url = UNTextIndexPage.objects.get().url
    for language, all_option in (("fr", "Toutes"), ("es", "Todas")):
        html = visit_in(client, url, language)
        select = re.search(r'<select[^>]+name="reference"[^>]*>\s*<option value="">([^<]+)</option>', html)
        assert select.group(1) == all_option, language


def test_spanish_links_name_the_country_without_needing_an_article(client):
    page = CrisisPage(title="Sample Bangui situation", slug="sample-bangui", countries=["CF"], status="past")
    CrisisIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    page = CrisisPage.objects.get(pk=page.pk)
    spanish = words(visit_in(client, page.url, "es"))
    assert "Todos los textos de la ONU (República Centroafricana)" in spanish
    assert "sobre República" not in spanish
    # The status in the "at a glance" box is the filter's word (archivée / archivada), not "past".
    assert "Estado Archivada" in spanish
    assert "Statut Archivée" in words(visit_in(client, page.url, "fr"))
    listing = words(visit_in(client, CrisisIndexPage.objects.get().url + "?country=CF", "es"))
    on_country = r"República Centroafricana: \d+ textos? de la ONU se refieren? a la responsabilidad de proteger"
    assert re.search(on_country, listing)
    assert "RdP" not in listing


def test_a_french_event_gives_its_hours_from_and_to(client):
    event = make_event(
        EventIndexPage.objects.get(),
        title="Sample morning dialogue",
        slug="sample-morning-dialogue",
        start_date=datetime.date(NEXT_YEAR, 3, 10),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
        time_zone="Europe/Paris",
    )
    french = words(visit_in(client, event.url, "fr"))
    assert "de 10 h à 12 h 30" in french.replace("\u00a0", " ")
    assert "10 h-12 h" not in french.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/fr/contact/ecrire/", "Votre nom\u00a0: ce champ est obligatoire."),
        ("/es/contacto/escribir/", "Su nombre: este campo es obligatorio."),
    ],
)
def test_the_error_summary_continues_in_lower_case_after_the_fields_name(client, url, expected):
    response = client.post(url, contact_data(client, url, name=""))
    assert response.status_code == 200
    summary = BeautifulSoup(response.content, "html.parser").select_one("#error-summary ul")
    assert expected in [item.get_text(strip=True) for item in summary.select("li")]


def test_the_privacy_notice_table_names_the_data_and_how_long_it_is_kept(client):
    from engagement.models import PrivacyNoticePage

    page = PrivacyNoticePage.objects.get()
    for language, heading, column, row in (
        ("fr", "Durée de conservation", "Données", None),
        ("es", "Plazo de conservación", "Datos", "Solicitudes de adhesión rechazadas (a contar desde la decisión)"),
    ):
        html = BeautifulSoup(visit_in(client, page.url, language), "html.parser")
        assert html.select_one("#retention-heading").get_text(strip=True) == heading
        assert html.select_one(".retention-table th").get_text(strip=True) == column
        if row:
            assert row in html.select_one(".retention-table").get_text()


def test_the_french_level_descriptions_say_atrocites_criminelles_on_an_existing_site_too(client):
    import io

    from django.core.management import call_command

    from publishing.models import CrisisLevel

    old = "Des crimes atroces sont commis et une action urgente est nécessaire pour protéger les populations."
    CrisisLevel.objects.filter(slug_en="current-crisis").update(description_fr=old)
    edited = "Texte revu par la rédaction."
    CrisisLevel.objects.filter(slug_en="serious-concern").update(description_fr=edited)
    call_command("load_initial_content", stdout=io.StringIO())
    levels = {level.slug_en: level for level in CrisisLevel.objects.all()}
    assert levels["current-crisis"].description_fr == (
        "Des atrocités criminelles sont commises et une action urgente est nécessaire pour protéger les populations."
    )
    assert levels["serious-concern"].description_fr == edited  # an editor's wording is kept
    assert levels["past"].description_es.endswith("su página se conserva para consulta.")
