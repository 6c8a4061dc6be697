"""The site chrome of the design system: footer columns, social accounts from the site settings, the
accessibility statement, the phone menu's markup, locale-aware lists and numbers."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Site

from core.models import SocialAccounts
from untexts.models import UNTextIndexPage

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_footer_links_the_sections_contact_and_accessibility_statement(client):
    footer = soup(client.get("/en/")).find("footer")
    sections = [a.get_text(strip=True) for a in footer.select("#footer-sections-heading + ul a")]
    assert sections == [
        "About the Coalition",
        "The Responsibility to Protect",
        "Crises",
        "News and statements",
        "Resources",
        "Events",
        "Our members",
        UNTextIndexPage.objects.get().title,  # the tracker: out of the header's menu, found from every page
    ]
    assert footer.select("#footer-sections-heading + ul a")[-1]["href"] == UNTextIndexPage.objects.get().url
    involved = [a.get_text(strip=True) for a in footer.select("#footer-involved-heading + ul a")]
    assert involved == ["Join the coalition", "Sign up for the newsletter", "Contact"]
    links = {a.get_text(strip=True): a["href"] for a in footer.select(".site-footer__column a")}
    assert links["Join the coalition"] == "/en/join/"
    assert links["Contact"] == "/en/contact/"
    assert links["Accessibility statement"] == "/en/accessibility/"
    # The newsletter and the privacy notice are found by their page types (engagement app).
    assert links["Sign up for the newsletter"] == "/en/newsletter/"
    assert links["Privacy notice"] == "/en/privacy/"
    assert footer.select("a[href^='tel:']")  # the offices stay in the footer


def test_social_accounts_are_plain_links_from_the_site_settings(client):
    footer = soup(client.get("/en/")).find("footer")
    assert footer.select(".social-links") == []  # none set: no empty heading
    settings = SocialAccounts.for_site(Site.objects.get(is_default_site=True))
    settings.mastodon = "https://mastodon.example/@icrtop"
    settings.youtube = "https://video.example/icrtop"
    settings.save()
    footer = soup(client.get("/en/")).find("footer")
    links = footer.select(".social-links a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Mastodon", "https://mastodon.example/@icrtop"),
        ("YouTube", "https://video.example/icrtop"),
    ]
    assert all(a.svg["aria-hidden"] == "true" for a in links)
    assert not soup(client.get("/en/")).find("script", src=True)  # no widgets, no third-party scripts


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Accessibility statement"),
        ("fr", "Déclaration d’accessibilité"),
        ("es", "Declaración de accesibilidad"),
        ("ar", "بيان إمكانية الوصول"),
        ("zh-hans", "无障碍声明"),
        ("ru", "Заявление о доступности"),
    ],
)
def test_the_accessibility_statement_is_there_in_every_language(client, language, title):
    home = soup(client.get(f"/{language}/"))
    link = home.find("footer").find("a", string=title)
    assert link is not None
    page = soup(client.get(link["href"]))
    assert page.h1.get_text(strip=True) == title
    assert "WCAG" in page.get_text()
    assert not page.find(attrs={"data-fallback": True})  # written in the language, not shown in English


def test_the_menu_is_a_disclosure_holding_search_sections_and_languages(client):
    header = soup(client.get("/ar/")).find("header")
    menu = header.find("details", class_="site-menu")
    assert menu.summary.get_text(strip=True).startswith("القائمة")
    assert menu.find("form", role="search") and menu.find("nav", class_="main-nav")
    assert menu.find("nav", class_="language-switcher")
    assert not header.find(style=True) and not header.find("script")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Africa, Asia and Europe · 1,234"),
        ("fr", "Africa, Asia et Europe · 1\u202f234"),
        ("ar", "Africa وAsia وEurope · 1,234"),
        ("zh-hans", "Africa、Asia和Europe · 1,234"),
        ("ru", "Africa, Asia и Europe · 1\xa0234"),
        ("es", "Africa, Asia y Europe · 1234"),  # RAE and UN Spanish: no separator in four digits
    ],
)
def test_lists_and_numbers_follow_the_language(language, expected):
    template = Template("{% load design_tags %}{{ names|format_list }} · {{ 1234|number }}")
    with translation.override(language):
        assert template.render(Context({"names": ["Africa", "Asia", "Europe"]})) == expected


def test_spanish_numbers_group_with_a_space_above_four_digits_never_a_point():
    template = Template("{% load design_tags %}{{ value|number }}")
    with translation.override("es"):
        shown = [template.render(Context({"value": value})) for value in (2000, 12345, 1234567, 2.5, "n/a")]
    assert shown == ["2000", "12\xa0345", "1\xa0234\xa0567", "2,5", "n/a"]


def test_quotation_marks_follow_the_language():
    template = Template("{% load design_tags %}{{ word|quoted }}")
    results = {}
    for language in ["en", "fr", "ru", "zh-hans", "ar"]:
        with translation.override(language):
            results[language] = template.render(Context({"word": "RtoP"}))
    assert results["en"] == "“RtoP”"
    assert results["fr"] == "«\u202fRtoP\u202f»"
    assert results["ru"] == "«RtoP»"
    assert results["zh-hans"] == "“RtoP”"
    assert results["ar"] == "”RtoP“"


def test_english_runs_in_arabic_headings_are_isolated_and_keep_dashed_words_whole():
    """History and crisis timeline headings: "R2P–Engaging Civil Society" in an Arabic heading is a
    left-to-right run of its own, and no line breaks after its dash (which would read "–R2P")."""
    template = Template("{% load design_tags %}{{ title|foreign_runs }}")
    with translation.override("ar"):
        html = BeautifulSoup(
            template.render(Context({"title": "إطلاق مشروع R2P–Engaging Civil Society <b>"})), "html.parser"
        )
    run = html.select_one("span[dir=ltr]")
    assert (run["lang"], run.get_text()) == ("en", "R2P–Engaging Civil Society")
    assert [word.get_text() for word in run.select(".nowrap")] == ["R2P–Engaging"]
    assert html.select_one("b") is None  # still escaped


def test_the_filter_panel_include_renders_any_form_folded_with_labels():
    from django import forms
    from django.template.loader import render_to_string

    class Filters(forms.Form):
        topic = forms.ChoiceField(label="Topic", choices=[("", "All"), ("prevention", "Prevention")], required=False)
        year = forms.IntegerField(label="Year", required=False)

    html = render_to_string(
        "includes/filter_panel.html",
        {"form": Filters({"year": "2024"}), "action": "/en/news/", "active_count": 1, "clear_url": "/en/news/"},
    )
    panel = BeautifulSoup(html, "html.parser").find("details", class_="filter-panel")
    assert not panel.has_attr("open")  # folded on phones; CSS opens it on wide screens
    assert panel.summary.get_text(" ", strip=True) == "Filters 1"
    form = panel.find("form")
    assert form["action"] == "/en/news/" and form["method"] == "get"
    assert [label.get_text(strip=True) for label in form.find_all("label")] == ["Topic:", "Year:"]
    assert form.find("input", attrs={"name": "year"})["value"] == "2024"
    assert form.find("a", href="/en/news/").get_text(strip=True) == "Clear all filters"
