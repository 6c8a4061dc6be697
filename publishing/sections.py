"""What publishing adds to pages it does not own (``core.sections``): the home page's latest news and
statements and current crises (featured items chosen by editors first, then the newest), and a member
profile's signed statements, the crises it works on and the current crises on its country and region."""

from django.db.models import Prefetch

from core import generation
from core.sections import register_section
from members.models import MemberOrganisation

from .models import ArticlePage, CrisisIndexPage, CrisisPage, NewsIndexPage

HOME_NEWS = 4
HOME_CRISES = 4
PROFILE_ITEMS = 10


def featured(home, model, related=("image",)):
    """The live pages of ``model`` an editor featured on the home page, in their order, with the
    ``related`` rows their cards show (the picture)."""
    items = getattr(home, "featured_items", None)
    if items is None:
        return []
    ids = [item.page_id for item in items.all()]
    found = {page.pk: page for page in model.objects.live().public().filter(pk__in=ids).select_related(*related)}
    return [found[pk] for pk in ids if pk in found]


def chosen(home, queryset, model, limit, related=("image",)):
    """Featured items first, then the newest others, ``limit`` in all."""
    picked = featured(home, model, related)[:limit]
    rest = list(queryset.exclude(pk__in=[page.pk for page in picked])[: max(0, limit - len(picked))])
    return picked + rest


def cached_for_home(request, home, name, load):
    """``load()`` once per content generation (the pages carry every language's columns); a preview
    of the home page (its featured items may be a draft's) is never cached."""
    if getattr(request, "is_preview", False) or not getattr(home, "pk", None):
        return load()
    return generation.cached((name, home.pk), load)


@register_section("home", order=10)
def home_news(request, home):
    def load():
        latest = (
            ArticlePage.objects.live()
            .public()
            .order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related(Prefetch("authors", queryset=MemberOrganisation.objects.order_by("sort_key")))
        )
        return {
            "articles": chosen(home, latest, ArticlePage, HOME_NEWS),
            "index": NewsIndexPage.objects.live().first(),
        }

    return "publishing/includes/home_news.html", cached_for_home(request, home, "home_news", load)


@register_section("home", order=20)
def home_crises(request, home):
    def load():
        current = CrisisPage.objects.live().public().filter(status=CrisisPage.Status.CURRENT).order_by("title")
        return {
            "crises": chosen(
                home,
                current.select_related("region", "image", "level"),
                CrisisPage,
                HOME_CRISES,
                related=("region", "image", "level"),
            ),
            "index": CrisisIndexPage.objects.live().first(),
        }

    return "publishing/includes/home_crises.html", cached_for_home(request, home, "home_crises", load)


def member_publishing(member):
    """What the data links to a member: the statements it signed, the crises it works on, and the
    current crises on its country (only when it is shown by country) and in its region, each crisis
    once. Read once per content generation (the pages carry every language's columns; a page or
    member change bumps the generation)."""

    def load():
        live = ArticlePage.objects.live().public()
        signed = live.filter(signatories__member=member).order_by("-date", "-pk")[:PROFILE_ITEMS]
        crises = CrisisPage.objects.live().public().select_related("level", "region").order_by("title")
        works_on = list(crises.filter(members=member))
        shown = {crisis.pk for crisis in works_on}
        current = crises.filter(status=CrisisPage.Status.CURRENT).exclude(pk__in=shown)
        in_country = []
        if member.public_country:
            in_country = list(current.filter(countries__contains=member.public_country.code)[:PROFILE_ITEMS])
            shown |= {crisis.pk for crisis in in_country}
        in_region = list(current.filter(region_id=member.region_id).exclude(pk__in=shown)[:PROFILE_ITEMS])
        return {"signed": list(signed), "crises": works_on, "in_country": in_country, "in_region": in_region}

    # Its own key: an entry cached by an earlier version (statements and crises only) is never read.
    return generation.cached(("member_profile_links", member.pk), load) if member.pk else load()


@register_section("member_profile", order=10)
def member_statements(request, member):
    """The statements the member signed and the crises it works on (the profile's reading column)."""
    found = member_publishing(member)
    return "publishing/includes/member_publishing.html", {
        "member": member,
        "signed": found["signed"],
        "crises": found["crises"],
    }


@register_section("member_profile_aside", order=10)
def member_nearby_crises(request, member):
    """The current crises on the member's country and in its region (the profile's aside)."""
    found = member_publishing(member)
    if not found["in_country"] and not found["in_region"]:
        return None
    return "publishing/includes/member_nearby_crises.html", {
        "member": member,
        "in_country": found["in_country"],
        "in_region": found["in_region"],
        "index": CrisisIndexPage.objects.live().first(),
    }
