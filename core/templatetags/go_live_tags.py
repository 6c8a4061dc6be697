"""``{% scheduled_go_live_text obj user %}``: when ``obj`` goes live, for the approval mail (``core.go_live``)."""

from django import template

from core.go_live import format_go_live, reader_time_zone, scheduled_go_live

register = template.Library()


@register.simple_tag
def scheduled_go_live_text(obj, user=None):
    when = scheduled_go_live(obj)
    return format_go_live(when, reader_time_zone(user)) if when else ""
