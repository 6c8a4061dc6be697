"""Wording the site generates reads right in each language (the UN-terminology review of issue 23):
dates after "since", first days of months, event dates, time-zone names, UN country names, votes,
document languages, the "All" option of feminine filters, and the home page's title."""

import datetime
import re

import pytest
import pyuca
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from core.dates import AFTER_PREPOSITION, DatePrecision, format_date_range, format_precise_date
from events.formatting import event_when
from events.models import EventPage
from offices.formatting import time_zone_name
from publishing.models import CrisisIndexPage, CrisisLevel, CrisisLevelChange, CrisisPage
from resources.models import ResourcePage
from tests.test_dates import visit_in
from untexts.models import UNText

OCT_15 = datetime.date(2023, 10, 15)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def since(language, value, precision=DatePrecision.DAY):
    with translation.override(language):
        date = format_precise_date(value, precision, AFTER_PREPOSITION)
        return translation.gettext("since %(since_date)s") % {"since_date": date}


def test_a_full_date_after_since_takes_the_article_in_french_and_spanish():
    assert since("fr", OCT_15) == "depuis le 15 octobre 2023"
    assert since("es", OCT_15) == "desde el 15 de octubre de 2023"
    assert since("fr", OCT_15, DatePrecision.MONTH) == "depuis octobre 2023"
    assert since("ru", OCT_15) == "с 15 октября 2023\u00a0г."


def test_the_chinese_since_phrase_has_no_spaces_and_years_take_nian():
    assert since("zh-hans", OCT_15, DatePrecision.YEAR) == "自2023年起"
    assert since("zh-hans", datetime.date(2009, 1, 1), DatePrecision.MONTH) == "自2009年1月起"
    assert format_precise_date(OCT_15, DatePrecision.YEAR, language="zh-hans") == "2023年"


def test_the_first_of_the_month_is_premier_in_french():
    assert format_precise_date(datetime.date(2015, 10, 1), language="fr") == "1er octobre 2015"
    assert format_precise_date(datetime.date(2015, 10, 11), language="fr") == "11 octobre 2015"


def test_a_chinese_range_of_days_is_one_range():
    start, end = datetime.date(2005, 9, 14), datetime.date(2005, 9, 16)
    assert format_date_range(start, "day", end, "day", language="zh-hans") == "2005年9月14日至16日"
    assert format_date_range(start, "day", end, "day", language="en") == "14 September 2005 – 16 September 2005"


@pytest.mark.parametrize("zone", ["Asia/Bangkok", "Africa/Nairobi", "Asia/Kolkata"])
def test_zones_without_summer_time_are_never_called_summer_time(zone):
    assert "летнее" not in time_zone_name(zone, "ru")
    assert "heure :" not in time_zone_name("Asia/Bangkok", "fr")


def test_zones_are_named_after_their_region():
    assert time_zone_name("Asia/Bangkok", "ru") == "Индокитай"
    assert time_zone_name("Africa/Nairobi", "fr") == "heure normale d’Afrique de l’Est"
    assert time_zone_name("Asia/Bangkok", "en") == "Indochina Time"


def event(start, end=None, time_zone="Europe/Paris", start_time=None):
    return EventPage(title="Sample event", start_date=start, end_date=end, start_time=start_time, time_zone=time_zone)


@pytest.mark.django_db
def test_arabic_event_dates_give_both_month_names():
    when = event_when(event(datetime.date(2026, 12, 25)), "ar")
    assert "25 كانون الأول/ديسمبر 2026" in when.dates
    when = event_when(event(datetime.date(2027, 3, 3), datetime.date(2027, 3, 4)), "ar")
    assert "آذار/مارس 2027" in when.dates and " مارس" not in when.dates.replace("آذار/مارس", "")


@pytest.mark.django_db
def test_russian_event_ranges_give_the_full_month():
    when = event_when(event(datetime.date(2027, 3, 3), datetime.date(2027, 3, 4)), "ru")
    assert when.dates == "3–4 марта 2027\u00a0г."


@pytest.mark.django_db
def test_chinese_zone_offsets_in_full_width_brackets():
    with translation.override("zh-hans"):
        when = event_when(event(datetime.date(2027, 3, 3), start_time=datetime.time(10)), "zh-hans")
        assert when.zone_text == "中欧时间（UTC+01:00）"


