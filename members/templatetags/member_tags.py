"""Template tags that read the member records: profile links and the home page's summary line."""

from django import template

from members.models import MemberDirectoryPage, MemberOrganisation

register = template.Library()


def _directory(context):
    """The live directory page (looked up once per request)."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, MemberDirectoryPage):
        return page
    cache = getattr(request, "_member_directory", None) if request is not None else None
    if cache is None:
        cache = [MemberDirectoryPage.objects.live().first()]
        if request is not None:
            request._member_directory = cache
    return cache[0]


@register.simple_tag(takes_context=True)
def member_directory_url(context):
    directory = _directory(context)
    return directory.get_url(request=context.get("request")) if directory else ""


@register.simple_tag(takes_context=True)
def member_profile_url(context, member):
    base = member_directory_url(context)
    return f"{base}{member.slug}/" if base and member.published else ""


@register.inclusion_tag("members/includes/member_stats.html", takes_context=True)
def member_stats(context):
    """“N member organisations in M regions”, linking to the directory (one aggregate query)."""
    summary = MemberOrganisation.objects.directory_summary()
    return {"members": summary["members"], "regions": summary["regions"], "url": member_directory_url(context)}
