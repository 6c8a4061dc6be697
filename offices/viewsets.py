"""The offices in the Wagtail admin: a listing with the facts staff check at a glance."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Office


class OfficeViewSet(SnippetViewSet):
    model = Office
    icon = "site"
    menu_label = _("Offices")
    menu_name = "offices"
    list_display = [
        "name",  # the first column links to the edit form
        Column("city", label=_("City"), sort_key="city"),
        Column("country", label=_("Country"), accessor="country.name", sort_key="country"),
        Column("phone", label=_("Phone"), accessor="phone_display"),
        BooleanColumn("published", label=_("Published"), sort_key="published"),
        Column("sort_order", label=_("Order"), sort_key="sort_order"),
    ]
    list_filter = ["published", "country"]
    ordering = ["sort_order", "pk"]
    # Search with the ORM over every language's name (a translated field has one column per language).
    search_backend_name = None
    search_fields = [build_localized_fieldname("name", code) for code, _name in settings.LANGUAGES] + [
        "city",
        "street_address",
        "postal_code",
        "organisation_line",
    ]
