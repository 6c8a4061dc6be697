"""Reports → Searches without results: what visitors looked for and did not find, to improve
content or add an editor's pick (Settings → Promoted search results)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import UnansweredSearch


def csv_safe(value):
    """A visitor's text in a spreadsheet cell never starts a formula."""
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def can_see_search_reports(user):
    """Whoever may edit pages (editors, moderators, translators)."""
    return user.is_active and PagePermissionPolicy(Page).user_has_any_permission(user, ["add", "change", "publish"])


class UnansweredSearchesView(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    model = UnansweredSearch
    # Whoever may edit pages may see it (the same people as can_see_search_reports).
    permission_policy = PagePermissionPolicy(Page)
    any_permission_required = ["add", "change", "publish"]
    index_url_name = "unanswered_searches"
    index_results_url_name = "unanswered_searches_results"
    columns = [
        Column("query", label=_("Search")),
        Column("language", label=_("Language")),
        Column("hits", label=_("Times searched")),
        DateColumn("last_seen", label=_("Last searched")),
    ]
    list_export = ["query", "language", "hits", "first_seen", "last_seen"]
    export_headings = {
        "query": _("Search"),
        "language": _("Language"),
        "hits": _("Times searched"),
        "first_seen": _("First searched"),
        "last_seen": _("Last searched"),
    }

    custom_field_preprocess = {"query": {"csv": csv_safe, "xlsx": csv_safe}}

    def get_queryset(self):
        return UnansweredSearch.objects.order_by("-hits", "-last_seen")
