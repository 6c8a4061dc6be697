"""The tracker's listing on the shared pattern (``core.listing``): ``body``, ``country`` (ISO code),
``year``, ``reference`` (explicit or pillar one) and ``page``; the texts per year as a chart and a
table (``untexts.chart``); the same selection as CSV and JSON (``un-texts.csv``, ``un-texts.json``)
and as an Atom feed (``feed/``), in the active language."""

import csv

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from core import generation
from core.exports import neutralise_row
from core.feeds import ListingFeed
from core.listing import CountriesFilter, FacetChoiceFilter, ListingFilterSet, YearFilter
from core.paths import page_address
from members.directory import country_names

from .chart import year_chart
from .models import UNText

OPEN_DATA_COLUMNS = [
    "symbol",
    "body",
    "body_name",
    "date",
    "date_precision",
    "subject",
    "countries",
    "country_names",
    "reference_kind",
    "reference",
    "vote",
    "official_url",
    "sources",
    "date_sources",
    "url",
]


class TextYearFilter(YearFilter):
    """The adoption year; its counts also keep the texts whose date is not known (under None), for
    the chart's table. The options are the years only."""

    def counts(self, queryset):
        counts = super().counts(queryset)
        undated = queryset.filter(date__isnull=True).order_by().count()
        if undated:
            counts[None] = undated
        return counts

    def options(self, counts, selected):
        return super().options({year: n for year, n in counts.items() if year is not None}, selected)


class UNTextFilterSet(ListingFilterSet):
    page_size = 20  # as the other listings

    body = FacetChoiceFilter(field_name="body", choices=UNText.Body.choices, label=_("Body"), note_label=_("body"))
    country = CountriesFilter(
        field_name="countries", choices=country_names, label=pgettext_lazy("label", "Country"), note_label=_("country")
    )
    year = TextYearFilter(
        field_name="date", label=_("Year"), note_label=_("year"), all_label=pgettext_lazy("every year", "All")
    )
    reference = FacetChoiceFilter(
        field_name="reference_kind",
        choices=UNText.Reference.choices,
        label=_("Reference to RtoP"),
        note_label=_("kind of reference"),
        all_label=pgettext_lazy("every kind of reference", "All"),
    )

    class Meta:
        model = UNText
        fields = []

    def display(self, queryset):
        return queryset.newest_first()

    def year_counts(self):
        """{year or None: texts} with every filter but the year (the facet's own cached counts)."""
        return self.facet_counts("year", self.filters["year"])


def listing_context(listing):
    context = listing.context()
    counts = listing.year_counts()
    key = listing.cache_parts("un_text_chart", listing.__class__.__name__)
    selected = listing.values.get("year") if hasattr(listing, "values") else None
    build = lambda: year_chart(counts, selected)  # noqa: E731
    context.update(
        {
            "query": listing,
            "items_page": context["results_page"],
            "items": context["results"],
            "chart": generation.cached(key, build) if key else build(),
            # Called by the template only inside its cached results fragment.
            "untranslated": lambda: untranslated(context["results"]),
        }
    )
    return context


def untranslated(texts):
    """Whether a text of the page shows its subject or paraphrase in English for want of a
    translation (the listing then says so, as translated pages do)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    return any(
        not getattr(text, build_localized_fieldname(field, language), None)
        for text in texts
        for field in ("subject", "reference")
    )


# --- open data -----------------------------------------------------------------------------------


def records(index_page, listing, request):
    """One dict per text of the selection, in the listing's order, in the active language."""
    base = page_address(index_page, request)
    rows = []
    for text in listing.display(listing.filtered()):
        rows.append(
            {
                "symbol": text.symbol,
                "body": text.body,
                "body_name": str(text.get_body_display()),
                "date": text.date_iso,
                "date_precision": text.date_precision if text.date else "",
                "subject": text.subject,
                "countries": [country.code for country in text.countries],
                "country_names": [str(country.name) for country in text.countries],
                "reference_kind": text.reference_kind,
                "reference": text.reference,
                "vote": text.vote,
                "official_url": text.official_url,
                "sources": text.source_list,
                "date_sources": text.date_source_list,
                "url": f"{base}{text.slug}/" if base else "",
            }
        )
    return rows


def texts_csv(index_page, listing, request):
    """Lists (countries, sources) are joined with ``;``; cells a spreadsheet would run are neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="icrtop-un-texts.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(OPEN_DATA_COLUMNS)
    for row in records(index_page, listing, request):
        cells = [";".join(value) if isinstance(value, list) else value for value in row.values()]
        writer.writerow(neutralise_row(cells))
    return response


def texts_json(index_page, listing, request):
    rows = records(index_page, listing, request)
    response = JsonResponse(
        {"columns": OPEN_DATA_COLUMNS, "notes": listing.notes, "count": len(rows), "texts": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class UNTextFeed(ListingFeed):
    """The texts most recently added to the tracker, with the listing's filters."""

    def items(self):
        return list(self.listing.filtered().order_by("-created_at", "-pk")[: self.max_items])

    def item_title(self, item):
        return f"{item.symbol}: {item.subject}"

    def item_link(self, item):
        return self.page.text_url(item, self.request)

    def item_description(self, item):
        return f"{item.get_reference_kind_display()}. {item.reference}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [str(item.get_body_display()), str(item.get_reference_kind_display())]
