"""Admin viewsets several apps share."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class OrderedTaxonomyViewSet(SnippetViewSet):
    """Regions, sectors, topics: a name, a slug, and an order set by drag and drop."""

    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    sort_order_field = "sort_order"


class TopicViewSet(OrderedTaxonomyViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 350
