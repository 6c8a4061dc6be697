"""The translated initial content files (pages/initial_content/<language>.json) against en.json.

French and Spanish must translate everything; Arabic, Chinese and Russian at least the home, about
(mission) and Responsibility to Protect explainer pages. Rich text keeps the English HTML structure,
and the language-neutral keys (block types, heading levels, link targets) are never translated.
"""

import json
import re
from pathlib import Path

import pytest

CONTENT_DIR = Path(__file__).resolve().parent.parent / "pages" / "initial_content"
ENGLISH = json.loads((CONTENT_DIR / "en.json").read_text(encoding="utf-8"))
COMPLETE = ("fr", "es")
AT_LEAST_CORE = ("ar", "zh-hans", "ru")
CORE_SECTIONS = ("home", "about", "explainer")
# Arabic and Chinese pages keep the English (ASCII) slug: the loader falls back to it.
ENGLISH_SLUG = ("ar", "zh-hans")
UNTRANSLATED_KEYS = {"type", "level", "target"}
PAGE_SECTIONS = ("home", "about", "history", "steering_committee", "explainer", "members", "contact")
# Sibling pages (same parent) must not share a slug.
SIBLINGS = (("about", "explainer", "members", "contact"), ("history", "steering_committee"))
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load(language):
    return json.loads((CONTENT_DIR / f"{language}.json").read_text(encoding="utf-8"))


def leaves(node, path=()):
    """{key path: value} for every string (and empty list) in a content tree."""
    if isinstance(node, dict):
        found = {}
        for key, value in node.items():
            found.update(leaves(value, (*path, key)))
        return found
    if isinstance(node, list):
        if not node:
            return {path: node}
        found = {}
        for index, value in enumerate(node):
            found.update(leaves(value, (*path, index)))
        return found
    return {path: node}


def required_paths(language):
    paths = set(leaves(ENGLISH))
    if language in ENGLISH_SLUG:
        paths = {p for p in paths if p[-1] != "slug"}
    if language in AT_LEAST_CORE:
        paths = {p for p in paths if p[0] in CORE_SECTIONS}
    return paths


@pytest.mark.parametrize("language", COMPLETE + AT_LEAST_CORE)
def test_translation_has_every_required_key_and_nothing_else(language):
    translated = leaves(load(language))
    missing = sorted(map(str, required_paths(language) - set(translated)))
    assert not missing, f"{language}.json lacks {missing}"
    english = leaves(ENGLISH)
    extra = sorted(str(p) for p in translated if p not in english)
    assert not extra, f"{language}.json has keys en.json does not: {extra}"


@pytest.mark.parametrize("language", COMPLETE + AT_LEAST_CORE)
def test_every_english_text_is_translated_and_structure_is_kept(language):
    english = leaves(ENGLISH)
    for path, value in leaves(load(language)).items():
        source = english[path]
        key = path[-1]
        if key in UNTRANSLATED_KEYS:
            assert value == source, f"{language}: {path} must stay {source!r}"
            continue
        if isinstance(source, str) and source.strip():
            assert isinstance(value, str) and value.strip(), f"{language}: {path} is empty"
        else:
            assert value == source, f"{language}: {path} should be {source!r} like the English"
        if isinstance(source, str):
            assert TAG.findall(value) == TAG.findall(source), f"{language}: HTML tags differ at {path}"


@pytest.mark.parametrize("language", COMPLETE + AT_LEAST_CORE)
def test_lists_keep_the_english_length(language):
    """Blocks, crimes, pillars, measures, calls to action and highlights line up one to one."""
    translated = load(language)

    def lists(node, path=()):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from lists(value, (*path, key))
        elif isinstance(node, list):
            yield path, node

    english_lists = dict(lists(ENGLISH))
    for path, items in lists(translated):
        assert len(items) == len(english_lists[path]), f"{language}: {path} has a different length"


@pytest.mark.parametrize("language", ("fr", "es", "ru"))
def test_translated_slugs_are_ascii_and_unique_among_siblings(language):
    content = load(language)
    slugs = {section: content[section]["slug"] for section in PAGE_SECTIONS if "slug" in content.get(section, {})}
    assert slugs.get("home", "home") == "home"
    for section, slug in slugs.items():
        assert SLUG.match(slug), f"{language}: slug {slug!r} of {section} is not a lowercase ASCII slug"
    for group in SIBLINGS:
        group_slugs = [slugs.get(section, ENGLISH[section]["slug"]) for section in group]
        assert len(set(group_slugs)) == len(group_slugs), f"{language}: sibling slugs collide: {group_slugs}"
    assert any(slug != ENGLISH[section]["slug"] for section, slug in slugs.items()), f"{language}: no slug translated"


