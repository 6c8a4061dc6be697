"""Dates read right in every language, at the precision their source gives (core.dates on Babel/CLDR):
Russian genitive months after "с"/"до", Arabic months in the UN's double form, Chinese 2009年1月."""

import re
from datetime import date

import pytest
from django.utils import translation

from core.dates import AFTER_PREPOSITION, DatePrecision, format_date_range, format_precise_date
from members.models import MemberOrganisation
from pages.models import HistoryPage

JAN_2009 = date(2009, 1, 1)
JUNE_2019 = date(2019, 6, 1)


@pytest.mark.parametrize(
    "language, day, month, year",
    [
        ("en", "28 January 2009", "January 2009", "2009"),
        ("fr", "28 janvier 2009", "janvier 2009", "2009"),
        ("es", "28 de enero de 2009", "enero de 2009", "2009"),
        ("ar", "28 كانون الثاني/يناير 2009", "كانون الثاني/يناير 2009", "2009"),
        ("zh-hans", "2009年1月28日", "2009年1月", "2009年"),
        ("ru", "28 января 2009\u00a0г.", "январь 2009\u00a0г.", "2009\u00a0г."),
    ],
)
def test_a_date_shows_as_precise_as_known_in_each_language(language, day, month, year):
    assert format_precise_date(date(2009, 1, 28), DatePrecision.DAY, language=language) == day
    assert format_precise_date(JAN_2009, DatePrecision.MONTH, language=language) == month
    assert format_precise_date(JAN_2009, DatePrecision.YEAR, language=language) == year


def test_russian_since_and_until_take_the_genitive():
    with translation.override("ru"):
        since = format_precise_date(JAN_2009, DatePrecision.MONTH, AFTER_PREPOSITION)
        until = format_precise_date(JUNE_2019, DatePrecision.MONTH, AFTER_PREPOSITION)
        assert translation.gettext("since %(since)s") % {"since": since} == "с января 2009\u00a0г."
        assert translation.gettext("until %(until)s") % {"until": until} == "до июня 2019\u00a0г."
        expected = "январь 2009\u00a0г. – март 2012\u00a0г."
        assert format_date_range(JAN_2009, "month", date(2012, 3, 1), "month") == expected


def visit_in(client, english_url, language):
    """The page in ``language``, through the language switcher of its English version."""
    html = client.get(english_url).content.decode()
    url = re.search(
        rf'<a[^>]+href="([^"]+)"[^>]*hreflang="{language}"|<a[^>]+hreflang="{language}"[^>]*href="([^"]+)"', html
    )
    assert url, english_url
    response = client.get(url.group(1) or url.group(2))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_russian_member_profile_says_since_and_until_in_the_genitive(client):
    member = MemberOrganisation.objects.filter(status="active").first()
    member.joined_on = JAN_2009
    member.save()
    html = visit_in(client, f"/en/members/{member.slug}/", "ru")
    assert "с января 2009\u00a0г." in html and "по настоящее время" not in html

    member.status = "former"
    member.left_on = JUNE_2019
    member.save()
    html = visit_in(client, f"/en/members/{member.slug}/", "ru")
    assert "до июня 2019\u00a0г." in html and "до: " not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, shown, not_shown",
    [
        ("ru", "сентябрь 2000\u00a0г.", "Сентябрь 2000"),
        ("ar", "أيلول/سبتمبر 2000", ">سبتمبر 2000"),
        ("zh-hans", "2000年9月", "九月"),
    ],
)
def test_the_history_timeline_dates_read_right(client, language, shown, not_shown):
    history = HistoryPage.objects.live().get()
    html = visit_in(client, history.get_url(), language)
    assert shown in html
    assert not_shown not in html
