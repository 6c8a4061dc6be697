"""Dates in running text, right in every language."""

from django import template
from django.utils import formats, translation

register = template.Library()

# Languages whose "since <month>" needs the month in the genitive: Russian "с января 2009 г.", not
# "с Январь 2009 г.". Django's "E" format gives that form.
GENITIVE_MONTH_LANGUAGES = {"ru"}


@register.filter
def since_month(value):
    """A month and year to follow "since" (``{% blocktranslate %}since {{ since }}{% endblocktranslate %}``)."""
    if not value:
        return ""
    fmt = formats.get_format("YEAR_MONTH_FORMAT")
    if translation.get_language() in GENITIVE_MONTH_LANGUAGES:
        fmt = fmt.replace("F", "E")
    return formats.date_format(value, fmt)
