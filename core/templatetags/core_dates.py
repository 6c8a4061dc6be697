"""Dates in running text, right in every language (all through ``core.dates``, on Babel/CLDR)."""

from django import template

from core.dates import AFTER_PREPOSITION, DatePrecision, format_date_range, format_precise_date

register = template.Library()


@register.filter
def since_month(value):
    """A month and year to follow "since" (``{% blocktranslate %}since {{ since }}{% endblocktranslate %}``):
    Russian "января 2009 г." for "с января 2009 г."."""
    return format_precise_date(value, DatePrecision.MONTH, AFTER_PREPOSITION)


@register.filter
def until_month(value):
    """A month and year to follow "until": Russian "июня 2019 г." for "до июня 2019 г."."""
    return format_precise_date(value, DatePrecision.MONTH, AFTER_PREPOSITION)


@register.filter
def month_date(value):
    """A month and year on its own ("June 2019", "июнь 2019 г.", "2019年6月")."""
    return format_precise_date(value, DatePrecision.MONTH)


@register.filter
def day_date(value):
    """A day on its own ("28 January 2009", "28 كانون الثاني/يناير 2009")."""
    return format_precise_date(value, DatePrecision.DAY)


@register.simple_tag
def month_range(start, end):
    """ "January 2009 – March 2012" (both ends as months)."""
    return format_date_range(start, DatePrecision.MONTH, end, DatePrecision.MONTH)
