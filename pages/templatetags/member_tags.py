"""Template tags that read the member records: profile links and the home page's summary line."""

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html

from core import generation
from core.templatetags.design_tags import foreign_attrs, format_list_html
from members.models import MemberOrganisation
from pages.models import MemberDirectoryPage

register = template.Library()


def _directory(context):
    """The live directory page (read once per content generation: the object carries every
    language's slug and URL path)."""
    page = context.get("page")
    if isinstance(page, MemberDirectoryPage):
        return page
    return generation.cached(("member_directory_page",), lambda: MemberDirectoryPage.objects.live().first())


@register.simple_tag(takes_context=True)
def member_directory_url(context):
    """The directory's URL in the active language (computed once per request and language)."""
    request = context.get("request")
    cache = getattr(request, "_member_directory_urls", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._member_directory_urls = cache
    language = translation.get_language()
    if language not in cache:
        directory = _directory(context)
        cache[language] = (directory.get_url(request=request) or "") if directory else ""
    return cache[language]


@register.simple_tag(takes_context=True)
def member_profile_url(context, member):
    base = member_directory_url(context)
    return f"{base}{member.slug}/" if base and member.published else ""


@register.simple_tag(takes_context=True)
def member_links(context, members, *leading):
    """``leading`` texts, then the members' names linked to their profiles (each marked with its own
    language), joined the language's way: "the secretariat, A and B"; "" for no one."""
    names = [format_html("{}", text) for text in leading if text]
    for member in members:
        url = member_profile_url(context, member)
        if url:
            names.append(format_html('<a href="{}"{}>{}</a>', url, foreign_attrs(member.name), member.name))
        else:
            names.append(format_html("<span{}>{}</span>", foreign_attrs(member.name), member.name))
    return format_list_html(names)


@register.inclusion_tag("members/includes/member_stats.html", takes_context=True)
def member_stats(context):
    """“N member organisations in M regions”, linking to the directory (one aggregate query per
    content generation)."""
    summary = generation.cached(("member_stats",), MemberOrganisation.objects.directory_summary)
    return {"members": summary["members"], "regions": summary["regions"], "url": member_directory_url(context)}


@register.inclusion_tag("members/includes/coalition_numbers.html", takes_context=True)
def coalition_numbers(context):
    """The home page's figures (real records only, one aggregate query), linking to the directory.

    Read once per content generation and day: the steering committee's size depends on today's date
    (a term ends on its last day), the rest only on the member records, whose changes bump the
    generation."""
    numbers = generation.cached(
        ("coalition_numbers", timezone.localdate().isoformat()), MemberOrganisation.objects.coalition_numbers
    )
    return {"numbers": {**numbers, "as_of": timezone.localdate()}, "url": member_directory_url(context)}
