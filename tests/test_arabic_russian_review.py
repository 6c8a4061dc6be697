"""The fourth language read, Arabic and Russian (issue 23): what a visitor of the Russian and Arabic
pages sees, and how an existing site's texts written by ``load_initial_content`` are brought up to date."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from core.streams import stream_texts
from pages.models import HistoryPage, RtoPExplainerPage, TimelineEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]

OLD_TERM = "ответственность по защите"


NOTE = (
    "Обязанность защищать (RtoP, или R2P; так ее называют документы ООН на русском языке, например доклад "
    "Генерального секретаря «Выполнение обязанности защищать», A/63/677)"
)
OLD_NOTE = "Ответственность по защите (RtoP, или R2P; в некоторых документах ООН на русском языке — «обязанность защищать»)"


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


def test_an_existing_russian_site_gets_the_uns_term_but_keeps_an_editors_text(client):
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
