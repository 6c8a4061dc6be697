"""Admin hooks of the site search: the "searches without results" report and the synonyms list."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import UnansweredSearchesView, can_see_search_reports
from .models import SearchSynonym


@hooks.register("register_admin_urls")
def register_unanswered_searches_url():
    return [
        path("reports/searches-without-results/", UnansweredSearchesView.as_view(), name="unanswered_searches"),
        path(
            "reports/searches-without-results/results/",
            UnansweredSearchesView.as_view(results_only=True),
            name="unanswered_searches_results",
        ),
    ]


class UnansweredSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_search_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return UnansweredSearchesMenuItem(
        _("Searches without results"),
        reverse("unanswered_searches"),
        name="searches-without-results",
        icon_name="search",
        order=660,
    )


class SearchSynonymViewSet(SnippetViewSet):
    """Snippets > Search synonyms: what visitors type, and the site's wording it is searched as."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["term", "replacement", "language"]
    list_filter = ["language"]


register_snippet(SearchSynonymViewSet)
