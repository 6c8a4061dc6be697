from django import template
from django.db.models import Q
from django.utils import translation

from core import generation
from offices.structured_data import json_ld_script
from resources.models import ResourcePage
from resources.structured_data import resource_data

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_json_ld(context, resource):
    return json_ld_script(resource_data(resource, context.get("request")))


def symbol_parts(symbol):
    """A joint symbol ("A/65/877–S/2011/393") and each of its parts."""
    symbol = (symbol or "").strip()
    parts = {symbol} if symbol else set()
    for separator in ("–", "—"):
        if separator in symbol:
            parts.update(part.strip() for part in symbol.split(separator) if part.strip())
    return parts


@register.simple_tag(takes_context=True)
def resources_by_symbol(context, items, attribute="document_symbol"):
    """{symbol: resource page URL} for the UN symbols named by ``items`` (e.g. the history timeline's
    events), in one query: the timeline links each symbol to its page in the resources library."""
    wanted = {getattr(item, attribute, "") for item in items} - {""}
    if not wanted:
        return {}
    request = context.get("request")

    def load():
        found = {}
        matching = Q(symbol__in=wanted)
        for symbol in wanted:
            matching |= Q(symbol__contains=symbol)
        for resource in ResourcePage.objects.live().public().filter(matching).order_by("path"):
            for part in symbol_parts(resource.symbol):
                if part in wanted and part not in found:
                    found[part] = resource.get_url(request)
        return found

    # Read once per content generation (a resource or page change bumps it), per set of symbols and
    # per language and host (the addresses are the resource pages' in the active language, relative
    # to the request's site).
    host = request.get_host() if request is not None else ""
    return generation.cached(("resources_by_symbol", translation.get_language(), host, *sorted(wanted)), load)


@register.simple_tag
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def related_resources(resource, count=4):
    """Other documents of the same type in the library, newest first (a resource page's "More" box), read
    once per content generation."""
    pk = getattr(resource, "pk", None)

    def load():
        same_type = ResourcePage.objects.live().public().filter(resource_type=resource.resource_type).exclude(pk=pk)
        return list(same_type.order_by("-date", "-pk")[:count])

    return generation.cached(("related_resources", pk, resource.resource_type, count), load)
