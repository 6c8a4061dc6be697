"""The crises and news listings on the shared pattern (``core.listing``) and their Atom feeds
(``core.feeds``).

Crises: ``level``, ``region``, ``country`` (ISO code), ``status``, ``page``. News: ``type`` (kind),
``topic``, ``region`` (of a related crisis), ``crisis``, ``year``, ``page``."""

from django.db.models import Case, Prefetch, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.dates import DatePrecision
from core.feeds import ListingFeed
from core.listing import CountriesFilter, FacetChoiceFilter, ListingFilterSet, TaxonomyFilter, YearFilter
from core.models import Topic
from members.directory import country_names
from members.models import MemberOrganisation, Region

from .models import ArticlePage, CrisisLevel, CrisisPage


class CrisisFilterSet(ListingFilterSet):
    page_size = 24

    level = TaxonomyFilter(CrisisLevel.objects.all(), field_name="level", label=_("Level"), note_label=_("level"))
    region = TaxonomyFilter(
        Region.objects.all(),
        field_name="region",
        label=_("Region"),
        note_label=_("region"),
        all_label=pgettext_lazy("every region", "All"),
    )
    country = CountriesFilter(
        field_name="countries", choices=country_names, label=pgettext_lazy("label", "Country"), note_label=_("country")
    )
    status = FacetChoiceFilter(
        field_name="status",
        # Not "Current"/"Past" as the levels' names may be: the two filters must read differently.
        choices=[
            (CrisisPage.Status.CURRENT, _("Ongoing situations")),
            (CrisisPage.Status.PAST, _("Archived situations")),
        ],
        label=_("Status"),
        note_label=_("status"),
    )

    class Meta:
        model = CrisisPage
        fields = []

    def display(self, queryset):
        """Current crises first, then by title; with what a summary shows."""
        current_first = Case(When(status=CrisisPage.Status.CURRENT, then=Value(0)), default=Value(1))
        return (
            queryset.annotate(current_first=current_first)
            .order_by("current_first", "title", "pk")
            .select_related("region", "image", "level")
        )


class NewsFilterSet(ListingFilterSet):
    page_size = 20

    type = FacetChoiceFilter(field_name="kind", choices=ArticlePage.Kind.choices, label=_("Type"), note_label=_("type"))
    topic = TaxonomyFilter(Topic.objects.all(), field_name="topics", label=_("Topic"), note_label=_("topic"))
    region = TaxonomyFilter(
        Region.objects.all(),
        field_name="related_crises__region",
        label=_("Region"),
        note_label=_("region"),
        all_label=pgettext_lazy("every region", "All"),
    )
    crisis = TaxonomyFilter(
        CrisisPage.objects.live().public().order_by("title"),
        field_name="related_crises",
        label=_("Crisis"),
        note_label=_("crisis"),
        all_label=pgettext_lazy("every crisis", "All"),
        label_attr="title",
    )
    year = YearFilter(
        field_name="date", label=_("Year"), note_label=_("year"), all_label=pgettext_lazy("every year", "All")
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filtered(self, without=None):
        # Two joins through related crises (region and crisis) could repeat a row: keep each once.
        queryset = super().filtered(without=without)
        if any(name in self.values for name in ("region", "crisis") if name != without):
            queryset = ArticlePage.objects.filter(pk__in=queryset.values("pk"))
        return queryset

    def display(self, queryset):
        return (
            queryset.order_by("-date", "-pk")
            .select_related("image")
            .prefetch_related(Prefetch("authors", queryset=MemberOrganisation.objects.order_by("sort_key")))
        )


def listing_context(index_page, listing):
    context = listing.context()
    context.update({"query": listing, "items_page": context["results_page"], "items": context["results"]})
    return context


class CrisisFeed(ListingFeed):
    def item_description(self, item):
        return item.summary

    def item_categories(self, item):
        return [item.get_status_display()]


class NewsFeed(ListingFeed):
    def item_date(self, item):
        return (item.date, DatePrecision.DAY)

    def item_description(self, item):
        return item.teaser

    def item_categories(self, item):
        return [item.get_kind_display()]

    def item_author_name(self, item):
        authors = [member.name for member in item.authors.all()]
        return ", ".join(authors) if authors else None
