"""What the tracker adds to pages it does not own (``core.sections``): a crisis page lists the UN texts
on its countries, and the crises listing filtered on a country links to that country's texts."""

from core import generation
from core.sections import register_section

from .models import UNText, UNTextIndexPage

CRISIS_TEXTS = 20


def tracker():
    """The live tracker page (once per content generation: it carries every language's slug)."""
    return generation.cached(("un_text_tracker",), lambda: UNTextIndexPage.objects.live().public().first())


@register_section("crisis", order=30)
def crisis_texts(request, crisis):
    """The newest texts on the crisis's countries (the section's HTML is cached per generation)."""
    codes = [country.code for country in getattr(crisis, "countries", None) or []]
    index = tracker()
    if not codes or index is None:
        return None
    on_countries = UNText.objects.public().on_countries(codes)
    texts = list(on_countries.newest_first()[:CRISIS_TEXTS])
    if not texts:
        return None
    return "untexts/includes/crisis_un_texts.html", {
        "texts": texts,
        "total": on_countries.count() if len(texts) == CRISIS_TEXTS else len(texts),
        "index": index,
        "countries": [(country.code, country.name) for country in crisis.countries],
    }


@register_section("crises_listing", order=30)
def country_texts(request, listing):
    """On ``/crises/?country=XX``: a link to the tracker filtered on that country, with the count."""
    code = getattr(listing, "values", {}).get("country")
    index = tracker()
    if not code or index is None:
        return None
    on_country = UNText.objects.public().on_countries([code])
    count = generation.cached(("un_texts_on_country", code), on_country.count)
    if not count:
        return None
    return "untexts/includes/country_un_texts.html", {"index": index, "code": code, "count": count}


@register_section("rtop_explainer", order=30)
@register_section("resources_listing", order=30)
def tracker_link(request, obj):
    """On the RtoP explainer and the resources listing: a link to the tracker with its count."""
    index = tracker()
    if index is None:
        return None
    count = generation.cached(("un_texts_count",), lambda: UNText.objects.public().count())
    return "untexts/includes/tracker_link.html", {"index": index, "count": count}
