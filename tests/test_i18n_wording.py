"""Wording the site generates reads right in each language (the UN-terminology review of issue 23):
dates after "since", first days of months, event dates, time-zone names, UN country names, votes,
document languages, the "All" option of feminine filters, and the home page's title."""

import datetime
import re
from pathlib import Path

import pytest
import pyuca
from babel.messages.pofile import read_po
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from core.countries import read_un_country_names
from core.dates import AFTER_PREPOSITION, DatePrecision, format_date_range, format_precise_date
from events.formatting import event_when
from events.models import EventPage
from members.countries import country_code
from offices.formatting import time_zone_name
from pages.models import HistoryPage
from publishing.models import CrisisIndexPage, CrisisLevel, CrisisLevelChange, CrisisPage
from resources.models import ResourceIndexPage, ResourcePage
from tests.test_dates import visit_in
from untexts.models import UNText

OCT_15 = datetime.date(2023, 10, 15)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def since(language, value, precision=DatePrecision.DAY, level="Level"):
    """A crisis's level and since when, as the crises listing and a crisis's title band write it."""
    with translation.override(language):
        date = format_precise_date(value, precision, AFTER_PREPOSITION)
        return translation.gettext("%(badge)s (since %(since_date)s)") % {"badge": level, "since_date": date}


def test_a_full_date_after_since_takes_the_article_in_french_and_spanish():
    assert since("fr", OCT_15) == "Level (depuis le 15 octobre 2023)"
    assert since("es", OCT_15) == "Level (desde el 15 de octubre de 2023)"
    assert since("fr", OCT_15, DatePrecision.MONTH) == "Level (depuis octobre 2023)"
    assert since("ru", OCT_15) == "Level (с 15 октября 2023\u00a0г.)"


def test_the_chinese_since_phrase_has_no_spaces_and_years_take_nian():
    assert since("zh-hans", OCT_15, DatePrecision.YEAR, "过往危机") == "过往危机（自2023年起）"
    assert since("zh-hans", datetime.date(2009, 1, 1), DatePrecision.MONTH) == "Level（自2009年1月起）"
    assert format_precise_date(OCT_15, DatePrecision.YEAR, language="zh-hans") == "2023年"


def test_the_first_of_the_month_is_premier_in_french():
    assert format_precise_date(datetime.date(2015, 10, 1), language="fr") == "1er octobre 2015"
    assert format_precise_date(datetime.date(2015, 10, 11), language="fr") == "11 octobre 2015"


def test_a_chinese_range_of_days_is_one_range():
    start, end = datetime.date(2005, 9, 14), datetime.date(2005, 9, 16)
    assert format_date_range(start, "day", end, "day", language="zh-hans") == "2005年9月14日至16日"
    assert format_date_range(start, "day", end, "day", language="en") == "14–16 September 2005"


SEPT_14, SEPT_16, OCT_2 = datetime.date(2005, 9, 14), datetime.date(2005, 9, 16), datetime.date(2005, 10, 2)
FEB_2008, AUG_2008, MAR_2012 = datetime.date(2008, 2, 1), datetime.date(2008, 8, 1), datetime.date(2012, 3, 1)


@pytest.mark.parametrize(
    "language, days, months, months_apart, other_month",
    [
        (
            "en",
            "14–16 September 2005",
            "February – August 2008",
            "February 2008 – March 2012",
            "14 September – 2 October 2005",
        ),
        (
            "fr",
            "14–16 septembre 2005",
            "février – août 2008",
            "février 2008 – mars 2012",
            "14 septembre – 2 octobre 2005",
        ),
        (
            "es",
            "14 a 16 de septiembre de 2005",
            "febrero a agosto de 2008",
            "febrero de 2008 a marzo de 2012",
            "14 de septiembre a 2 de octubre de 2005",
        ),
        (
            "ar",
            "14–16 أيلول/سبتمبر 2005",
            "شباط/فبراير – آب/أغسطس 2008",
            "شباط/فبراير 2008 – آذار/مارس 2012",
            "14 أيلول/سبتمبر – 2 تشرين الأول/أكتوبر 2005",
        ),
        ("zh-hans", "2005年9月14日至16日", "2008年2月至8月", "2008年2月至2012年3月", "2005年9月14日至10月2日"),
        (
            "ru",
            "14–16 сентября 2005\u00a0г.",
            "февраль – август 2008\u00a0г.",
            "февраль 2008\u00a0г. – март 2012\u00a0г.",
            "14 сентября – 2 октября 2005\u00a0г.",
        ),
    ],
)
def test_a_range_writes_its_shared_month_and_year_once(language, days, months, months_apart, other_month):
    assert format_date_range(SEPT_14, "day", SEPT_16, "day", language=language) == days
    assert format_date_range(FEB_2008, "month", AUG_2008, "month", language=language) == months
    assert format_date_range(FEB_2008, "month", MAR_2012, "month", language=language) == months_apart
    assert format_date_range(SEPT_14, "day", OCT_2, "day", language=language) == other_month


