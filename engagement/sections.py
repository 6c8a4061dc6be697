"""The "follow by e-mail" boxes engagement adds to pages it does not own (``core.sections``): on a crisis
page (the crisis, in its aside), and on the crises, UN texts and news listings when they are filtered
on a country or a topic. Each is a link to the sign-up page (``engagement.follow``) carrying only what
is followed: the pages stay cacheable (no form token, nothing about the visitor), and the address is
asked on the sign-up page (not cached, a POST with its form token), never put in a URL."""

from django.urls import reverse

from core.sections import register_section

from .follow import target_from_params

TEMPLATE = "engagement/includes/follow_box.html"


def box(kind, value, place=""):
    target = target_from_params({kind: value})
    if target is None:
        return None
    return TEMPLATE, {
        "target": target,
        "action": reverse("follow"),
        "place": place,
        "place_suffix": f"-{place}" if place else "",
    }


def follow_crisis(crisis, place=""):
    """A live crisis the coalition still follows: a past one (its level "past", the page a record) offers
    no alerts to sign up for."""
    if not getattr(crisis, "live", False) or crisis.status == crisis.Status.PAST:
        return None
    return box("crisis", str(crisis.pk), place)


@register_section("crisis_aside", order=90)
def follow_crisis_beside(request, crisis):
    return follow_crisis(crisis)


@register_section("crisis_facts", order=90)
def follow_crisis_early(request, crisis):
    """The same box right after the crisis's facts, which a phone shows instead of the aside's (read
    after the whole page there); the stylesheet shows one of the two."""
    return follow_crisis(crisis, place="early")


def follow_filtered(listing, name, kind):
    value = getattr(listing, "values", {}).get(name)
    if value is None:
        return None
    return box(kind, getattr(value, "slug", value))


@register_section("crises_listing", order=90)
def follow_country_of_crises(request, listing):
    return follow_filtered(listing, "country", "country")


@register_section("un_texts_listing", order=90)
def follow_country_of_texts(request, listing):
    return follow_filtered(listing, "country", "country")


@register_section("news_listing", order=90)
def follow_topic(request, listing):
    return follow_filtered(listing, "topic", "topic")
