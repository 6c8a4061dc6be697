"""Admin hooks of publishing: the crisis levels, under the "Coalition" menu (its ``submenu_hook``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from core.viewsets import OrderedTaxonomyViewSet

from .models import CrisisLevel


class CrisisLevelViewSet(OrderedTaxonomyViewSet):
    """Current crisis, imminent risk, serious concern, past…: gravest first (drag to reorder)."""

    model = CrisisLevel
    icon = "warning"
    menu_label = _("Crisis levels")
    menu_order = 360
    menu_hook = "register_coalition_menu_item"
    list_display = ["name", "slug", "tone", "sort_order"]


register_snippet(CrisisLevelViewSet)
