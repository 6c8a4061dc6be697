"""Template tags shared by every app: dates as precise as known, and the registered page sections."""

from django import template
from django.utils.html import format_html

from core.dates import format_precise_date, iso_precise_date
from core.sections import render_sections

register = template.Library()


@register.simple_tag
def precise_date(value, precision="day"):
    """``<time datetime="2005-09">September 2005</time>``: never more precise than ``precision``."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', iso_precise_date(value, precision), format_precise_date(value, precision)
    )


@register.simple_tag(takes_context=True)
def page_sections(context, slot, obj=None):
    """The sections other apps registered for ``slot`` (``home``, ``member_profile``), rendered."""
    return render_sections(slot, context.get("request"), obj, context)
