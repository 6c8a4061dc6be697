"""The fourth language read, Arabic and Russian (issue 23): what a visitor of the Russian and Arabic
pages sees, and how an existing site's texts written by ``load_initial_content`` are brought up to date."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from core.streams import stream_texts
from events.formatting import event_when
from events.models import EventPage
from pages.models import HistoryPage, RtoPExplainerPage, TimelineEvent
from publishing.models import CrisisLevel
from tests.engagement_helpers import application_data, errors_shown, newsletter_data
from untexts.models import UNText, UNTextIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]

OLD_TERM = "ответственность по защите"


NOTE = (
    "Обязанность защищать (RtoP, или R2P; так ее называют документы ООН на русском языке, например доклад "
    "Генерального секретаря «Выполнение обязанности защищать», A/63/677)"
)
OLD_NOTE = (
    "Ответственность по защите (RtoP, или R2P; в некоторых документах ООН на русском языке — «обязанность защищать»)"
)


def as_shipped_before(text):
    """A text as the Russian content said it before issue 23 (the UN's term swapped for the old one)."""
    text = (
        text.replace(NOTE, "{note}")
        .replace("Обязанность защищать", "Ответственность по защите")
        .replace("обязанность защищать", OLD_TERM)
        .replace("обязанности защищать", "ответственности по защите")
    )
    return text.replace("{note}", OLD_NOTE)


def test_the_russian_pages_use_the_uns_term(client):
    explainer = RtoPExplainerPage.objects.get()
    with translation.override("ru"):
        url = explainer.get_url()
    assert url.endswith("/ru/obyazannost-zashchishchat/")
    html = client.get(url).content.decode()
    assert "Что такое обязанность защищать" in html
    assert "так ее называют документы ООН на русском языке" in html
    assert "в некоторых документах ООН" not in html
    assert OLD_TERM not in html.lower()
    home = client.get("/ru/").content.decode()
    assert "Международная коалиция за обязанность защищать" in home
    assert "ответственност" not in home


def test_an_existing_russian_site_gets_the_uns_term_but_keeps_an_editors_text(
    client, django_capture_on_commit_callbacks
):
    explainer = RtoPExplainerPage.objects.get()
    intro, title = explainer.intro_ru, explainer.title_ru
    # A site loaded before issue 23: the command's own texts, one of them changed since by an editor.
    explainer.title_ru = as_shipped_before(title)
    explainer.intro_ru = as_shipped_before(intro)
    assert OLD_NOTE in explainer.intro_ru
    explainer.slug_ru = "otvetstvennost-po-zashchite"
    raw = explainer._meta.get_field("pillars_ru").stream_block.get_prep_value(explainer.pillars_ru)
    shipped_pillar = raw[1]["value"]["text"]
    raw[1]["value"]["text"] = as_shipped_before(shipped_pillar)
    explainer.pillars_ru = json.dumps(raw)
    explainer.crimes_heading_ru = "Четыре преступления: ответственность по защите (текст редактора)"
    explainer.save_revision().publish()
    event = TimelineEvent.objects.get(document_symbol="A/RES/75/277")
    event_title = event.title_ru
    event.title_ru = as_shipped_before(event_title)
    event.save()
    HistoryPage.objects.get().save_revision().publish()
    assert client.get("/ru/otvetstvennost-po-zashchite/").status_code == 200

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the old address's redirect is made on commit
        call_command("load_initial_content", stdout=output)

    explainer = RtoPExplainerPage.objects.get()
    assert (explainer.title_ru, explainer.intro_ru) == (title, intro)
    assert explainer.slug_ru == "obyazannost-zashchishchat"
    assert stream_texts(explainer, "pillars_ru")["1:pillar/text"] == shipped_pillar
    assert explainer.crimes_heading_ru == "Четыре преступления: ответственность по защите (текст редактора)"
    assert TimelineEvent.objects.get(document_symbol="A/RES/75/277").title_ru == event_title
    assert "0 correction(s) applied" not in output.getvalue()
    html = client.get("/ru/obyazannost-zashchishchat/").content.decode()
    assert "Что такое обязанность защищать" in html
    old_address = client.get("/ru/otvetstvennost-po-zashchite/")
    assert old_address.status_code in (301, 302) and old_address["Location"].endswith("/ru/obyazannost-zashchishchat/")
    history = client.get("/ru/o-koalitsii/istoriya/")
    assert "Обязанность защищать — в ежегодной повестке дня" in history.content.decode()
    # Running it again changes nothing.
    again = io.StringIO()
    call_command("load_initial_content", stdout=again)
    assert "0 translation(s) filled in, 0 correction(s) applied" in again.getvalue()


def test_an_existing_site_gets_the_corrected_level_and_accessibility_wording():
    level = CrisisLevel.objects.get(slug_en="imminent-risk")
    shipped = level.description_ru
    level.description_ru = shipped.replace(
        "Весьма вероятно, что злодеяния произойдут", "Злодеяния весьма вероятно произойдут"
    )
    level.save()
    call_command("load_initial_content", stdout=io.StringIO())
    level.refresh_from_db()
    assert level.description_ru == shipped
    assert level.description_ru.startswith("Весьма вероятно, что злодеяния произойдут или повторятся")


@pytest.mark.parametrize(
    ("url", "shown", "not_shown"),
    [
        ("/ru/dostupnost/", "могут не отвечать требованиям доступности", "могут быть недоступны"),
        ("/ru/dostupnost/", "проверяется при работе только с клавиатурой", "проходится только с клавиатуры"),
        ("/ar/accessibility/", "يدوياً", "يدويًّا"),
        ("/ar/accessibility/", "لم يختبر أشخاص يستخدمون التكنولوجيات المساعدة الموقع بعد", "أشخاصٌ"),
        ("/ru/o-koalitsii/istoriya/", "Восемь организаций-основателей, входящих в Руководящий комитет", "консенсусом"),
        ("/ru/o-koalitsii/istoriya/", "без голосования принимает свою первую резолюцию", "основателей Руководящего"),
        ("/ru/", "в Руководящем комитете", "в руководящем комитете"),
        ("/ar/news/", "ونشراتهم الصحفية", "وبلاغاتهم"),
    ],
)
def test_pages_read_as_the_review_asked(client, url, shown, not_shown):
    html = client.get(url).content.decode()
    assert shown in html and not_shown not in html


def test_the_arabic_e_mail_error_agrees_in_the_accusative(client):
    url = "/ar/newsletter/"
    response = client.post(url, newsletter_data(client, url, email="abc", language="ar"))
    assert "أدخِل عنوان بريد إلكتروني صحيحاً." in " ".join(errors_shown(response))


def test_the_join_forms_country_field_says_country_or_territory(client):
    arabic = client.get("/ar/join/").content.decode()
    assert "البلد أو الإقليم" in arabic and "الدولة" not in arabic
    assert "Country or territory" in client.get("/en/join/").content.decode()
    russian = client.post("/ru/vstupit/", application_data(client, "/ru/vstupit/", consent=""))
    assert (
        "Пожалуйста, подтвердите, что вы ознакомились с уведомлением о конфиденциальности и согласны с ним"
        in " ".join(errors_shown(russian))
    )


def test_country_labels_say_balad_in_arabic(client):
    for url in ("/ar/members/", "/ar/crises/"):
        html = client.get(url).content.decode()
        assert ">البلد<" in html or "البلد</" in html, url
        assert "الدولة" not in html.replace("مسؤولية الدولة", ""), url


def test_a_past_crisis_level_has_the_glossarys_name():
    with translation.override("ru"):
        assert CrisisLevel.objects.get(slug_en="past").name == "Завершенный кризис"


@pytest.mark.parametrize(("language", "shown"), [("ar", "السودان، جنوب السودان"), ("zh-hans", "苏丹、南苏丹")])
def test_a_un_texts_countries_are_listed_with_the_languages_comma(client, language, shown):
    text = UNText.objects.get(symbol="S/RES/2109")
    tracker = UNTextIndexPage.objects.get()
    listing = client.get(tracker.url.replace("/en/", f"/{language}/", 1) + "?page=2").content.decode()
    page = client.get(tracker.text_url(text).replace("/en/", f"/{language}/", 1)).content.decode()
    assert shown in listing
    assert shown.replace("، ", "").replace("、", "") not in page  # its own page links each country
    assert re.search(r"السودان</a>، <a|苏丹</a>、<a", page)


@pytest.mark.parametrize(
    ("language", "summer", "winter"),
    [
        ("ru", "центральноевропейское летнее время", "центральноевропейское время"),
        ("ar", "توقيت وسط أوروبا الصيفي", "توقيت وسط أوروبا"),
        ("en", "Central European Summer Time", "Central European Time"),
    ],
)
def test_an_event_in_summer_names_summer_time(language, summer, winter):
    august = EventPage(
        start_date=datetime.date(2026, 8, 27), start_time=datetime.time(10), time_zone="Europe/Amsterdam"
    )
    march = EventPage(start_date=datetime.date(2027, 3, 4), start_time=datetime.time(10), time_zone="Europe/Amsterdam")
    shown = event_when(august, language)
    assert (shown.zone, shown.offset) == (summer, "UTC+02:00")
    assert (event_when(march, language).zone, event_when(march, language).offset) == (winter, "UTC+01:00")
