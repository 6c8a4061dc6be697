"""Facts as of a date: the home page's figures say what they count and when; the steering committee
page dates its list; empty listings speak to visitors, and the editors' hint stays out of public pages."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from core.dates import format_precise_date
from pages.models import SteeringCommitteePage

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "language, words",
    [("en", "as of"), ("fr", "au "), ("ru", "по состоянию на"), ("ar", "في "), ("zh-hans", "截至")],
)
def test_the_figures_say_what_they_count_and_as_of_when(client, language, words):
    html = soup(client, f"/{language}/")
    note = html.select_one(".numbers__note").get_text(" ", strip=True)
    today = format_precise_date(timezone.localdate(), language=language)
    assert today in note and words in note
    assert "member organisations listed on this site" in note or language != "en"


def test_chinese_figures_do_not_start_with_a_bare_measure_word(client):
    html = soup(client, "/zh-hans/")
    labels = [dt.get_text(strip=True) for dt in html.select(".numbers__list dt")]
    assert labels and not any(label.startswith("个") for label in labels)


def test_the_steering_committee_is_dated_by_its_sources(client):
    page = SteeringCommitteePage.objects.live().get()
    with translation.override("en"):
        text = soup(client, page.get_url()).select_one("main").get_text(" ", strip=True)
    assert re.search(r"steering committee \(January 2009 – March 2012\)", text)
    assert "a source documents" not in text
