"""Template tags shared by every app: dates as precise as known, and the registered page sections."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

from core import generation
from core.dates import format_date_range, format_precise_date, iso_precise_date
from core.sections import render_sections

register = template.Library()


@register.simple_tag
def precise_date(value, precision="day", form=None):
    """``<time datetime="2005-09">September 2005</time>``: never more precise than ``precision``.
    ``form="after_preposition"`` for a date that follows "since"/"until" (Russian genitive)."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        iso_precise_date(value, precision),
        format_precise_date(value, precision, form),
    )


@register.simple_tag
def precise_date_range(start, end, precision="day"):
    """A period, both ends as precise as ``precision``: two ``<time>`` elements joined by a dash, or
    one range where the language writes it as one (Chinese "2005年9月14日至16日")."""
    text = format_date_range(start, precision, end, precision)
    last = format_precise_date(end, precision)
    if start and end and text.endswith(last) and text != last:
        # "14–16 September 2005": the start's part and the end, each its own <time>.
        head = text[: -len(last)]
        first = head.rstrip(" –至")
        for joiner in (" a", " y", " et"):  # Spanish "14 a 16 de septiembre", "3 y 4 de marzo"; « 3 et 4 mars »
            first = first.removesuffix(joiner)
        return format_html(
            '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
            iso_precise_date(start, precision),
            first,
            head[len(first) :],
            iso_precise_date(end, precision),
            last,
        )
    return format_html('<time datetime="{}">{}</time>', iso_precise_date(start or end, precision), text)


# Chinese writes no space between words, nor after its full-width punctuation (。：，）).
NO_SPACE_LANGUAGES = ("zh-hans",)


@register.simple_tag
def word_space():
    """The space between two phrases or sentences written apart: none in Chinese ("…时发送。一键即可退订。",
    "您的姓名（必填）")."""
    return "" if translation.get_language() in NO_SPACE_LANGUAGES else " "


@register.simple_tag
def label_for(label):
    """ "Label: " before a value, the language's way: French "Label : " (a no-break space before the
    colon), Chinese "标签：" (a full-width colon, no space after it)."""
    text = translation.pgettext("a label before a value", "%(label)s:") % {"label": label}
    return text if translation.get_language() in NO_SPACE_LANGUAGES else f"{text} "


@register.simple_tag(takes_context=True)
def page_sections(context, slot, obj=None):
    """The sections other apps registered for ``slot`` (``home``, ``member_profile``), rendered."""
    return render_sections(slot, context.get("request"), obj, context)


class GenerationCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a preview shows a draft: never stored, never read
        parts = [str(value.resolve(context)) for value in self.vary_on]
        key = ("fragment", self.name, translation.get_language(), request.get_host(), *parts)
        return generation.cached(
            key,
            lambda: self.nodelist.render(context),
            timeout=getattr(settings, "SITECACHE_PAGE_TIMEOUT", 600),
        )


@register.tag
def generation_cache(parser, token):
    """``{% generation_cache "name" var ... %}…{% endgeneration_cache %}``: the enclosed HTML, cached
    per content generation (any published change makes it fresh at once, ``core.generation``), the
    active language, the host and the given values, for as long as a page is cached (what depends on
    the clock alone, such as the next events, is bounded by that). Never in a preview. Only for
    what is the same for every visitor: no form token, no signed-in user."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("generation_cache needs a fragment name")
    nodelist = parser.parse(("endgeneration_cache",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return GenerationCacheNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