@pytest.mark.parametrize("language", ENGLISH_SLUG)
def test_arabic_and_chinese_fall_back_to_english_slugs(language):
    content = load(language)
    for section in PAGE_SECTIONS:
        assert content.get(section, {}).get("slug", "home" if section == "home" else None) in (
            None,
            ENGLISH[section]["slug"],
        )


@pytest.mark.parametrize("language", COMPLETE + AT_LEAST_CORE)
def test_search_descriptions_fit_a_results_page(language):
    content = load(language)
    for section in PAGE_SECTIONS:
        description = content.get(section, {}).get("search_description")
        if description:
            assert len(description) <= 160, f"{language}: {section} search_description is {len(description)} long"


def test_french_typography_uses_non_breaking_spaces():
    for path, value in leaves(load("fr")).items():
        if isinstance(value, str):
            assert not re.search(r" [:;?!»]|« ", value), f"fr: ordinary space before punctuation at {path}"


# The Responsibility to Protect, the four crimes (A/RES/60/1, paras 138-139) and the three pillars
# (A/63/677) as the official language versions of those documents name them.
UN_TERMS = {
    "fr": [
        "la responsabilité de protéger",
        "génocide, les crimes de guerre, le nettoyage ethnique et les crimes contre l’humanité",
        "Document final du Sommet mondial",
        "les responsabilités de l’État en matière de protection",
        "assistance internationale et renforcement des capacités",
        "réaction résolue en temps voulu",
        "Conseil de sécurité",
        "Charte des Nations Unies",
    ],
    "es": [
        "la responsabilidad de proteger",
        "genocidio, los crímenes de guerra, la depuración étnica y los crímenes de lesa humanidad",
        "Documento Final de la Cumbre Mundial",
        "la responsabilidad de protección que incumbe al Estado",
        "asistencia internacional y formación de capacidad",
        "respuesta oportuna y decisiva",
        "Consejo de Seguridad",
        "Carta de las Naciones Unidas",
    ],
    "ar": [
        "المسؤولية عن الحماية",
        "الإبادة الجماعية وجرائم الحرب والتطهير العرقي والجرائم المرتكبة ضد الإنسانية",
        "مؤتمر القمة العالمي لعام 2005",
        "مسؤوليات الدولة عن الحماية",
        "المساعدة الدولية وبناء القدرات",
        "مجلس الأمن",
        "ميثاق الأمم المتحدة",
    ],
    "zh-hans": [
        "保护责任",
        "灭绝种族、战争罪、族裔清洗和危害人类罪",
        "《2005年世界首脑会议成果》",
        "国家的保护责任",
        "国际援助和能力建设",
        "及时、果断的反应",
        "安全理事会",
        "《联合国宪章》",
    ],
    "ru": [
        "обязанность защищать",
        "геноцида, военных преступлений, этнической чистки и преступлений против человечности",
        "Итогового документа Всемирного саммита 2005 года",
        "обязанности государства по защите",
        "международная помощь и создание потенциала",
        "своевременное и решительное реагирование",
        "Совет Безопасности",
        "Уставом Организации Объединенных Наций",
    ],
}


@pytest.mark.parametrize("language", sorted(UN_TERMS))
def test_explainer_uses_the_un_terminology(language):
    text = json.dumps(load(language)["explainer"], ensure_ascii=False).replace("\u00a0", " ").lower()
    missing = [term for term in UN_TERMS[language] if term.lower() not in text]
    assert not missing, f"{language}: the explainer does not use {missing}"


def run_loader():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_initial_content", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_new_home_page_translations_reach_an_existing_site():
    """A translation shipped after the site was built fills the home page's empty fields in one run."""
    from pages.models import HomePage

    HomePage.objects.update(title_ar=None, hero_heading_ar=None)
    assert "2 translation(s) filled in" in run_loader()
    home = HomePage.objects.get()
    arabic = load("ar")["home"]
    assert (home.title_ar, home.hero_heading_ar) == (arabic["title"], arabic["hero_heading"])
    assert not home.has_unpublished_changes
    assert "0 object(s) created, 0 translation(s) filled in" in run_loader()


@pytest.mark.django_db
def test_page_and_timeline_translations_are_filled_in_the_same_run():
    from pages.models import HistoryPage, TimelineEvent

    HistoryPage.objects.update(timeline_heading_fr=None)
    TimelineEvent.objects.update(title_fr=None)
    events = TimelineEvent.objects.count()
    assert f"{events + 1} translation(s) filled in" in run_loader()
    french = load("fr")["history"]
    assert HistoryPage.objects.get().timeline_heading_fr == french["timeline_heading"]
    assert set(TimelineEvent.objects.values_list("title_fr", flat=True)) == {
        event["title"] for event in french["events"].values()
    }
    assert "0 object(s) created, 0 translation(s) filled in" in run_loader()