@pytest.mark.parametrize(
    "language, code, name",
    [
        ("es", "CF", "República Centroafricana"),
        ("es", "CI", "Côte d'Ivoire"),
        ("es", "TT", "Trinidad y Tabago"),
        ("fr", "MH", "Îles Marshall"),
        ("fr", "MM", "Myanmar"),
        ("ar", "CI", "كوت ديفوار"),
        ("ar", "SY", "الجمهورية العربية السورية"),
        ("ru", "CD", "Демократическая Республика Конго"),
        ("ru", "GB", "Соединенное Королевство"),
        ("zh-hans", "ML", "马里"),
        ("en", "NR", "Nauru"),  # django-countries writes the endonym "Naoero"
        ("fr", "NR", "Nauru"),
        ("es", "NR", "Nauru"),
        ("ar", "NR", "ناورو"),
        ("ru", "NR", "Науру"),
        ("zh-hans", "NR", "瑙鲁"),
    ],
)
def test_countries_have_their_un_names(language, code, name):
    with translation.override(language):
        assert str(countries.name(code)) == name
        names = [str(label) for _code, label in countries]
        assert name in names
        assert names == sorted(names, key=pyuca.Collator().sort_key)  # still in the language's order


@pytest.mark.django_db
def test_no_country_list_shows_the_endonym_naoero(admin_client):
    """The member form's country list (and every list built from django-countries), in each language."""
    from members.models import MemberOrganisation

    html = admin_client.get(reverse("wagtailsnippets_members_memberorganisation:add")).content.decode()
    assert re.search(r'<option value="NR"[^>]*>Nauru</option>', html) and "Naoero" not in html
    for language in ("en", "fr", "es", "ar", "zh-hans", "ru"):
        with translation.override(language):
            labels = [str(label) for _code, label in MemberOrganisation._meta.get_field("country").choices]
            assert "Naoero" not in labels, language


@pytest.mark.django_db
def test_the_spanish_crisis_listing_shows_un_names_and_feminine_all(client):
    page = CrisisPage(title="Sample Bangui situation", slug="sample-bangui", countries=["CF"])
    page.level_changes = [
        CrisisLevelChange(
            level=CrisisLevel.objects.get(slug_en="current-crisis"), date=OCT_15, precision="day", reason="x"
        )
    ]
    CrisisIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    html = visit_in(client, CrisisIndexPage.objects.get().url, "es")
    assert "República Centroafricana" in html and "República de África Central" not in html
    region_select = re.search(r'<select[^>]+name="region"[^>]*>\s*<option value="">([^<]+)</option>', html)
    assert region_select.group(1) == "Todas"
    page = CrisisPage.objects.get(pk=page.pk)
    assert "desde el 15 de octubre de 2023" in text(visit_in(client, page.url, "es"))
    assert "depuis le 15 octobre 2023" in text(visit_in(client, page.url, "fr"))


@pytest.mark.parametrize(
    "language, vote, shown",
    [
        ("fr", "unanimous", "à l’unanimité"),
        ("fr", "115-15-28", "115 voix pour, 15 voix contre et 28 abstentions"),
        ("es", "14-0-1", "14 votos a favor, 0 en contra y 1 abstención"),
        ("ru", "15-0-0 (unanimous)", "за — 15, против — 0, воздержались — 0 (единогласно)"),
        ("zh-hans", "unanimous", "一致通过"),
        ("en", "12-0-3 (China, Qatar, Russian Federation abstaining)", ""),
        ("en", "adopted without reference to a Main Committee; vote not read", "not given in the sources read"),
        ("fr", "procedure; vote not read", "non indiqué dans les sources consultées"),
    ],
)
def test_votes_are_restated_in_words(language, vote, shown):
    with translation.override(language):
        assert UNText(vote=vote).vote_in_words == shown


@pytest.mark.parametrize(
    "language, shown",
    [
        ("fr", ["anglais", "arabe", "chinois", "espagnol", "français", "russe"]),
        ("es", ["árabe", "chino", "español", "francés", "inglés", "ruso"]),
        ("ru", ["английский", "арабский", "испанский", "китайский", "русский", "французский"]),
        ("en", ["Arabic", "Chinese", "English", "French", "Russian", "Spanish"]),
    ],
)
def test_document_languages_read_in_lower_case_and_the_page_languages_order(language, shown):
    with translation.override(language):
        page = ResourcePage(languages=["ar", "zh", "en", "fr", "ru", "es"])
        assert page.language_names == shown


@pytest.mark.django_db
def test_the_home_page_title_names_the_coalition_once(client):
    html = client.get("/fr/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.count("Coalition internationale pour la responsabilité de protéger") == 1
