"""/<lang>/search/: the site search results page. Every parameter is a GET parameter (q, kind,
page), so a results page can be shared and bookmarked and works without JavaScript."""

import math
from urllib.parse import urlencode

from django.db import DatabaseError, transaction
from django.db.models import F
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query as PromotionQuery
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from . import engine, registry, text
from .models import UnansweredSearch

RESULTS_PER_PAGE = 10
MAX_PAGE = 1000


def page_number(raw, notes):
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError, OverflowError):
        number = 0
    if number < 1 or number > MAX_PAGE:
        notes.append(_("That results page does not exist; showing the first one."))
        return 1
    return number


def link(query, kind="", page=1):
    params = {"q": query}
    if kind:
        params["kind"] = kind
    if page > 1:
        params["page"] = page
    return "?" + urlencode(params)


def editors_picks(query):
    """Promoted results for the query (Wagtail search promotions), live public pages and links."""
    key = normalise_query_string(query)
    if not key:
        return []
    picks = []
    promotions = SearchPromotion.objects.filter(query__query_string=key).select_related("page")
    public_pages = set(
        Page.objects.live().public().filter(searchpromotion__query__query_string=key).values_list("pk", flat=True)
    )
    for promotion in promotions.order_by("sort_order"):
        if promotion.page_id:
            if promotion.page_id not in public_pages:
                continue
            page = promotion.page
            url = page.get_url()
            if url:
                picks.append({"title": page.title, "url": url, "description": promotion.description})
        elif promotion.external_link_url:
            picks.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return picks


def log_search(query, language, found):
    """Count the search (Wagtail's search terms report) and, when it found nothing, in the
    "searches without results" report. A failure to log never fails the search."""
    key = normalise_query_string(query)[:200]
    if not key:
        return
    try:
        with transaction.atomic():
            PromotionQuery.get(key).add_hit()
            if not found:
                entry, _created = UnansweredSearch.objects.get_or_create(query=key, language=language)
                UnansweredSearch.objects.filter(pk=entry.pk).update(hits=F("hits") + 1)
    except DatabaseError:
        pass


def search(request):
    language = get_language()
    notes = []
    raw = request.GET.get("q", "")
    cleaned = text.clean_query(raw)
    if raw and cleaned != " ".join(raw.split()):
        notes.append(_("Your search was shortened or had characters removed."))
    kind = request.GET.get("kind", "")
    known_kinds = {k.key for k in registry.kinds()}
    if kind and kind not in known_kinds:
        notes.append(_("That kind of result does not exist; showing every kind."))
        kind = ""
    number = page_number(request.GET.get("page"), notes)
    query = engine.Query(cleaned, language, kind)
    results = engine.search(query, (number - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE)
    num_pages = max(1, math.ceil(results.count / RESULTS_PER_PAGE))
    if number > num_pages:
        if query:
            notes.append(_("That results page does not exist; showing the first one."))
        number = 1
        results = engine.search(query, 0, RESULTS_PER_PAGE)
    picks = editors_picks(query.raw) if query and number == 1 and not kind else []
    suggestion = ""
    if query and not results.total:
        suggestion = engine.suggestion(query)
    if query and request.GET.get("page") in (None, "", "1"):
        log_search(query.raw, language, results.total or picks)
    facets = [
        {
            "key": k.key,
            "label": k.label,
            "count": results.counts.get(k.key, 0),
            "url": link(query.raw, k.key),
            "current": k.key == kind,
        }
        for k in registry.kinds()
        if results.counts.get(k.key) or k.key == kind
    ]
    for document in results.documents:
        document.kind_label = registry.kind_label(document.kind)
    context = {
        "query": query.raw,
        "kind": kind,
        "kind_label": registry.kind_label(kind) if kind else "",
        "results": results.documents,
        "total": results.total,
        "count": results.count,
        "facets": facets,
        "all_url": link(query.raw),
        "picks": picks,
        "suggestion": suggestion,
        "suggestion_url": link(suggestion) if suggestion else "",
        "notes": notes,
        "page_number": number,
        "num_pages": num_pages,
        "start_index": (number - 1) * RESULTS_PER_PAGE + 1,
        "previous_url": link(query.raw, kind, number - 1) if number > 1 else "",
        "next_url": link(query.raw, kind, number + 1) if number < num_pages else "",
        "empty_links": registry.empty_result_links() if query and not results.total else [],
    }
    return render(request, "sitesearch/search.html", context)
