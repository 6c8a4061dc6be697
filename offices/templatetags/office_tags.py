"""Template tags for showing offices: the time-zone line and the coalition's JSON-LD."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from offices.links import site_home_url
from offices.models import public_offices
from offices.structured_data import json_ld_script, organization

register = template.Library()


@register.simple_tag
def office_time_zone(office):
    """ "Time zone: Eastern Time (UTC−05:00)" in the active language; the offset is computed now, so it
    follows daylight saving time."""
    return format_html(
        gettext("Time zone: {zone} ({offset})"),
        zone=office.time_zone_name,
        offset=format_html('<span dir="ltr">{}</span>', office.utc_offset),
    )


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    """``<script type="application/ld+json">`` describing the coalition and its published offices."""
    request = context.get("request")
    url = site_home_url(request) if request is not None else None
    return json_ld_script(organization(public_offices(request), url=url))
