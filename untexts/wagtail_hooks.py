"""Admin hooks of the tracker: the UN texts, under their own menu item, for staff to complete the list
(the staff-only checks are filterable, so what is still unchecked is easy to find)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import UNText


class UNTextViewSet(SnippetViewSet):
    model = UNText
    icon = "doc-full"
    menu_label = _("UN texts on RtoP")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["symbol", "subject", "body", "date", "reference_kind", "verified"]
    list_filter = ["body", "reference_kind", "verified"]
    search_fields = ["symbol", "subject"]
    search_backend_name = None
    ordering = ["-date", "symbol"]
    list_per_page = 100
    list_export = ["symbol", "body", "date", "date_precision", "subject", "countries", "reference_kind", "vote"]
    export_filename = "icrtop-un-texts"


register_snippet(UNTextViewSet)