def test_russian_years_take_g_and_ranges_of_years_gg():
    assert format_precise_date(OCT_15, DatePrecision.YEAR, language="ru") == "2023\u00a0г."
    assert format_date_range(SEPT_14, "year", OCT_15, "year", language="ru") == "2005–2023\u00a0гг."
    assert format_date_range(SEPT_14, "year", OCT_15, "year", language="zh-hans") == "2005年至2023年"


@pytest.mark.parametrize("zone", ["Asia/Bangkok", "Africa/Nairobi", "Asia/Kolkata"])
def test_zones_without_summer_time_are_never_called_summer_time(zone):
    assert "летнее" not in time_zone_name(zone, "ru")
    assert "heure :" not in time_zone_name("Asia/Bangkok", "fr")


def test_zones_are_named_after_their_region():
    assert time_zone_name("Asia/Bangkok", "ru") == "индокитайское время"
    assert time_zone_name("Africa/Nairobi", "fr") == "heure normale d’Afrique de l’Est"
    assert time_zone_name("Asia/Bangkok", "en") == "Indochina Time"


@pytest.mark.parametrize(
    "zone, language, name",
    [
        ("America/New_York", "ru", "восточное время (Северная Америка)"),
        ("America/New_York", "es", "hora del este (América del Norte)"),
        ("America/New_York", "en", "Eastern Time (North America)"),
        ("Europe/Amsterdam", "ru", "центральноевропейское время"),
        ("Europe/Zurich", "fr", "heure d’Europe centrale"),
        ("Africa/Nairobi", "ru", "восточноафриканское время"),
        ("Asia/Bangkok", "ar", "توقيت الهند الصينية"),
    ],
)
def test_the_sites_zones_are_named_as_a_time_not_a_place(zone, language, name):
    assert time_zone_name(zone, language) == name


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
        ("ru", "GB", "Соединенное Королевство Великобритании и Северной Ирландии"),
        ("zh-hans", "ML", "马里"),
        ("en", "NR", "Nauru"),  # django-countries writes the endonym "Naoero"
        ("fr", "NR", "Nauru"),
        ("es", "NR", "Nauru"),
        ("ar", "NR", "ناورو"),
        ("ru", "NR", "Науру"),
        ("zh-hans", "NR", "瑙鲁"),
        # the second review (issue 23): UN short names, in English too, and the misspellings it found
        ("en", "SY", "Syrian Arab Republic"),
        ("en", "TZ", "United Republic of Tanzania"),
        ("en", "VA", "Holy See"),
        ("en", "VN", "Viet Nam"),
        ("fr", "SV", "El Salvador"),
        ("fr", "TZ", "République-Unie de Tanzanie"),
        ("fr", "BO", "Bolivie (État plurinational de)"),
        ("fr", "FK", "Îles Falkland (Malvinas)"),
        ("es", "KE", "Kenya"),
        ("es", "SY", "República Árabe Siria"),
        ("es", "KP", "República Popular Democrática de Corea"),
        ("ar", "FM", "ميكرونيزيا (ولايات - الموحدة)"),
        ("ar", "GT", "غواتيمالا"),
        ("ar", "RU", "الاتحاد الروسي"),
        ("zh-hans", "TJ", "塔吉克斯坦"),
        ("zh-hans", "NP", "尼泊尔"),
        ("zh-hans", "DM", "多米尼克"),
        ("zh-hans", "VA", "教廷"),
        ("zh-hans", "SY", "阿拉伯叙利亚共和国"),
        ("ru", "LR", "Либерия"),
        ("ru", "NC", "Новая Каледония"),
        ("ru", "KG", "Кыргызстан"),
        ("ru", "SM", "Сан-Марино"),
        ("ru", "TZ", "Объединенная Республика Танзания"),
    ],
)
def test_countries_have_their_un_names(language, code, name):
    with translation.override(language):
        assert str(countries.name(code)) == name
        names = [str(label) for _code, label in countries]
        assert name in names
        assert names == sorted(names, key=pyuca.Collator().sort_key)  # still in the language's order


