"""Admin hooks of the pages app: the "Coalition" menu. (The translation status report and what
translators may not do are the ``translations`` app's hooks.)"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.viewsets import TopicViewSet
from members.admin_views import MemberImportViewSet
from members.viewsets import MemberOrganisationViewSet, RegionViewSet, SectorViewSet
from offices.viewsets import OfficeViewSet


class CoalitionViewSetGroup(SnippetViewSetGroup):
    """The "Coalition" admin menu: members, their import, regions, sectors, topics and the offices.
    Assembled here, where the site may import every record app (they do not import each other)."""

    menu_label = _("Coalition")
    menu_icon = "group"
    menu_order = 250
    # Other apps add their items with this hook (a viewset's ``menu_hook``, or a MenuItem).
    submenu_hook = "register_coalition_menu_item"
    items = [MemberOrganisationViewSet, MemberImportViewSet, RegionViewSet, SectorViewSet, TopicViewSet, OfficeViewSet]


@hooks.register("register_admin_viewset")
def register_coalition_viewsets():
    return CoalitionViewSetGroup()
