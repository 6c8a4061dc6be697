"""/<lang>/search/: the site search results page. Every parameter is a GET parameter (q, kind,
page), so a results page can be shared and bookmarked and works without JavaScript."""

import contextlib
import math
from urllib.parse import urlencode

from django.db import DatabaseError, connections, transaction
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query as PromotionQuery
from wagtail.contrib.search_promotions.models import QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core import generation
from core.paths import redirect_without_empty_parameters

from . import engine, registry, text
from .models import UnansweredSearch
from .trails import trails

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
    """Promoted results for the query (Wagtail search promotions), live public pages and links.

    Read once per content generation, query and language (a promotion, a page or a view restriction
    that changes bumps the generation; the titles and addresses are the active language's)."""
    key = normalise_query_string(query)
    if not key:
        return []
    return generation.cached(("editors_picks", get_language(), key), lambda: load_editors_picks(key))


def load_editors_picks(key):
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
    key = normalise_query_string(normalise_query_string(query)[:200])
    if not key:
        return
    connection = connections[PromotionQuery.objects.db]
    # Inside a transaction (ATOMIC_REQUESTS, tests) a savepoint keeps a failed write from breaking
    # it; otherwise each statement below is its own transaction.
    guard = transaction.atomic if connection.in_atomic_block else contextlib.nullcontext
    try:
        with guard():
            if connection.vendor in UPSERT_VENDORS:
                count_with_upserts(connection, key, language, found)
            else:
                PromotionQuery.get(key).add_hit()
                if not found:
                    entry, _created = UnansweredSearch.objects.get_or_create(query=key, language=language)
                    UnansweredSearch.objects.filter(pk=entry.pk).update(hits=F("hits") + 1)
    except DatabaseError:
        pass


# Databases whose INSERT … ON CONFLICT … DO UPDATE counts a search in one statement per counter.
UPSERT_VENDORS = {"postgresql", "sqlite"}


def count_with_upserts(connection, key, language, found):
    """The same rows and numbers as ``Query.get(key).add_hit()`` (and the unanswered-search count),
    with atomic upserts instead of reads then writes: two statements for a search (three when it
    found nothing) instead of five, and two concurrent first searches of a term cannot collide on the
    unique constraints."""
    quote = connection.ops.quote_name
    queries = quote(PromotionQuery._meta.db_table)
    daily = quote(QueryDailyHits._meta.db_table)
    unanswered = quote(UnansweredSearch._meta.db_table)
    today = connection.ops.adapt_datefield_value(timezone.now().date())
    # Only the tables' own names (from the models, quoted) are formatted into the SQL; every value
    # is a parameter.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {queries} (query_string) VALUES (%s) ON CONFLICT (query_string) DO NOTHING",  # noqa: S608  # nosec B608
            [key],
        )
        cursor.execute(
            f"INSERT INTO {daily} (query_id, date, hits) SELECT id, %s, 1 FROM {queries} "  # noqa: S608  # nosec B608
            f"WHERE query_string = %s ON CONFLICT (query_id, date) DO UPDATE SET hits = {daily}.hits + 1",
            [today, key],
        )
        if not found:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            cursor.execute(
                f"INSERT INTO {unanswered} (query, language, hits, first_seen, last_seen) "  # noqa: S608  # nosec B608
                "VALUES (%s, %s, 1, %s, %s) ON CONFLICT (query, language) "
                f"DO UPDATE SET hits = {unanswered}.hits + 1, last_seen = excluded.last_seen",
                [key, language, now, now],
            )


def search(request):
    clean = redirect_without_empty_parameters(request)  # "?q=&kind=": the same search, clean address
    if clean is not None:
        return clean
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
        log_search(cleaned, language, results.total or picks)
    facets = [
        {
            "key": k.key,
            "label": k.label,
            "count": results.counts.get(k.key, 0),
            "url": link(cleaned, k.key),
            "current": k.key == kind,
        }
        for k in registry.kinds()
        if results.counts.get(k.key) or k.key == kind
    ]
    found_trails = trails(results.documents, request)
    for document in results.documents:
        document.kind_label = registry.kind_label_one(document.kind)
        document.trail = found_trails.get(document.url, [])
    context = {
        "query": cleaned,  # what the visitor typed (synonyms are applied to the search, not shown)
        "kind": kind,
        "kind_label": registry.kind_label(kind) if kind else "",
        "results": results.documents,
        "total": results.total,
        "count": results.count,
        "facets": facets,
        "all_url": link(cleaned),
        "picks": picks,
        "suggestion": suggestion,
        "suggestion_url": link(suggestion) if suggestion else "",
        "notes": notes,
        "page_number": number,
        "num_pages": num_pages,
        "start_index": (number - 1) * RESULTS_PER_PAGE + 1,
        "previous_url": link(cleaned, kind, number - 1) if number > 1 else "",
        "next_url": link(cleaned, kind, number + 1) if number < num_pages else "",
        "empty_links": registry.empty_result_links() if query and not results.total else [],
    }
    return render(request, "sitesearch/search.html", context)
