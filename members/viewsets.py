"""The member records in the Wagtail admin: member organisations, regions and sectors. The "Coalition"
menu group that holds them is assembled in ``pages/wagtail_hooks.py`` (it also holds the offices)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.exports import PersonalDataExportMixin
from core.viewsets import OrderedTaxonomyViewSet

from .data import COLUMNS, STAFF_ONLY, export_value
from .models import STAFF_ONLY_PERMISSION, MemberOrganisation, Region, Sector


class MemberFilterSet(WagtailFilterSet):
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    sectors = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    on_steering_committee = django_filters.BooleanFilter(label=_("On the steering committee"))

    class Meta:
        model = MemberOrganisation
        fields = [
            "region",
            "sectors",
            "membership_type",
            "status",
            "location_shown",
            "on_steering_committee",
            "published",
            "is_sample",
        ]


class SectorsColumn(Column):
    def get_value(self, instance):
        return ", ".join(sector.name for sector in instance.sectors.all())


class MemberIndexView(PersonalDataExportMixin, IndexView):
    """The export holds staff-only contact e-mails: each download is recorded in the audit trail, and
    staff who may not see them (translators) get the export without the staff-only columns."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not request.user.has_perm(STAFF_ONLY_PERMISSION):
            self.list_export = [column for column in self.list_export if column not in STAFF_ONLY]

    def to_row_dict(self, item):
        """Cells as the import file holds them (slugs, ISO codes, yes/no, ISO dates)."""
        return {column: export_value(item, column) for column in self.list_export}


class MemberOrganisationViewSet(SnippetViewSet):
    model = MemberOrganisation
    icon = "group"
    menu_label = _("Members")
    menu_order = 100
    list_display = [
        "name",
        "country",
        "region",
        SectorsColumn("sectors", label=_("Sectors")),
        "membership_type",
        "status",
        BooleanColumn("on_steering_committee", label=_("Committee"), sort_key="on_steering_committee"),
        BooleanColumn("published", label=_("Published"), sort_key="published"),
    ]
    filterset_class = MemberFilterSet
    # Plain database search (no index to keep in step, and bulk-created samples are found too).
    search_backend_name = None
    search_fields = ["name", "acronym", "slug", "city", "search_text"]  # search_text: without accents
    list_per_page = 50
    ordering = ["sort_key", "name"]
    # The export has the import file's columns (docs/members.md, "Open data"), so it imports back as it is.
    index_view_class = MemberIndexView
    list_export = list(COLUMNS)
    export_headings = {column: column for column in COLUMNS}
    export_filename = "icrtop-members"

    def get_queryset(self, request):
        return MemberOrganisation.objects.select_related("region").prefetch_related("sectors")


class RegionViewSet(OrderedTaxonomyViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    menu_order = 200


class SectorViewSet(OrderedTaxonomyViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    menu_order = 300
