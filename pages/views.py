"""Site search across every page, in every language (wagtail-modeltranslation indexes each
language's copy of the translated search fields)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """A search query a visitor typed, made safe: no control characters, bounded length."""
    cleaned = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def search(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    notes = []
    if raw and query != " ".join(raw.split()):
        notes.append(_("Your search was shortened or had characters removed."))
    results = Page.objects.none()
    if query:
        # parse_query_string understands "quoted phrases" and copes with an unbalanced quote.
        _filters, parsed = parse_query_string(query, operator="and")
        results = Page.objects.live().public().exclude(depth__lte=1).specific().search(parsed)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_number = request.GET.get("page", "1")
    try:
        results_page = paginator.page(page_number)
    except PageNotAnInteger:
        notes.append(_("That results page does not exist; showing the first one."))
        results_page = paginator.page(1)
    except EmptyPage:
        notes.append(_("That results page does not exist; showing the first one."))
        results_page = paginator.page(1)
    return render(
        request,
        "pages/search.html",
        {"query": query, "results": results_page, "paginator": paginator, "notes": notes},
    )
