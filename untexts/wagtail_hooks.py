"""Admin hooks of the tracker: the UN texts, under their own menu item, for staff to complete the list
(the staff-only checks are filterable, so what is still unchecked is easy to find)."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import UNText

# The staff check as "Yes"/"No" in words (templates/wagtailadmin/tables/boolean_cell.html), not "True"/"False".
VERIFIED = BooleanColumn(
    "verified", label=capfirst(UNText._meta.get_field("verified").verbose_name), sort_key="verified"
)


class UNTextViewSet(SnippetViewSet):
    model = UNText
    icon = "doc-full"
    menu_label = _("UN texts on RtoP")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["symbol", "subject", "body", "date", "reference_kind", VERIFIED]
    list_filter = ["body", "reference_kind", "verified"]
    search_fields = ["symbol", "subject"]
    search_backend_name = None
    ordering = ["-date", "symbol"]
    list_per_page = 100
    list_export = ["symbol", "body", "date", "date_precision", "subject", "countries", "reference_kind", "vote"]
    export_filename = "icrtop-un-texts"


register_snippet(UNTextViewSet)
