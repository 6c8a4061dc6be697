"""The four crimes stand in the order of the 2005 World Summit Outcome (A/RES/60/1, para. 138: genocide,
war crimes, ethnic cleansing and crimes against humanity) wherever the site names them in its own words,
in every language, and an existing database is brought to that order by ``load_initial_content``."""

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation

from core.streams import stream_texts
from engagement.models import MembershipApplicationPage
from pages.models import RtoPExplainerPage
from publishing.models import CrisisIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]

CORRECTIONS = Path(__file__).resolve().parents[1] / "pages" / "initial_content" / "corrections.json"
# Each language's words for the four crimes, in the order of A/RES/60/1, para. 138.
CRIMES = {
    "en": ("genocide", "war crimes", "ethnic cleansing", "crimes against humanity"),
    "fr": ("génocide", "crimes de guerre", "nettoyage ethnique", "crimes contre l’humanité"),
    "es": ("genocidio", "crímenes de guerra", "depuración étnica", "crímenes de lesa humanidad"),
    "ar": ("الإبادة الجماعية", "جرائم الحرب", "التطهير العرقي", "الجرائم المرتكبة ضد الإنسانية"),
    "zh-hans": ("灭绝种族", "战争罪", "族裔清洗", "危害人类罪"),
    "ru": ("геноцид", "военны", "этническ", "против человечности"),
}


def assert_un_order(text, language):
    positions = [text.lower().find(word) for word in CRIMES[language]]
    assert -1 not in positions, (language, text)
    assert positions == sorted(positions), (language, text)


def page_url(model, language):
    with translation.override(language):
        return model.objects.get().get_url()


@pytest.mark.parametrize("language", CRIMES)
def test_the_footer_and_the_join_checkbox_follow_the_un_order(client, language):
    html = BeautifulSoup(client.get(page_url(MembershipApplicationPage, language)).content, "html.parser")
    assert_un_order(html.select_one(".site-footer__about").get_text(" ", strip=True), language)
    checkbox = html.select_one("input[name=supports_rtop]")
    assert_un_order(html.select_one(f"label[for={checkbox['id']}]").get_text(" ", strip=True), language)
    assert_un_order(html.select_one("main").get_text(" ", strip=True), language)  # the page's intro


@pytest.mark.parametrize("language", CRIMES)
def test_the_crime_cards_and_the_descriptions_follow_the_un_order(client, language):
    home = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    cards = [h.get_text(strip=True).lower() for h in home.select(".crimes h3")]
    assert len(cards) == 4
    for card, word in zip(cards, CRIMES[language], strict=True):
        assert word in card, (language, cards)
    description = home.select_one('meta[name="description"]')["content"]
    if any(word in description.lower() for word in CRIMES[language][2:]):  # some languages say "atrocity crimes"
        assert_un_order(description, language)
    crises = BeautifulSoup(client.get(page_url(CrisisIndexPage, language)).content, "html.parser")
    assert_un_order(crises.select_one('meta[name="description"]')["content"], language)


def test_an_existing_database_gets_the_un_order_where_the_text_is_still_the_shipped_one():
    corrections = json.loads(CORRECTIONS.read_text(encoding="utf-8"))
    intro = next(c for c in corrections["page_fields"] if c["page"] == "join" and c["field"] == "intro")
    names = next(c for c in corrections["page_stream_texts"] if c["path"] == "2:crime/name")
    join = MembershipApplicationPage.objects.get()
    join.intro_zh_hans = intro["values"]["zh-hans"]["old"]
    join.intro_fr = "Texte revu par une rédactrice."
    join.save_revision().publish()
    explainer = RtoPExplainerPage.objects.get()
    raw = explainer._meta.get_field("crimes_en").stream_block.get_prep_value(explainer.crimes_en)
    raw[2]["value"], raw[3]["value"] = raw[3]["value"], raw[2]["value"]  # the old order
    raw[3]["value"]["description"] = next(
        c for c in corrections["page_stream_texts"] if c["path"] == "3:crime/description"
    )["values"]["en"]["old"]
    explainer.crimes_en = json.dumps(raw)
    explainer.save_revision().publish()
    assert stream_texts(RtoPExplainerPage.objects.get(), "crimes_en")["2:crime/name"] == names["values"]["en"]["old"]

    call_command("load_initial_content", stdout=io.StringIO())

    join = MembershipApplicationPage.objects.get()
    assert join.intro_zh_hans == intro["values"]["zh-hans"]["new"]
    assert join.intro_fr == "Texte revu par une rédactrice."  # an editor's text is never overwritten
    texts = stream_texts(RtoPExplainerPage.objects.get(), "crimes_en")
    assert [texts[f"{i}:crime/name"] for i in range(4)] == [
        "Genocide",
        "War crimes",
        "Ethnic cleansing",
        "Crimes against humanity",
    ]
    assert texts["3:crime/description"].endswith(
        "as part of a widespread or systematic attack directed against any civilian population."
    )