@pytest.mark.parametrize(
    "language, names",
    [
        ("en", ["Taiwan, Province of China", "China, Hong Kong Special Administrative Region"]),
        ("fr", ["Taïwan, province de Chine", "Chine, région administrative spéciale de Macao"]),
        ("zh-hans", ["中国台湾省", "中国香港特别行政区", "中国澳门特别行政区"]),
        ("ru", ["Китай, Специальный административный район Гонконг"]),
    ],
)
def test_taiwan_hong_kong_and_macao_are_never_listed_as_countries(language, names):
    with translation.override(language):
        listed = {str(label) for _code, label in countries}
    assert set(names) <= listed
    assert not listed & {"Taiwan", "Hong Kong", "Taïwan", "台湾", "香港", "澳门", "Тайвань", "Гонконг"}


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar", "zh-hans", "ru"])
def test_every_un_name_is_shown_and_no_two_countries_share_a_name(language):
    with translation.override(language):
        for code, names in read_un_country_names().items():
            assert str(countries.name(code)) == names.get(language, str(countries.name(code)))
        listed = [str(label).strip() for _code, label in countries]
        assert len(set(listed)) == len(listed)  # Chinese listed Samoa and American Samoa alike


def test_the_short_english_names_still_find_their_country():
    assert [country_code(name) for name in ["Tanzania", "Syria", "Vietnam", "Taiwan"]] == ["TZ", "SY", "VN", "TW"]


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
        ("fr", "unanimous", "adoptée à l’unanimité"),
        ("fr", "115-15-28", "adoptée par 115 voix contre 15, avec 28 abstentions"),
        ("es", "14-0-1", "aprobada por 14 votos contra ninguno y 1 abstención"),
        ("ru", "15-0-0 (unanimous)", "принята единогласно"),
        ("zh-hans", "unanimous", "一致通过"),
        ("en", "12-0-3 (Utopia, Qatar abstaining)", ""),
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
        ("ar", ["الإسبانية", "الإنكليزية", "الروسية", "الصينية", "العربية", "الفرنسية"]),
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, shown, not_shown",
    [
        ("fr", "14–16 septembre 2005", "14 septembre 2005 – 16 septembre 2005"),
        ("es", "14 a 16 de septiembre de 2005", "14 de septiembre de 2005 – 16 de septiembre de 2005"),
        ("ru", "14–16 сентября 2005 г.", "14 сентября 2005 г. – 16 сентября 2005 г."),  # text(): plain spaces
    ],
)
def test_the_history_page_writes_the_world_summit_once(client, language, shown, not_shown):
    html = text(visit_in(client, HistoryPage.objects.live().get().get_url(), language))
    assert shown in html and not_shown not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "resource_type, issuing_body, noted",
    [
        (ResourcePage.ResourceType.POLICY_BRIEF, ResourcePage.IssuingBody.COALITION, False),
        (ResourcePage.ResourceType.UN_DOCUMENT, ResourcePage.IssuingBody.GENERAL_ASSEMBLY, True),
    ],
)
def test_only_a_un_document_awaits_its_official_un_title(
    client, forget_cached_site_roots, resource_type, issuing_body, noted
):
    page = ResourcePage(
        title="Sample brief on early warning",
        slug="sample-brief-on-early-warning",
        resource_type=resource_type,
        issuing_body=issuing_body,
        date=OCT_15,
        summary="A summary.",
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    with translation.override("fr"):
        note = translation.gettext(
            "Title in English: the UN’s official title in this language is not yet on this site."
        )
    html = visit_in(client, ResourcePage.objects.get(pk=page.pk).url, "fr")
    assert (note in html.replace("&#x27;", "'").replace("&rsquo;", "’")) is noted


@pytest.mark.parametrize(
    "language, english, shown",
    [
        ("fr", "There is a problem with what was sent", "Le formulaire contient des erreurs"),
        ("es", "There is a problem with what was sent", "Hay errores en el formulario"),
        ("fr", "How it refers to RtoP", "Comment ce texte fait référence à la responsabilité de protéger"),
        ("es", "Pillar-one language", "Formulación relativa al primer pilar"),
        ("ar", "That was very quick. Please check the form and send it again.", "أُرسلت الاستمارة بسرعة كبيرة"),
        (
            "zh-hans",
            "That was very quick. Please check the form and send it again.",
            "表格提交过快，请检查后重新提交。",
        ),
        (
            "ru",
            "Too many forms were sent from your network in a short time. Nothing was lost: please wait an hour and "
            "send this form again.",
            "Из вашей сети за короткое время было отправлено слишком много форм.",
        ),
        ("ru", "How it refers to RtoP", "Как упоминается обязанность защищать"),
        ("ru", "Member organisations working on it", "Организации-члены, работающие по этому кризису"),
        ("ru", "Follow %(name)s", "Следить: %(name)s"),
        ("zh-hans", "No members", "无成员"),
        ("ar", "Timeline", "التسلسل الزمني"),
    ],
)
def test_the_reviews_interface_wording(language, english, shown):
    with translation.override(language):
        assert shown in translation.gettext(english)


@pytest.mark.parametrize(
    "vote, language, shown",
    [
        ("115-15-28", "fr", "adoptée par 115 voix contre 15, avec 28 abstentions"),
        ("115-15-28", "ru", "принята 115 голосами против 15 при 28 воздержавшихся"),
        ("14-0-1", "ru", "принята 14 голосами при 1 воздержавшемся"),
    ],
)
def test_votes_read_as_un_records_write_them(vote, language, shown):
    with translation.override(language):
        assert UNText(vote=vote).vote_in_words == shown


def translations_in(language):
    """Every translation (each plural form too) in the language's interface catalogue."""
    with open(Path(__file__).parent.parent / f"locale/{language}/LC_MESSAGES/django.po", "rb") as file:
        catalogue = read_po(file)
    return [
        text
        for message in catalogue
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
    ]


def test_the_russian_catalogue_writes_no_yo_and_no_unexplained_abbreviation():
    texts = translations_in("ru")
    assert not [text for text in texts if "ё" in text.lower()]
    assert not [text for text in texts if "ОПЗ" in text]  # the UN's Russian term has no abbreviation


def test_arabic_tanween_is_written_one_way():
    """On the alif, as UN Arabic documents and the site's Arabic pages write it ("عضواً", "نصاً")."""
    texts = translations_in("ar")
    assert not [text for text in texts if "ًا" in text]
    assert [text for text in texts if "اً" in text]


@pytest.mark.parametrize(
    "language, label, required, bracket",
    [
        ("fr", "En présentiel\u00a0: ", " ", " (Bureau de New York)"),
        ("zh-hans", "现场：", "", "（Bureau de New York）"),
        ("en", "In person: ", " ", " (Bureau de New York)"),
    ],
)
def test_labels_and_asides_are_spaced_the_languages_way(language, label, required, bracket):
    template = Template(
        '{% load i18n core_tags %}{% translate "In person" as where %}{% label_for where %}|{% word_space %}|'
        '{% word_space %}{% blocktranslate with name="Bureau de New York" context "in brackets" %}({{ name }})'
        "{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context()).split("|") == [label, required, bracket]


@pytest.mark.django_db
def test_french_times_read_as_un_french_writes_them():
    when = event_when(
        EventPage(
            title="Sample event",
            start_date=datetime.date(2027, 3, 3),
            start_time=datetime.time(10),
            end_time=datetime.time(12, 30),
            time_zone="Europe/Paris",
        ),
        "fr",
    )
    assert when.times == "de\u00a010\u00a0h à\u00a012\u00a0h\u00a030"


def _country_order(language):
    from members.directory import country_names

    with translation.override(language):
        return [name for _code, name in country_names()]


def test_chinese_country_lists_are_in_pinyin_order():
    """Not in code-point order (乌干达 before 刚果 before 阿根廷): 阿根廷, 澳大利亚, 巴西 … 乌干达."""
    names = _country_order("zh-hans")
    order = ["阿根廷", "澳大利亚", "巴西", "加拿大", "乌干达"]
    assert [names.index(name) for name in order] == sorted(names.index(name) for name in order)
    assert names[0].startswith("阿")


def test_arabic_country_lists_ignore_the_article_and_the_hamza_as_un_lists_do():
    names = _country_order("ar")
    order = ["الاتحاد الروسي", "إثيوبيا", "أذربيجان", "الأرجنتين", "الأردن", "بوروندي", "جنوب السودان", "السودان"]
    assert [names.index(name) for name in order] == sorted(names.index(name) for name in order), [
        name for name in names if name in order
    ]
